import Link from "next/link";
import { BookSessionForm } from "@/components/scheduling/book-session-form";
import { SessionActions } from "@/components/scheduling/session-actions";
import { Badge, PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/session";
import { blockedSessionsForCouple } from "@/lib/clearance/blocked-sessions";
import { getClinic } from "@/lib/clinic/get-clinic";
import { coupleOptions } from "@/lib/couples/list-couples";
import { calendarDateOr, DATE_FIELDS } from "@/lib/input/calendar-date";
import { addClinicDays, clinicDate, formatClinicDay, formatClinicTime, formatClinicTimeRange, isoWeekday } from "@/lib/protocol/calendar";
import { isMedicine } from "@/lib/protocol/cycle";
import { settingsFromClinic } from "@/lib/protocol/settings";
import { SESSION_KIND_LABELS, type SessionKindName } from "@/lib/sessions/labels";
import { firstValue } from "@/lib/search-params";
import { integrationStart, roomSchedule } from "@/lib/sessions/room-schedule";
import { DayGrid } from "./_components/day-grid";
import { WeekTable } from "./_components/week-table";
import { dayCards, daySlots, weekCards, weekDays } from "./_components/cards";
import { sessionStepsFor } from "@/lib/scheduling/session-steps";
import { reachesRecord } from "@/lib/auth/reach-check";

export const metadata = { title: "Room calendar" };

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

type Search = { date?: string; view?: string; room?: string; time?: string; session?: string };

export default async function CalendarPage({ searchParams }: { searchParams: Promise<Search> }) {
  const staff = await requirePermission("calendar:read");
  const clinic = await getClinic(staff.clinicId);
  const tz = clinic.timeZone;
  const params = await searchParams;
  const requested = firstValue(params.date);
  const dateKey = calendarDateOr(requested, DATE_FIELDS.browse, clinicDate(new Date(), tz));
  const view = firstValue(params.view) === "week" ? "week" : "day";
  const weekStart = addClinicDays(dateKey, 1 - isoWeekday(dateKey, tz), tz);
  const { rooms, sessions, dayStart } = await roomSchedule(staff, tz, view === "week" ? weekStart : dateKey, view === "week" ? 7 : 1);
  const canBook = can(staff.roles, "session:book");
  const selected = sessions.find((s) => s.id === firstValue(params.session));
  const selectedIsMedicine = selected ? isMedicine(selected) : false;
  const integrationWindow = settingsFromClinic(clinic).integrationWindowDays;
  // P3 for the one session opened: whether a dosing partner lacks a clearance, never why.
  const selectedBlocked =
    selected?.coupleId && selectedIsMedicine && can(staff.roles, "clearance:status")
      ? (await blockedSessionsForCouple(staff, selected.coupleId)).has(selected.id)
      : false;
  // Only what the tables show goes to the client.
  const gridRooms = rooms.map(({ id, name, dosingEquipped }) => ({ id, name, dosingEquipped }));
  const slots = daySlots(clinic.opensAtMinute, clinic.closesAtMinute);
  const selectedIntegration = selected && selectedIsMedicine ? await integrationStart(staff.clinicId, selected.id) : null;
  // P13: the opened session's note, for those who reach it, once the session is completed.
  const selectedNote =
    selected?.status === "COMPLETED" && selected.kind !== "MEDICAL_EVALUATION" && can(staff.roles, "note:read") ? await reachesRecord(staff, "note:read", "note", selected.id) : false;
  const bookRoom = rooms.find((r) => r.id === firstValue(params.room));
  const bookTime = TIME.test(firstValue(params.time) ?? "") ? firstValue(params.time) : undefined;
  const step = view === "week" ? 7 : 1;
  const link = (date: string, v = view) => `/calendar?date=${date}${v === "week" ? "&view=week" : ""}`;

  return (
    <>
      <PageHeader
        title="Room calendar"
        description={`${view === "week" ? `Week of ${formatClinicDay(weekStart, tz)}` : formatClinicDay(dayStart, tz)} · times in ${tz}`}
        actions={
          <nav aria-label="Calendar" className="flex flex-wrap gap-2 text-sm">
            <Link className="rounded border border-stone-300 bg-white px-3 py-1.5" aria-current={view === "day" ? "page" : undefined} href={link(dateKey, "day")}>
              Day
            </Link>
            <Link className="rounded border border-stone-300 bg-white px-3 py-1.5" aria-current={view === "week" ? "page" : undefined} href={link(dateKey, "week")}>
              Week
            </Link>
            <Link className="rounded border border-stone-300 bg-white px-3 py-1.5" href={link(addClinicDays(dateKey, -step, tz))}>
              ← Previous
            </Link>
            <Link className="rounded border border-stone-300 bg-white px-3 py-1.5" href={link(clinicDate(new Date(), tz))}>
              Today
            </Link>
            <Link className="rounded border border-stone-300 bg-white px-3 py-1.5" href={link(addClinicDays(dateKey, step, tz))}>
              Next →
            </Link>
          </nav>
        }
      />

      {selected && (
        <section aria-labelledby="selected" className="mb-6 rounded-lg border border-brand-600 bg-white p-4 text-sm">
          <h2 id="selected" className="font-semibold">
            {SESSION_KIND_LABELS[selected.kind as SessionKindName]}, {formatClinicDay(selected.startsAt, tz)} {formatClinicTimeRange(selected.startsAt, selected.endsAt, tz)}
          </h2>
          <p className="mb-2 text-stone-600">
            {selected.label ?? "Booked"} · {rooms.find((r) => r.id === selected.roomId)?.name ?? "Telehealth"}
          </p>
          {selectedBlocked && (
            <p className="mb-2" data-testid="session-blocked">
              <Badge tone="danger">Blocked: not cleared for this date (P3)</Badge>
            </p>
          )}
          {selectedNote && (
            <p className="mb-2">
              <Link className="text-brand-700 underline" href={`/sessions/${selected.id}/note`}>
                Session note
              </Link>
            </p>
          )}
          <SessionActions
            rooms={rooms}
            integrationWindow={integrationWindow}
            can={await sessionStepsFor(staff, selected.id)}
            session={{
              id: selected.id,
              kind: selected.kind,
              status: selected.status,
              label: `${SESSION_KIND_LABELS[selected.kind as SessionKindName]} on ${formatClinicDay(selected.startsAt, tz)}`,
              date: clinicDate(selected.startsAt, tz),
              time: formatClinicTime(selected.startsAt, tz),
              roomId: selected.roomId,
              isMedicine: selectedIsMedicine,
              integration: selectedIntegration ? { date: clinicDate(selectedIntegration, tz), time: formatClinicTime(selectedIntegration, tz) } : null,
            }}
          />
        </section>
      )}

      {canBook && bookRoom && (
        <section id="book" className="mb-6">
          <BookSessionForm
            key={`${dateKey}-${bookRoom.id}-${bookTime}`}
            couples={await coupleOptions(staff)}
            partners={[]}
            rooms={rooms}
            psychiatrists={[]}
            kinds={["COUPLES_THERAPY"]}
            defaultDate={dateKey}
            defaultRoomId={bookRoom.id}
            defaultTime={bookTime}
            integrationWindow={integrationWindow}
          />
        </section>
      )}

      {rooms.length === 0 ? (
        <p className="text-sm text-stone-600">No active rooms. An admin can add rooms under Rooms.</p>
      ) : view === "week" ? (
        <WeekTable
          days={weekDays(weekStart, tz, clinic.openWeekdays)}
          rooms={gridRooms}
          cards={weekCards(sessions, tz)}
          canBook={canBook}
        />
      ) : (
        <DayGrid
          dateKey={dateKey}
          dayName={formatClinicDay(dayStart, tz)}
          slots={slots}
          rooms={gridRooms}
          cards={dayCards(sessions, tz, slots, clinic.closesAtMinute)}
          canBook={canBook}
        />
      )}
    </>
  );
}
