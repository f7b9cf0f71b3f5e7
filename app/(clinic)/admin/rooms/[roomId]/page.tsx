import Link from "next/link";
import { Badge, PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/session";
import { loadOrNotFound } from "@/lib/pages/load-or-not-found";
import { getRoom } from "@/lib/rooms/rooms";
import { EditRoomForm, RoomActiveForm } from "../_components/edit-room-forms";

export const metadata = { title: "Room" };

export default async function RoomPage({ params }: { params: Promise<{ roomId: string }> }) {
  const admin = await requirePermission("rooms:manage");
  const { roomId } = await params;
  const room = await loadOrNotFound(roomId, (id) => getRoom(admin, id));
  return (
    <>
      <PageHeader title={`Room ${room.name}`} description="A change that would break a session already booked here is refused, with the sessions named (P9)." />
      <p className="mb-4 text-sm">
        {room.active ? <Badge tone="brand">Active</Badge> : <Badge tone="muted">Inactive</Badge>}{" "}
        <Link href="/admin/rooms" className="text-brand-700 underline">
          All rooms
        </Link>
      </p>
      <div className="grid gap-6 lg:grid-cols-2">
        {/* Not keyed: a saved change re-renders the page and each form keeps its answer in view. */}
        <EditRoomForm room={{ id: room.id, name: room.name, capacity: room.capacity, dosingEquipped: room.dosingEquipped }} />
        <RoomActiveForm room={{ id: room.id, name: room.name, active: room.active }} />
      </div>
    </>
  );
}
