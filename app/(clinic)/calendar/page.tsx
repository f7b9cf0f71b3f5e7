import Link from "next/link";
import { BookSessionForm } from "@/components/scheduling/book-session-form";
import { CouplePicker } from "@/components/scheduling/couple-picker";
import { SessionActions } from "@/components/scheduling/session-actions";
import { Badge, PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { reachesRecord } from "@/lib/auth/reach-check";
import { requirePermission } from "@/lib/auth/session";
import { blockedSessionsForCouple } from "@/lib/clearance/blocked-sessions";
import { getClinic } from "@/lib/clinic/get-clinic";
import { openingDaysOf } from "@/lib/clinic/opening-hours";
import { coupleChoice } from "@/lib/couples/search-couples";
import { calendarDateOr, DATE_FIELDS } from "@/lib/input/calendar-date";
import { addClinicDays, clinicDate, clinicMinuteOfDay, formatClinicDay, formatClinicTime, formatClinicTimeRange, isoWeekday } from "@/lib/protocol/calendar";
import { isMedicine } from "@/lib/protocol/cycle";
import { settingsFromClinic } from "@/lib/protocol/settings";
import { sessionStepsFor } from "@/lib/scheduling/session-steps";
import { firstValue } from "@/lib/search-params";
import { SESSION_KIND_LABELS, type SessionKindName } from "@/lib/sessions/labels";
import { integrationStart, roomSchedule, type ScheduleFilters } from "@/lib/sessions/room-schedule";
import { Board } from "./_components/board";
import { BoardMove } from "./_components/board-move";
import { blocksOf, dayColumns, roomColumns, visibleRange } from "./_components/board-model";
import { KIND_ORDER, KIND_STYLES } from "./_components/kinds";

export const metadata = { title: "Room calendar" };

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuidOr = (value: string | undefined) => (value && UUID.test(value) ? value : undefined);
const control = "rounded border border-stone-300 bg-white px-2 py-1";

type Search = Record<"date" | "view" | "of" | "clinician" | "rooms" | "couple" | "book" | "time" | "session", string | string[] | undefined>;

export default async function CalendarPage({ searchParams }: { searchParams: Promise<Partial<Search>> }) {
  const staff = await requirePermission("calendar:read");
  const clinic = await getClinic(staff.clinicId);
  const tz = clinic.timeZone;
  const settings = settingsFromClinic(clinic);
  const params = await searchParams;
  const param = (name: keyof Search) => firstValue(params[name]);
  const today = clinicDate(new Date(), tz);
  const dateKey = calendarDateOr(param("date"), DATE_FIELDS.browse, today);
  const view = param("view") === "week" ? "week" : "day";
  const weekStart = addClinicDays(dateKey, 1 - isoWeekday(dateKey, tz), tz);
  // The filters: a clinician, a kind of room, a couple; in a week, whose week (a room or a clinician).
  const of = /^(room|clinician):(.+)$/.exec(param("of") ?? "");
  const weekRoomId = view === "week" && of?.[1] === "room" ? uuidOr(of[2]) : undefined;
  const weekClinicianId = view === "week" && of?.[1] === "clinician" ? uuidOr(of[2]) : undefined;
  const clinicianId = uuidOr(param("clinician"));
  const roomKind = param("rooms") === "dosing" || param("rooms") === "therapy" ? (param("rooms") as "dosing" | "therapy") : undefined;
  const coupleId = uuidOr(param("couple"));

  const filters: ScheduleFilters = { coupleId, roomKind: view === "day" ? roomKind : undefined, clinicianId };
  if (view === "week" && weekClinicianId) filters.clinicianId = weekClinicianId;
  const first = view === "week" ? weekStart : dateKey;
  const days = view === "week" ? 7 : 1;
  // A room's week: the room chosen, or the first room while none is.
  if (view === "week" && !weekClinicianId) filters.roomId = weekRoomId ?? "first";
  // The span's sessions, and each day's hours and closures (the clinic's and each room's; only the span's closures are read), side by side.
  const [{ rooms, clinicians, sessions, dayStart }, openings] = await Promise.all([roomSchedule(staff, tz, first, days, filters), openingDaysOf(clinic, first, days)]);
  const weekRoom = view === "week" && !weekClinicianId ? (rooms.find((r) => r.id === weekRoomId) ?? rooms[0] ?? null) : null;
  const weekClinician = weekClinicianId ? clinicians.find((c) => c.id === weekClinicianId) : undefined;

  const boardRooms = rooms.filter((r) => !roomKind || r.dosingEquipped === (roomKind === "dosing"));
  const roomNames = new Map(rooms.map((r) => [r.id, r.name]));
  const columns = view === "week" ? dayColumns(openings, tz, today, weekRoom) : roomColumns(boardRooms, openings[0], tz, today);
  const blocks = blocksOf(sessions, columns, view === "week" ? "day" : "room", tz, weekClinician ? roomNames : undefined);
  const range = visibleRange(openings, blocks, { from: clinic.opensAtMinute, to: clinic.closesAtMinute });

  const canBook = can(staff.roles, "session:book");
  const selected = sessions.find((s) => s.id === param("session"));
  const selectedIsMedicine = selected ? isMedicine(selected) : false;
  const integrationWindow = settings.integrationWindowDays;
  // P3 for the one session opened: whether a dosing partner lacks a clearance, never why.
  const selectedBlocked =
    selected?.coupleId && selectedIsMedicine && can(staff.roles, "clearance:status") ? (await blockedSessionsForCouple(staff, selected.coupleId)).has(selected.id) : false;
  const selectedIntegration = selected && selectedIsMedicine ? await integrationStart(staff.clinicId, selected.id) : null;
  // P13: the opened session's note, for those who reach it, once the session is completed.
  const selectedNote =
    selected?.status === "COMPLETED" && selected.kind !== "MEDICAL_EVALUATION" && can(staff.roles, "note:read") ? await reachesRecord(staff, "note:read", "note", selected.id) : false;
  const formRooms = rooms.map(({ id, name, dosingEquipped }) => ({ id, name, dosingEquipped }));
  const bookRoom = canBook ? rooms.find((r) => r.id === param("book")) : undefined;
  const bookTime = TIME.test(param("time") ?? "") ? param("time") : undefined;
  // The dates closed whole in the month from the slot's day (holidays, weekdays the clinic keeps
  // closed): the form proposes the integration on the first open day of its window (P4).
  const closedAhead = bookRoom ? (await openingDaysOf(clinic, dateKey, 31)).filter((d) => !d.open).map((d) => d.day) : [];
  // The couple filter's couple, named for the picker (only one the viewer reaches).
  const filterCouple = coupleId ? await coupleChoice(staff, coupleId) : null;

  // Every link keeps the view and the filters.
  const keep = new URLSearchParams();
  if (view === "week") keep.set("view", "week");
  if (view === "week" && (weekRoom || weekClinician)) keep.set("of", weekClinician ? `clinician:${weekClinician.id}` : `room:${weekRoom!.id}`);
  if (clinicianId) keep.set("clinician", clinicianId);
  if (roomKind) keep.set("rooms", roomKind);
  if (filterCouple) keep.set("couple", filterCouple.id);
  const base = `/calendar${keep.toString() ? `?${keep}` : ""}`;
  const link = (date: string, v: "day" | "week" = view) => {
    const next = new URLSearchParams(keep);
    if (v === "day") {
      next.delete("view");
      next.delete("of");
    } else next.set("view", "week");
    next.set("date", date);
    return `/calendar?${next}`;
  };
  const step = view === "week" ? 7 : 1;
  const whose = weekClinician ? weekClinician.name : weekRoom?.name;

  return (
    <>
      <PageHeader
        title="Room calendar"
        description={`${view === "week" ? `${whose ?? "Week"}, week of ${formatClinicDay(weekStart, tz)}` : formatClinicDay(dayStart, tz)} · times in ${tz}`}
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
            <Link className="rounded border border-stone-300 bg-white px-3 py-1.5" href={link(today)}>
              Today
            </Link>
            <Link className="rounded border border-stone-300 bg-white px-3 py-1.5" href={link(addClinicDays(dateKey, step, tz))}>
              Next →
            </Link>
          </nav>
        }
      />

      {/* The filters: a plain GET form, so every view is an address to share or reload. */}
      {/* Keyed by the filters: after a client-side navigation (Clear filters, Today) its fields show the address's values, not the last ones chosen. */}
      <form key={keep.toString()} method="get" action="/calendar" className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-stone-200 bg-white p-3 text-sm" aria-label="Filters">
        <input type="hidden" name="date" value={dateKey} />
        {view === "week" && <input type="hidden" name="view" value="week" />}
        {view === "week" && (
          <label className="flex flex-col">
            Week of
            <select name="of" defaultValue={weekClinician ? `clinician:${weekClinician.id}` : weekRoom ? `room:${weekRoom.id}` : ""} className={control}>
              <optgroup label="Rooms">
                {rooms.map((r) => (
                  <option key={r.id} value={`room:${r.id}`}>
                    {r.name}
                    {r.dosingEquipped ? " (dosing)" : ""}
                  </option>
                ))}
              </optgroup>
              <optgroup label="Clinicians">
                {clinicians.map((c) => (
                  <option key={c.id} value={`clinician:${c.id}`}>
                    {c.name}
                  </option>
                ))}
              </optgroup>
            </select>
          </label>
        )}
        {!weekClinician && (
          <label className="flex flex-col">
            Clinician
            <select name="clinician" defaultValue={clinicianId ?? ""} className={control}>
              <option value="">All clinicians</option>
              {clinicians.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
        )}
        {view === "day" && (
          <label className="flex flex-col">
            Rooms
            <select name="rooms" defaultValue={roomKind ?? ""} className={control}>
              <option value="">All rooms</option>
              <option value="dosing">Dosing rooms</option>
              <option value="therapy">Therapy rooms</option>
            </select>
          </label>
        )}
        <CouplePicker name="couple" label="Couple (filter)" initial={filterCouple} className="min-w-56" />
        <button type="submit" className="rounded-md bg-brand-600 px-3 py-1.5 font-medium text-white hover:bg-brand-700">
          Show
        </button>
        <Link href={`/calendar?date=${dateKey}${view === "week" ? "&view=week" : ""}`} className="py-1.5 text-brand-700 underline">
          Clear filters
        </Link>
      </form>

      {selected && (
        <section aria-labelledby="selected" className="mb-6 rounded-lg border border-brand-600 bg-white p-4 text-sm">
          <h2 id="selected" className="font-semibold">
            {SESSION_KIND_LABELS[selected.kind as SessionKindName]}, {formatClinicDay(selected.startsAt, tz)} {formatClinicTimeRange(selected.startsAt, selected.endsAt, tz)}
          </h2>
          <p className="mb-2 text-stone-600">
            {selected.label ?? "Booked"} · {rooms.find((r) => r.id === selected.roomId)?.name ?? "Telehealth"}
            {selected.clinicians && ` · ${selected.clinicians}`}
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
            rooms={formRooms}
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

      {bookRoom && (
        <section id="book" className="mb-6">
          <BookSessionForm
            key={`${dateKey}-${bookRoom.id}-${bookTime}`}
            initialCouple={filterCouple}
            partners={[]}
            rooms={formRooms}
            psychiatrists={clinicians.filter((c) => c.roles.includes("PSYCHIATRIST")).map(({ id, name }) => ({ id, name }))}
            kinds={[]}
            defaultDate={dateKey}
            defaultRoomId={bookRoom.id}
            defaultTime={bookTime}
            integrationWindow={integrationWindow}
            sessionMinutes={settings.sessionMinutes}
            openDays={{ weekdays: settings.openWeekdays, closed: closedAhead }}
          />
        </section>
      )}

      <ul aria-label="Kinds of session" className="mb-3 flex flex-wrap gap-2 text-xs">
        {KIND_ORDER.map((k) => (
          <li key={k} className={`rounded border border-stone-300 border-l-4 px-2 py-0.5 ${KIND_STYLES[k]}`}>
            {SESSION_KIND_LABELS[k]}
          </li>
        ))}
        <li className="cal-shade relative rounded border border-stone-300 px-2 py-0.5">Closed</li>
      </ul>

      {columns.length === 0 ? (
        <p className="text-sm text-stone-600">{rooms.length === 0 ? "No active rooms. An admin can add rooms under Rooms." : "No rooms of this kind."}</p>
      ) : (
        <Board
          caption={view === "week" ? `Sessions of ${whose ?? ""} by day, the week from ${formatClinicDay(weekStart, tz)}` : `Sessions by room on ${formatClinicDay(dayStart, tz)}`}
          columns={columns}
          blocks={blocks}
          from={range.from}
          to={range.to}
          base={base}
          canBook={canBook}
          timeZone={tz}
          now={clinicMinuteOfDay(new Date(), tz)}
        />
      )}
      {/* Drag a block to move it (issue 14): the verdict first, then the move on the user's word. */}
      {columns.length > 0 && can(staff.roles, "session:move") && <BoardMove rooms={formRooms} timeZone={tz} integrationWindow={integrationWindow} />}
    </>
  );
}
