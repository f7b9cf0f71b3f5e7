// P4 Integration window: every medicine session that stands has exactly one integration of the
// same couple linked to it, dated min–max calendar days later (settings), while the neuroplastic
// window is open, and on a day the clinic is open: a window whose days are all closed cannot hold
// one, so its medicine session cannot stand there. Booking or moving a medicine session without
// its integration in the window, moving an integration out of it, or cancelling it while its
// medicine session stands all show up here as a broken state. (Cancelling the medicine session
// takes its integration along: see consequences.ts.) A no-show integration still holds the
// medicine session's one place, as in the database's unique index.
import { addClinicDays, calendarDaysBetween, clinicDate, formatClinicDay, formatClinicTime, formatDayChoice, type ClinicDay } from "../calendar";
import { isOpenDay, type HoursSettings } from "../opening-hours";
import { cycleSessions, isMedicine, isStanding, isUpcoming, sessionById, STATUS_WORDS } from "../cycle";
import { capitalise, describeSession, joinNames, sessionNoun } from "../describe";
import { integrationWindowWords } from "../labels";
import type { CycleSnapshot, ProtocolSettings, Rule, SnapshotSession, Violation } from "../types";

/** The window (settings) and the open days: weekly hours and closures of the whole clinic (lib/protocol/opening-hours.ts). */
type WindowSettings = Pick<ProtocolSettings, "integrationWindowDays"> & HoursSettings;

/** The days of a medicine session's window the clinic is open: only these can hold its integration. */
export function openWindowDays(medicine: Date | ClinicDay, settings: WindowSettings): ClinicDay[] {
  const zone = settings.timeZone;
  const medicineDay = typeof medicine === "string" ? medicine : clinicDate(medicine, zone);
  const { min, max } = settings.integrationWindowDays;
  const days: ClinicDay[] = [];
  for (let n = min; n <= max; n++) {
    const day = addClinicDays(medicineDay, n, zone);
    if (isOpenDay(day, settings)) days.push(day);
  }
  return days;
}

/** A date a medicine session can stand on: the clinic is open then, and on a day of its window. */
export function medicineDayWorks(day: ClinicDay, settings: WindowSettings): boolean {
  return isOpenDay(day, settings) && openWindowDays(day, settings).length > 0;
}

/**
 * The dates nearest to `day` that work for a medicine session: the last one before it (not before
 * `earliest`, today when the clock is known) and the first one after. Open days repeat weekly, so
 * a week either way finds them or shows there are none; closures of the whole clinic push them
 * further, so the search reaches past as many days as they close.
 */
export function nearestMedicineDays(day: ClinicDay, settings: WindowSettings, earliest?: ClinicDay): ClinicDay[] {
  const zone = settings.timeZone;
  const found: ClinicDay[] = [];
  const reach = 7 + closedDays(settings);
  for (let n = 1; n <= reach; n++) {
    const before = addClinicDays(day, -n, zone);
    // The guard sits on its own line so that the directive below covers it alone, not the whole condition.
    if ((
      // Stryker disable next-line ConditionalExpression: without a clock `before < undefined` is false anyway, so dropping this guard (→ true) changes nothing; it is there for the types
      earliest !== undefined
    ) && before < earliest) break;
    if (medicineDayWorks(before, settings)) {
      found.push(before);
      break;
    }
  }
  for (let n = 1; n <= reach; n++) {
    const after = addClinicDays(day, n, zone);
    if (medicineDayWorks(after, settings)) {
      found.push(after);
      break;
    }
  }
  return found;
}

/** Calendar days the clinic's own closures can take (each rounded up, plus one for its ends), at most 400. */
function closedDays(settings: WindowSettings): number {
  const spans = (settings.closures ?? []).filter((c) => c.roomId === null).map((c) => Math.ceil((c.endsAt.getTime() - c.startsAt.getTime()) / 86_400_000) + 1);
  return Math.min(400, spans.reduce((sum, days) => sum + days, 0));
}

/** The calendar days an integration for this medicine session may fall on, "on Wed 4 Mar or Thu 5 Mar"; null when the clinic is open on none. */
export function integrationDays(snapshot: CycleSnapshot, medicine: SnapshotSession): string | null {
  const open = openWindowDays(medicine.startsAt, snapshot.settings);
  return open.length === 0 ? null : formatDayChoice(open, snapshot.settings.timeZone);
}

/**
 * Why a medicine session cannot stand on its date when its window holds no open day, and the
 * nearest dates that would work: "Sam's medicine session can't be on Fri 13 Mar: its integration
 * would have to be on Sat 14 Mar or Sun 15 Mar, when the clinic is closed. The nearest dates that
 * work are Thu 12 Mar and Mon 16 Mar."
 */
export function noOpenDayReason(snapshot: CycleSnapshot, medicine: SnapshotSession, now?: Date): string {
  const { settings } = snapshot;
  const zone = settings.timeZone;
  const day = clinicDate(medicine.startsAt, zone);
  const { min, max } = settings.integrationWindowDays;
  const windowDays = Array.from({ length: max - min + 1 }, (_, i) => addClinicDays(day, min + i, zone));
  const nearest = nearestMedicineDays(day, settings, now ? clinicDate(now, zone) : undefined).map((d) => formatClinicDay(d, zone));
  const advice =
    nearest.length === 0
      ? `No date works with the clinic's open days and an integration ${integrationWindowWords(settings.integrationWindowDays)} after; an admin can change either in the settings.`
      : nearest.length === 1
        ? `The nearest date that works is ${nearest[0]}.`
        : `The nearest dates that work are ${joinNames(nearest)}.`;
  return `${capitalise(sessionNoun(snapshot, medicine))} can't be on ${formatClinicDay(day, zone)}: its integration would have to be ${formatDayChoice(windowDays, zone)}, when the clinic is closed. ${advice}`;
}

/** Inside the window: the right calendar days, a day the clinic is open, and not before the medicine session is over. */
export function isInsideWindow(snapshot: CycleSnapshot, medicine: SnapshotSession, integration: SnapshotSession): boolean {
  const days = calendarDaysBetween(medicine.startsAt, integration.startsAt, snapshot.settings.timeZone);
  const { min, max } = snapshot.settings.integrationWindowDays;
  return days >= min && days <= max && isOpenDay(integration.startsAt, snapshot.settings) && integration.startsAt.getTime() >= medicine.endsAt.getTime();
}

/** The integrations holding a medicine session's place (everything but cancelled ones). */
export function integrationsOf(snapshot: CycleSnapshot, medicine: SnapshotSession): SnapshotSession[] {
  return snapshot.sessions.filter(
    (s) => s.kind === "INTEGRATION" && s.medicineSessionId === medicine.id && s.status !== "CANCELLED",
  );
}

export const p4IntegrationWindow: Rule = (after, _change, ctx) => {
  const violations: Violation[] = [];
  const add = (sessionIds: string[], message: string) => violations.push({ rule: "P4", sessionIds, message });
  const [a, b] = after.couple.partners;
  const zone = after.settings.timeZone;

  for (const m of cycleSessions(after).filter((s) => isMedicine(s) && isStanding(s))) {
    const linked = integrationsOf(after, m);
    const due = integrationDays(after, m);
    if (due === null) {
      add([m.id, ...linked.map((s) => s.id)], `P4: ${noOpenDayReason(after, m, ctx.now)}`);
      continue;
    }
    if (linked.length === 0) {
      add([m.id], `P4: ${describeSession(after, m)} needs its integration ${due}.`);
      continue;
    }
    if (linked.length > 1) {
      add(
        [m.id, ...linked.map((s) => s.id)],
        `P4: ${describeSession(after, m)} has ${linked.length} integrations; it must have exactly one.`,
      );
    }
    for (const integration of linked) {
      if (isInsideWindow(after, m, integration)) continue;
      // On a right day but too early (a 0-day minimum): only the time is wrong.
      const onAnOpenWindowDay = openWindowDays(m.startsAt, after.settings).includes(clinicDate(integration.startsAt, zone));
      add(
        [m.id, integration.id],
        onAnOpenWindowDay
          ? `P4: the integration for ${describeSession(after, m)} must start after it ends at ${formatClinicTime(m.endsAt, zone)}.`
          : `P4: the integration for ${describeSession(after, m)} must be ${due}.`,
      );
    }
  }

  for (const s of after.sessions.filter(isUpcoming)) {
    if (s.kind !== "INTEGRATION") {
      if (s.medicineSessionId !== null) {
        add([s.id], `P4: only an integration belongs to a medicine session; ${describeSession(after, s)} can't.`);
      }
      continue;
    }
    // Stryker disable next-line ConditionalExpression: sessionById(after, null) finds no session (ids are strings), so skipping the null test (→ false) gives the same undefined; its twin (→ true) is killed by the linked-integration tests
    const medicine = s.medicineSessionId === null ? undefined : sessionById(after, s.medicineSessionId);
    if (!medicine || !isMedicine(medicine)) {
      add([s.id], `P4: ${capitalise(describeSession(after, s))} must belong to one of this couple's medicine sessions.`);
    } else if (!isStanding(medicine)) {
      add(
        [s.id, medicine.id],
        `P4: ${capitalise(describeSession(after, s))} belongs to ${describeSession(after, medicine)}, which is ${STATUS_WORDS[medicine.status]}; cancel the integration too.`,
      );
    }
    const missing = [a, b].filter((p) => !s.partnerIds.includes(p.id)).map((p) => p.name);
    if (missing.length > 0) {
      add([s.id], `P4: ${capitalise(describeSession(after, s))} is for both partners; add ${joinNames(missing)}.`);
    }
  }
  return violations;
};
