import { EmptyState, PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/session";
import { listUpcomingClosures } from "@/lib/clinic/closures";
import { listRooms } from "@/lib/rooms/rooms";
import { DeclareClosureForm } from "./_components/declare-closure-form";
import { RemoveClosure } from "./_components/remove-closure";
import { SessionsInside } from "./_components/sessions-inside";

export const metadata = { title: "Closures" };

export default async function ClosuresPage() {
  const staff = await requirePermission("closure:manage");
  const [closures, rooms] = await Promise.all([listUpcomingClosures(staff), listRooms(staff.clinicId)]);
  return (
    <>
      <PageHeader
        title="Closures"
        description="Clinic holidays and rooms out of service. Nothing can be booked or planned inside one (P10). Sessions already booked inside a closure stay booked: they are listed so you can call the people concerned and move or cancel them."
      />
      <div className="grid gap-6 lg:grid-cols-[3fr_2fr]">
        <section aria-labelledby="upcoming" className="space-y-3">
          <h2 id="upcoming" className="text-lg font-semibold">
            Upcoming closures
          </h2>
          {closures.length === 0 ? (
            <EmptyState>No closures ahead.</EmptyState>
          ) : (
            <ul className="space-y-3">
              {closures.map((c) => (
                <li key={c.id} className="rounded-lg border border-stone-200 bg-white p-4 text-sm" data-testid="closure">
                  <p className="font-medium">
                    {c.room ? `${c.room} out of service` : "Whole clinic closed"} {c.span}
                  </p>
                  <p className="text-stone-600">{c.reason}</p>
                  <SessionsInside sessions={c.sessions} />
                  <RemoveClosure closureId={c.id} words={c.words} />
                </li>
              ))}
            </ul>
          )}
        </section>
        <DeclareClosureForm rooms={rooms.filter((r) => r.active).map((r) => ({ id: r.id, name: r.name }))} />
      </div>
    </>
  );
}
