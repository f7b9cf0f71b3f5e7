import Link from "next/link";
import { Badge, PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/session";
import { listRooms } from "@/lib/rooms/rooms";
import { AddRoomForm } from "./_components/add-room-form";

export const metadata = { title: "Rooms" };

export default async function RoomsPage() {
  const admin = await requirePermission("rooms:manage");
  const rooms = await listRooms(admin.clinicId);
  return (
    <>
      <PageHeader title="Rooms" description="Medicine sessions need a dosing-equipped room (P9). Open a room to edit it or take it out of use." />
      <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
        <table className="w-full self-start rounded-lg border border-stone-200 bg-white text-sm">
          <caption className="sr-only">Rooms</caption>
          <thead className="bg-stone-100 text-left text-stone-700">
            <tr>
              <th scope="col" className="px-4 py-2">Room</th>
              <th scope="col" className="px-4 py-2">Capacity</th>
              <th scope="col" className="px-4 py-2">Dosing</th>
              <th scope="col" className="px-4 py-2">Status</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {rooms.map((r) => (
              <tr key={r.id} data-testid="room-row">
                <td className="px-4 py-2 font-medium">
                  <Link href={`/admin/rooms/${r.id}`} className="text-brand-700 underline">
                    {r.name}
                  </Link>
                </td>
                <td className="px-4 py-2">{r.capacity}</td>
                <td className="px-4 py-2">{r.dosingEquipped ? "Yes" : "No"}</td>
                <td className="px-4 py-2">{r.active ? <Badge tone="brand">Active</Badge> : <Badge tone="muted">Inactive</Badge>}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <AddRoomForm />
      </div>
    </>
  );
}
