import { TZDate } from "@date-fns/tz";
import { addDays } from "date-fns";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/session";
import { getClinic } from "@/lib/clinic/get-clinic";
import { clinicDateKey, formatClinicDate, formatClinicTime } from "@/lib/format/clinic-time";
import { SESSION_KIND_LABELS, SESSION_STATUS_LABELS } from "@/lib/sessions/labels";
import { roomDaySchedule } from "@/lib/sessions/room-day";

export const metadata = { title: "Room calendar" };

const DATE_KEY = /^\d{4}-\d{2}-\d{2}$/;

export default async function CalendarPage({ searchParams }: { searchParams: Promise<{ date?: string }> }) {
  const staff = await requirePermission("calendar:read");
  const clinic = await getClinic(staff.clinicId);
  const requested = (await searchParams).date;
  const dateKey = requested && DATE_KEY.test(requested) && !Number.isNaN(Date.parse(requested)) ? requested : clinicDateKey(new Date(), clinic.timeZone);
  const { rooms, sessions, dayStart } = await roomDaySchedule(staff, clinic.timeZone, dateKey);
  const day = new TZDate(dayStart.getTime(), clinic.timeZone);
  const shift = (n: number) => clinicDateKey(addDays(day, n), clinic.timeZone);
  const telehealth = sessions.filter((s) => s.roomId === null);

  return (
    <>
      <PageHeader
        title="Room calendar"
        description={`${formatClinicDate(dayStart, clinic.timeZone)} · times in ${clinic.timeZone}`}
        actions={
          <nav aria-label="Choose day" className="flex gap-2 text-sm">
            <Link className="rounded border border-stone-300 bg-white px-3 py-1.5" href={`/calendar?date=${shift(-1)}`}>
              ← Previous day
            </Link>
            <Link className="rounded border border-stone-300 bg-white px-3 py-1.5" href="/calendar">
              Today
            </Link>
            <Link className="rounded border border-stone-300 bg-white px-3 py-1.5" href={`/calendar?date=${shift(1)}`}>
              Next day →
            </Link>
          </nav>
        }
      />
      <div className="grid gap-3" style={{ gridTemplateColumns: `repeat(${Math.max(rooms.length, 1)}, minmax(10rem, 1fr))` }}>
        {rooms.map((room) => {
          const booked = sessions.filter((s) => s.roomId === room.id);
          return (
            <section key={room.id} aria-label={`Room ${room.name}`} className="rounded-lg border border-stone-200 bg-white" data-testid="room-column">
              <h2 className="border-b border-stone-100 px-3 py-2 text-sm font-semibold">
                {room.name}
                {room.dosingEquipped && <span className="ml-2 text-xs font-normal text-brand-700">dosing</span>}
              </h2>
              <ul className="space-y-2 p-2">
                {booked.length === 0 && <li className="px-1 py-2 text-xs text-stone-500">Free all day</li>}
                {booked.map((s) => (
                  <li key={s.id} className={`rounded border px-2 py-1.5 text-xs ${s.status === "CANCELLED" ? "border-stone-200 text-stone-400 line-through" : "border-brand-100 bg-brand-50"}`}>
                    <p className="font-mono">
                      {formatClinicTime(s.startsAt, clinic.timeZone)}–{formatClinicTime(s.endsAt, clinic.timeZone)}
                    </p>
                    <p className="font-medium">{SESSION_KIND_LABELS[s.kind as keyof typeof SESSION_KIND_LABELS]}</p>
                    <p>{s.coupleId ? <Link className="underline" href={`/couples/${s.coupleId}`}>{s.label}</Link> : "Booked"}</p>
                    <p className="text-stone-600">{SESSION_STATUS_LABELS[s.status as keyof typeof SESSION_STATUS_LABELS]}</p>
                  </li>
                ))}
              </ul>
            </section>
          );
        })}
      </div>
      {telehealth.length > 0 && (
        <p className="mt-4 text-sm text-stone-600">
          Telehealth (no room): {telehealth.map((s) => `${formatClinicTime(s.startsAt, clinic.timeZone)} ${SESSION_KIND_LABELS[s.kind as keyof typeof SESSION_KIND_LABELS]}`).join(", ")}
        </p>
      )}
    </>
  );
}
