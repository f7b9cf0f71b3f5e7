// The cycle planner: proposes a couple's whole KAP cycle in protocol order (intakes, medical
// evaluations, joint preparations, then each medicine session with its integration inside the
// window), each in a free room of the right kind with free clinicians and partners, inside
// opening hours and the couple's preferences. Pure: the caller passes who is busy when, so the
// planner never touches the database; the engine then judges the plan like any booking.
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
};

type Interval = { start: number; end: number };
/** Who is already busy: non-cancelled sessions of the whole clinic, by room, clinician and partner. */
export type BusyTimes = Map<string, Interval[]>;

export type PlannedSession = NewSession & { step: string };
export type PlanResult = { sessions: PlannedSession[]; blocked: { step: string; reason: string }[] };

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
  // A room out of service (issue 14) is busy for its span; closures of the whole clinic are outside hours, below.
  for (const c of settings.closures ?? []) if (c.roomId) take(c.roomId, { start: c.startsAt.getTime(), end: c.endsAt.getTime() });
  const rooms = snapshot.rooms.filter((r) => r.active);
  const parts = prefs.dayParts.length ? prefs.dayParts : (Object.keys(DAY_PARTS) as DayPart[]);

  const steps = stepsFor(snapshot, prefs);
  const placed: (PlannedSession | undefined)[] = [];
  const blocked: PlanResult["blocked"] = [];

  steps.forEach((step, index) => {
    if (step.after.some((i) => !placed[i])) {
      blocked.push({ step: step.label, reason: "an earlier session of the plan could not be placed" });
      return;
    }
    const earliest = Math.max(now.getTime(), ...step.after.map((i) => placed[i]!.endsAt.getTime()));
    const minutes = settings.sessionMinutes[step.kind];
    const medicine = step.medicineStep !== undefined ? placed[step.medicineStep]! : null;
    // An integration's days are the window's; other sessions take the couple's days, from the start date.
    const firstDay = medicine ? addClinicDays(clinicDate(medicine.startsAt, tz), settings.integrationWindowDays.min, tz) : maxDay(prefs.startDate, clinicDate(new Date(earliest), tz), tz);
    const lastDay = medicine ? addClinicDays(clinicDate(medicine.startsAt, tz), settings.integrationWindowDays.max, tz) : addClinicDays(prefs.startDate, HORIZON_DAYS, tz);
    const previousDay = index > 0 && placed[index - 1] ? clinicDate(placed[index - 1]!.startsAt, tz) : null;
    const counts = { hours: 0, people: 0, room: 0 };

    // Open days in range; the couple's days first. An integration may fall on another open day
    // when its window holds none of theirs: the window (P4) comes before preference.
    const days: ClinicDay[] = [];
    for (let day = firstDay; calendarDaysBetween(day, lastDay, tz) >= 0; day = addClinicDays(day, 1, tz)) {
      if (isOpenDay(day, settings)) days.push(day);
    }
    const preferred = days.filter((d) => prefs.weekdays.includes(isoWeekday(d, tz)));
    // A medicine session goes first on a day whose integration window holds one of the couple's
    // days, then on one whose window holds another open day; never on one whose window is all
    // closed days (P4: its integration would have nowhere to go).
    const windowFits = (day: ClinicDay) => openWindowDays(day, settings).some((d) => prefs.weekdays.includes(isoWeekday(d, tz)));
    const candidates = medicine
      ? [...preferred, ...days.filter((d) => !preferred.includes(d))]
      : isMedicine(step)
        ? [...preferred.filter(windowFits), ...preferred.filter((d) => !windowFits(d) && medicineDayWorks(d, settings))]
        : preferred;
    const allWindowsClosed = isMedicine(step) && preferred.length > 0 && !preferred.some((d) => medicineDayWorks(d, settings));

    let found: PlannedSession | undefined;
    for (const day of candidates) {
      if (found) break;
      // One KAP session a day for the couple, except the two intakes.
      if (!medicine && previousDay === day && !(step.kind === "INTAKE" && placed[index - 1]?.kind === "INTAKE")) continue;
      const hours = hoursOn(settings, day);
      const windows = medicine && hours ? [...parts.map((p) => DAY_PARTS[p]), { from: hours.opensAtMinute, to: hours.closesAtMinute }] : parts.map((p) => DAY_PARTS[p]);
      for (const window of windows) {
        for (let minute = window.from; !found && minute + minutes <= window.to; minute += SLOT_MINUTES) {
          const startsAt = atClinicTime(day, minute, tz);
          const endsAt = new Date(startsAt.getTime() + minutes * 60_000);
          const slot = { start: startsAt.getTime(), end: endsAt.getTime() };
          if (slot.start < earliest || !withinOpeningHours(startsAt, endsAt, settings) || closureOver(settings, startsAt, endsAt, null)) {
            counts.hours++;
            continue;
          }
          if (![...step.clinicianIds, ...step.partnerIds].every((id) => isFree(id, slot))) {
            counts.people++;
            continue;
          }
          const roomId = chooseRoom(step, rooms, slot, isFree);
          if (roomId === undefined) {
            counts.room++;
            continue;
          }
          found = {
            id: randomUUID(),
            step: step.label,
            kind: step.kind,
            startsAt,
            endsAt,
            roomId,
            journeyerId: step.journeyerId,
            medicineSessionId: medicine?.id ?? null,
            clinicianIds: step.clinicianIds,
            partnerIds: step.partnerIds,
          };
        }
        if (found) break;
      }
    }
    if (!found) {
      blocked.push({
        step: step.label,
        reason: allWindowsClosed
          ? `P4: after each of the chosen days, its integration (${integrationWindowWords(settings.integrationWindowDays)} later) would fall on days the clinic is closed; choose other days`
          : blockedReason(step, counts, medicine ? `${formatClinicDay(firstDay, tz)}–${formatClinicDay(lastDay, tz)}` : null),
      });
      return;
    }
    placed[index] = found;
    const slot = { start: found.startsAt.getTime(), end: found.endsAt.getTime() };
    for (const id of [...found.clinicianIds, ...found.partnerIds, ...(found.roomId ? [found.roomId] : [])]) take(id, slot);
  });
  return { sessions: placed.filter((s): s is PlannedSession => Boolean(s)), blocked };
}

function chooseRoom(step: Step, rooms: CycleSnapshot["rooms"], slot: Interval, isFree: (key: string, slot: Interval) => boolean): string | null | undefined {
  const people = step.partnerIds.length + step.clinicianIds.length;
  const medicine = isMedicine(step);
  const fits = rooms.filter((r) => r.capacity >= people && (!medicine || r.dosingEquipped));
  // Keep dosing rooms for medicine sessions while a therapy room is free.
  const ordered = medicine ? fits : [...fits.filter((r) => !r.dosingEquipped), ...fits.filter((r) => r.dosingEquipped)];
  const room = ordered.find((r) => isFree(r.id, slot));
  if (room) return room.id;
  // A medical evaluation can be held by telehealth.
  return step.kind === "MEDICAL_EVALUATION" ? null : undefined;
}

function blockedReason(step: Step, counts: { hours: number; people: number; room: number }, window: string | null): string {
  const where = window ? ` in its window (${window})` : " in the next 90 days on the chosen days and times";
  if (counts.room >= counts.people && counts.room > 0) {
    const kind = isMedicine(step) ? "dosing-equipped room" : "room";
    return `no ${kind} is free when the couple and the clinician are${where}`;
  }
  if (counts.people > 0) return `the clinician or a partner is booked at every free time${where}`;
  return `no time inside opening hours and the chosen times${where}`;
}

function maxDay(a: ClinicDay, b: ClinicDay, tz: string): ClinicDay {
  return calendarDaysBetween(a, b, tz) > 0 ? b : a;
}
