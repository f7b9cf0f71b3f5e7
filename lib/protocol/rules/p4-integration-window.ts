// P4 Integration window: every medicine session that stands has exactly one integration of the
// same couple linked to it, dated min–max calendar days later (settings), while the neuroplastic
// window is open. Booking or moving a medicine session without its integration in the window,
// moving an integration out of it, or cancelling it while its medicine session stands all show
// up here as a broken state. (Cancelling the medicine session takes its integration along: see
// consequences.ts.) A no-show integration still holds the medicine session's one place, as in
// the database's unique index.
import { addClinicDays, calendarDaysBetween, clinicDate, formatClinicTime, formatDayChoice } from "../calendar";
import { cycleSessions, isMedicine, isStanding, isUpcoming, sessionById, STATUS_WORDS } from "../cycle";
import { capitalise, describeSession, joinNames } from "../describe";
import type { CycleSnapshot, Rule, SnapshotSession, Violation } from "../types";

/** The calendar days an integration for this medicine session may fall on, "on Wed 4 Mar or Thu 5 Mar". */
export function integrationDays(snapshot: CycleSnapshot, medicine: SnapshotSession): string {
  const zone = snapshot.settings.timeZone;
  const medicineDay = clinicDate(medicine.startsAt, zone);
  const { min, max } = snapshot.settings.integrationWindowDays;
  return formatDayChoice(addClinicDays(medicineDay, min, zone), addClinicDays(medicineDay, max, zone), zone);
}

/** Inside the window: the right calendar days, and not before the medicine session is over. */
export function isInsideWindow(snapshot: CycleSnapshot, medicine: SnapshotSession, integration: SnapshotSession): boolean {
  const days = calendarDaysBetween(medicine.startsAt, integration.startsAt, snapshot.settings.timeZone);
  const { min, max } = snapshot.settings.integrationWindowDays;
  return days >= min && days <= max && integration.startsAt.getTime() >= medicine.endsAt.getTime();
}

/** The integrations holding a medicine session's place (everything but cancelled ones). */
export function integrationsOf(snapshot: CycleSnapshot, medicine: SnapshotSession): SnapshotSession[] {
  return snapshot.sessions.filter(
    (s) => s.kind === "INTEGRATION" && s.medicineSessionId === medicine.id && s.status !== "CANCELLED",
  );
}

export const p4IntegrationWindow: Rule = (after) => {
  const violations: Violation[] = [];
  const add = (sessionIds: string[], message: string) => violations.push({ rule: "P4", sessionIds, message });
  const [a, b] = after.couple.partners;

  for (const m of cycleSessions(after).filter((s) => isMedicine(s) && isStanding(s))) {
    const linked = integrationsOf(after, m);
    if (linked.length === 0) {
      add([m.id], `P4: ${describeSession(after, m)} needs its integration ${integrationDays(after, m)}.`);
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
      const days = calendarDaysBetween(m.startsAt, integration.startsAt, after.settings.timeZone);
      const { min, max } = after.settings.integrationWindowDays;
      add(
        [m.id, integration.id],
        days >= min && days <= max
          ? `P4: the integration for ${describeSession(after, m)} must start after it ends at ${formatClinicTime(m.endsAt, after.settings.timeZone)}.`
          : `P4: the integration for ${describeSession(after, m)} must be ${integrationDays(after, m)}.`,
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
