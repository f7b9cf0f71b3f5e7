// The cycle planner: proposes a couple's whole KAP cycle in protocol order (intakes, medical
// evaluations, joint preparations, then each medicine session with its integration inside the
// window), each in a free room of the right kind with free clinicians and partners, inside
// opening hours and the couple's preferences, by the finish date when one is given. Where it puts
// a session later than the couple's days would have it, or cannot place it, it says which
// constraint took which days (plan-explanations.ts). Pure: the caller passes who is busy when, so
// the planner never touches the database; the engine then judges the plan like any booking.
import { randomUUID } from "node:crypto";
import {
  addClinicDays,
  atClinicTime,
  calendarDaysBetween,
  clinicDate,
  closureOver,
  formatClinicDay,
  hoursOn,
  integrationWindowWords,
  isMedicine,
  isOpenDay,
  isoWeekday,
  medicineDayWorks,
  openWindowDays,
  typicalComposition,
  withinOpeningHours,
  type ClinicDay,
  type CycleSnapshot,
  type NewSession,
  type SessionKind,
} from "../protocol";
import { headCount } from "../protocol/rules/p9-rooms";
import { dayBlockWords, explainDays, type DayBlock, type SlotBlock } from "./plan-explanations";

export type DayPart = "morning" | "afternoon" | "evening";
export const DAY_PARTS: Record<DayPart, { from: number; to: number; label: string }> = {
  morning: { from: 8 * 60, to: 12 * 60, label: "Morning (08–12)" },
  afternoon: { from: 12 * 60, to: 17 * 60, label: "Afternoon (12–17)" },
  evening: { from: 17 * 60, to: 20 * 60, label: "Evening (17–20)" },
};

export type PlanPreferences = {
  startDate: ClinicDay;
  /** ISO weekdays the couple can come (1 = Monday). */
  weekdays: number[];
  dayParts: DayPart[];
  psychiatristId: string;
  /** Taking Turns: who journeys first; the other partner journeys next (P5). */
  firstJourneyerId?: string;
  /** Low Dose Together: how many medicine sessions in the series (P7 bounds). */
  seriesLength?: number;
  /** The last day any session of the plan may fall on: what cannot be placed by then is not placed, and the plan says why. */
  finishBy?: ClinicDay;
};

type Interval = { start: number; end: number };
/** Who is already busy: non-cancelled sessions of the whole clinic, by room, clinician and partner. */
export type BusyTimes = Map<string, Interval[]>;

export type PlannedSession = NewSession & { step: string };
export type PlanResult = {
  sessions: PlannedSession[];
  /** Sessions it could not place: why, and which constraint took which of the couple's days (plan-explanations.ts). */
  blocked: { step: string; reason: string; why: string[] }[];
  /** Sessions placed later than the couple's days would have them: the day, and what took each day before it. */
  later: { step: string; day: ClinicDay; why: string[] }[];
};

type Step = {
  label: string;
  kind: SessionKind;
  partnerIds: string[];
  clinicianIds: string[];
  journeyerId: string | null;
  medicineStep?: number;
  /** Not before the end of these steps; integrations also lie in their window. */
  after: number[];
};

const SLOT_MINUTES = 30;
const HORIZON_DAYS = 90;

/** What the cycle still needs, in protocol order, given what is already booked in it. */
function stepsFor(snapshot: CycleSnapshot, prefs: PlanPreferences): Step[] {
  const { cycle, couple, settings } = snapshot;
  const [a, b] = couple.partners;
  const typical = typicalComposition(cycle.model, cycle.format, settings);
  const live = snapshot.sessions.filter((s) => (s.cycleId === undefined || s.cycleId === cycle.id) && s.status !== "CANCELLED" && s.status !== "NO_SHOW");
  const has = (kind: SessionKind, partnerId?: string) => live.filter((s) => s.kind === kind && (!partnerId || s.partnerIds.includes(partnerId))).length;
  const steps: Step[] = [];
  const add = (step: Omit<Step, "after"> & { after?: number[] }) => steps.push({ after: [], ...step }) - 1;
  const intakes = [a, b]
    .filter((p) => has("INTAKE", p.id) === 0)
    .map((p) => add({ label: `Intake: ${p.name}`, kind: "INTAKE", partnerIds: [p.id], clinicianIds: [p.kapTherapistId], journeyerId: null }));
  const evaluations = [a, b]
    .filter((p) => has("MEDICAL_EVALUATION", p.id) === 0 && !snapshot.clearances.some((c) => c.clientId === p.id && c.signed && !c.revoked))
    .map((p) => add({ label: `Medical evaluation: ${p.name}`, kind: "MEDICAL_EVALUATION", partnerIds: [p.id], clinicianIds: [prefs.psychiatristId], journeyerId: null, after: intakes }));
  const preparations: number[] = [];
  for (let i = has("PREPARATION"); i < typical.PREPARATION.min; i++) {
    preparations.push(
      add({ label: `Joint preparation ${i + 1}`, kind: "PREPARATION", partnerIds: [a.id, b.id], clinicianIds: [couple.couplesTherapistId], journeyerId: null, after: [...intakes, ...preparations] }),
    );
  }
  const medicineKind: SessionKind = cycle.model === "TAKING_TURNS" ? "MEDICINE_TAKING_TURNS" : "MEDICINE_LOW_DOSE";
  const wanted = cycle.model === "LOW_DOSE_TOGETHER" ? Math.min(Math.max(prefs.seriesLength ?? typical.MEDICINE.min, typical.MEDICINE.min), typical.MEDICINE.max) : typical.MEDICINE.max;
  const first = prefs.firstJourneyerId === b.id ? b : a;
  const journeyers = [first, first === a ? b : a];
  let previous = [...intakes, ...evaluations, ...preparations];
  for (let i = has(medicineKind); i < wanted; i++) {
    const journeyer = cycle.model === "TAKING_TURNS" ? journeyers[i % 2] : null;
    const medicine = add({
      label: journeyer ? `Medicine session ${i + 1}: ${journeyer.name} journeys` : `Medicine session ${i + 1}`,
      kind: medicineKind,
      partnerIds: [a.id, b.id],
      clinicianIds: [couple.couplesTherapistId],
      journeyerId: journeyer?.id ?? null,
      after: previous,
    });
    const integration = add({ label: `Integration ${i + 1}`, kind: "INTEGRATION", partnerIds: [a.id, b.id], clinicianIds: [couple.couplesTherapistId], journeyerId: null, medicineStep: medicine, after: [medicine] });
    previous = [integration];
  }
  return steps;
}

export function planCycle(snapshot: CycleSnapshot, busy: BusyTimes, prefs: PlanPreferences, now: Date): PlanResult {
  const { settings } = snapshot;
  const tz = settings.timeZone;
  const taken: BusyTimes = new Map([...busy].map(([k, v]) => [k, [...v]]));
  const isFree = (key: string, slot: Interval) => !(taken.get(key) ?? []).some((b) => b.start < slot.end && slot.start < b.end);
  const take = (key: string, slot: Interval) => taken.set(key, [...(taken.get(key) ?? []), slot]);
  const rooms = snapshot.rooms.filter((r) => r.active);
  const parts = prefs.dayParts.length ? prefs.dayParts : (Object.keys(DAY_PARTS) as DayPart[]);
  const isOpen = (day: ClinicDay) => isOpenDay(day, settings);
  const nameOf = peopleNames(snapshot);

  const steps = stepsFor(snapshot, prefs);
  const placed: (PlannedSession | undefined)[] = [];
  const blocked: PlanResult["blocked"] = [];
  const later: PlanResult["later"] = [];

  steps.forEach((step, index) => {
    if (step.after.some((i) => !placed[i])) {
      blocked.push({ step: step.label, reason: "an earlier session of the plan could not be placed", why: [] });
      return;
    }
    const earliest = Math.max(now.getTime(), ...step.after.map((i) => placed[i]!.endsAt.getTime()));
    const minutes = settings.sessionMinutes[step.kind];
    const medicine = step.medicineStep !== undefined ? placed[step.medicineStep]! : null;
    // An integration's days are the window's; other sessions take the couple's days, from the start date.
    const firstDay = medicine ? addClinicDays(clinicDate(medicine.startsAt, tz), settings.integrationWindowDays.min, tz) : maxDay(prefs.startDate, clinicDate(new Date(earliest), tz), tz);
    const horizon = medicine ? addClinicDays(clinicDate(medicine.startsAt, tz), settings.integrationWindowDays.max, tz) : addClinicDays(prefs.startDate, HORIZON_DAYS, tz);
    // The finish date bounds every session of the plan, an integration's window too.
    const byFinish = prefs.finishBy !== undefined && calendarDaysBetween(prefs.finishBy, horizon, tz) > 0;
    const lastDay = byFinish ? prefs.finishBy! : horizon;
    const previousDay = index > 0 && placed[index - 1] ? clinicDate(placed[index - 1]!.startsAt, tz) : null;
    const counts = { hours: 0, people: 0, room: 0 };
    const fitting = roomsFor(step, rooms);

    // Every day in range, then the open ones; the couple's days first. An integration may fall on
    // another open day when its window holds none of theirs: the window (P4) comes before preference.
    const inRange: ClinicDay[] = [];
    for (let day = firstDay; calendarDaysBetween(day, lastDay, tz) >= 0; day = addClinicDays(day, 1, tz)) inRange.push(day);
    const days = inRange.filter(isOpen);
    const couples = (d: ClinicDay) => prefs.weekdays.includes(isoWeekday(d, tz));
    const preferred = days.filter(couples);
    // A medicine session goes first on a day whose integration window holds one of the couple's
    // days, then on one whose window holds another open day; never on one whose window is all
    // closed days (P4: its integration would have nowhere to go), nor past the finish date.
    const windowFits = (day: ClinicDay) => openWindowDays(day, settings).some(couples);
    const integrationFits = (day: ClinicDay) => !prefs.finishBy || openWindowDays(day, settings).some((d) => calendarDaysBetween(d, prefs.finishBy!, tz) >= 0);
    const candidates = medicine
      ? [...preferred, ...days.filter((d) => !preferred.includes(d))]
      : isMedicine(step)
        ? [...preferred.filter((d) => windowFits(d) && integrationFits(d)), ...preferred.filter((d) => !windowFits(d) && medicineDayWorks(d, settings) && integrationFits(d))]
        : preferred;
    const allWindowsClosed = isMedicine(step) && preferred.length > 0 && !preferred.some((d) => medicineDayWorks(d, settings));

    /** What took each day the planner tried (plan-explanations.ts), by day. */
    const tried = new Map<ClinicDay, string>();
    let found: PlannedSession | undefined;
    for (const day of candidates) {
      if (found) break;
      // One KAP session a day for the couple, except the two intakes.
      if (!medicine && previousDay === day && !(step.kind === "INTAKE" && placed[index - 1]?.kind === "INTAKE")) continue;
      const hours = hoursOn(settings, day);
      const windows = medicine && hours ? [...parts.map((p) => DAY_PARTS[p]), { from: hours.opensAtMinute, to: hours.closesAtMinute }] : parts.map((p) => DAY_PARTS[p]);
      const slots: SlotBlock[] = [];
      for (const window of windows) {
        for (let minute = window.from; !found && minute + minutes <= window.to; minute += SLOT_MINUTES) {
          const startsAt = atClinicTime(day, minute, tz);
          const endsAt = new Date(startsAt.getTime() + minutes * 60_000);
          const slot = { start: startsAt.getTime(), end: endsAt.getTime() };
          if (slot.start < earliest || !withinOpeningHours(startsAt, endsAt, settings)) {
            counts.hours++;
            slots.push({ kind: slot.start < earliest ? "early" : "hours" });
            continue;
          }
          // Nothing in a closure of the whole clinic (issue 14): a holiday over these times.
          if (closureOver(settings, startsAt, endsAt, null)) {
            counts.hours++;
            slots.push({ kind: "closed" });
            continue;
          }
          const busyPeople = [...step.clinicianIds, ...step.partnerIds].filter((id) => !isFree(id, slot));
          if (busyPeople.length > 0) {
            counts.people++;
            slots.push({ kind: "people", names: busyPeople.map(nameOf) });
            continue;
          }
          // A room out of service for these times (issue 14) is not offered; the clinic's own closures were above.
          const inService = (roomId: string) => !closureOver(settings, startsAt, endsAt, roomId);
          const room = fitting.find((r) => isFree(r.id, slot) && inService(r.id));
          // A medical evaluation can be held by telehealth.
          if (!room && step.kind !== "MEDICAL_EVALUATION") {
            counts.room++;
            slots.push(
              fitting.length > 0
                ? { kind: "rooms", booked: fitting.filter((r) => inService(r.id)).map((r) => r.name), outOfService: fitting.filter((r) => !inService(r.id)).map((r) => r.name) }
                : { kind: "no-room", words: noRoomWords(step) },
            );
            continue;
          }
          found = {
            id: randomUUID(),
            step: step.label,
            kind: step.kind,
            startsAt,
            endsAt,
            roomId: room?.id ?? null,
            journeyerId: step.journeyerId,
            medicineSessionId: medicine?.id ?? null,
            clinicianIds: step.clinicianIds,
            partnerIds: step.partnerIds,
          };
        }
        if (found) break;
      }
      if (!found) tried.set(day, dayBlockWords(slots));
    }

    // Days it did not try: a closure took them, or P4 or the finish date ruled out a medicine
    // session there. A weekday the clinic never opens, or a day left for the couple's preference,
    // is not the couple's to lose.
    const closedByClosure = (day: ClinicDay) => settings.openWeekdays.includes(isoWeekday(day, tz)) && !isOpen(day);
    const skippedFor = (day: ClinicDay): string | null => {
      if (!isOpen(day)) return closedByClosure(day) ? "clinic closed" : null;
      if (!isMedicine(step) || medicine) return null;
      if (!medicineDayWorks(day, settings)) {
        const window = Array.from({ length: settings.integrationWindowDays.max - settings.integrationWindowDays.min + 1 }, (_, i) => addClinicDays(day, settings.integrationWindowDays.min + i, tz));
        return window.some(closedByClosure) ? "clinic closed on the days of its integration" : null;
      }
      return integrationFits(day) ? null : "its integration would fall after the finish date";
    };
    // Which of the couple's days before the one it got (every one, when it got none) were taken, and by what.
    const foundDay = found ? clinicDate(found.startsAt, tz) : null;
    const blocks: DayBlock[] = inRange
      .filter((d) => (medicine || couples(d)) && (foundDay === null || calendarDaysBetween(d, foundDay, tz) > 0))
      .flatMap((d) => {
        const why = tried.get(d) ?? skippedFor(d);
        return why ? [{ day: d, why }] : [];
      });
    const why = explainDays(blocks, tz, isOpen);

    if (!found) {
      const reason = allWindowsClosed
        ? `P4: after each of the chosen days, its integration (${integrationWindowWords(settings.integrationWindowDays)} later) would fall on days the clinic is closed; choose other days`
        : byFinish && inRange.length === 0
          ? `the finish date, ${formatClinicDay(lastDay, tz)}, leaves no day for it`
          : blockedReason(step, counts, medicine ? `in its window (${formatClinicDay(firstDay, tz)}–${formatClinicDay(lastDay, tz)})` : byFinish ? `by the finish date, ${formatClinicDay(lastDay, tz)}` : null);
      blocked.push({ step: step.label, reason, why });
      return;
    }
    if (why.length > 0) later.push({ step: step.label, day: foundDay!, why });
    placed[index] = found;
    const slot = { start: found.startsAt.getTime(), end: found.endsAt.getTime() };
    for (const id of [...found.clinicianIds, ...found.partnerIds, ...(found.roomId ? [found.roomId] : [])]) take(id, slot);
  });
  return { sessions: placed.filter((s): s is PlannedSession => Boolean(s)), blocked, later };
}

/**
 * The active rooms that fit the step (P9: its head count, and dosing equipment for a medicine
 * session), in the order the planner tries them: dosing rooms kept for medicine sessions while a
 * therapy room is free.
 */
function roomsFor(step: Step, rooms: CycleSnapshot["rooms"]): CycleSnapshot["rooms"] {
  const medicine = isMedicine(step);
  // By name: the same plan for the same picture, and the explanations name the rooms in order.
  const fits = rooms.filter((r) => r.capacity >= headCount(step) && (!medicine || r.dosingEquipped)).sort((a, b) => a.name.localeCompare(b.name));
  return medicine ? fits : [...fits.filter((r) => !r.dosingEquipped), ...fits.filter((r) => r.dosingEquipped)];
}

function noRoomWords(step: Step): string {
  return `no ${isMedicine(step) ? "dosing-equipped " : ""}room in use holds ${headCount(step)} people`;
}

/** Who is who, for the explanations: the clinic's staff by name, the partners by their first (or preferred) name. */
function peopleNames(snapshot: CycleSnapshot): (id: string) => string {
  const names = new Map<string, string>([...(snapshot.staff ?? []).map((s) => [s.id, s.name] as const), ...snapshot.couple.partners.map((p) => [p.id, p.name] as const)]);
  return (id) => names.get(id) ?? "someone";
}

function blockedReason(step: Step, counts: { hours: number; people: number; room: number }, within: string | null): string {
  const where = ` ${within ?? "in the next 90 days on the chosen days and times"}`;
  if (counts.room >= counts.people && counts.room > 0) {
    const kind = isMedicine(step) ? "dosing-equipped room" : "room";
    return `no ${kind} is free when the couple and the clinician are${where}`;
  }
  if (counts.people > 0) return `the clinician or a partner is booked at every free time${where}`;
  if (counts.hours === 0) return `none of the chosen days works${where}`;
  return `no time inside opening hours and the chosen times${where}`;
}

function maxDay(a: ClinicDay, b: ClinicDay, tz: string): ClinicDay {
  return calendarDaysBetween(a, b, tz) > 0 ? b : a;
}
