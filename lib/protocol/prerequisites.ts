// What a medicine session needs beforehand (P1 intakes, P2 preparations, P3 clearance), in the
// two strengths P10 asks for: "booked" at booking time (scheduled earlier, or completed) and
// "completed" at check-in. The rules and the status panel read prerequisites only from here.
import { addClinicDays, clinicDate, type ClinicDay } from "./calendar";
import { cycleSessions, isStanding, isStarted, standingMedicineSessions } from "./cycle";
import type { CycleSnapshot, KapModel, Partner, SnapshotClearance, SnapshotSession } from "./types";

export type Strength = "booked" | "completed";

/**
 * The medicine sessions whose prerequisites P1 and P2 check, each with the strength it needs:
 * the cycle's first at booking strength, and every checked-in one at completed strength.
 */
export function prerequisiteTargets(snapshot: CycleSnapshot): [SnapshotSession, Strength][] {
  const medicine = standingMedicineSessions(snapshot);
  const targets: [SnapshotSession, Strength][] = [];
  if (medicine.length > 0) targets.push([medicine[0], "booked"]);
  for (const m of medicine) if (isStarted(m)) targets.push([m, "completed"]);
  return targets;
}

function counts(s: SnapshotSession, strength: Strength): boolean {
  return strength === "booked" ? isStanding(s) : s.status === "COMPLETED";
}

/** Ends before `limit` (null: no limit, for the panel when no medicine session is booked). */
function endsBy(s: SnapshotSession, limit: Date | null): boolean {
  return limit === null || s.endsAt.getTime() <= limit.getTime();
}

/** The partner's individual intakes with their own KAP therapist, ending by `limit` (P1). */
export function intakesOf(
  snapshot: CycleSnapshot,
  partner: Partner,
  limit: Date | null,
  strength: Strength,
): SnapshotSession[] {
  return cycleSessions(snapshot).filter(
    (s) =>
      s.kind === "INTAKE" &&
      s.partnerIds.length === 1 &&
      s.partnerIds[0] === partner.id &&
      s.clinicianIds.includes(partner.kapTherapistId) &&
      endsBy(s, limit) &&
      counts(s, strength),
  );
}

/**
 * Joint preparations that count towards P2: both partners present, starting after both
 * partners' intakes (of the same strength) and ending by `limit`. None count while a partner
 * has no intake.
 */
export function preparationsOf(snapshot: CycleSnapshot, limit: Date | null, strength: Strength): SnapshotSession[] {
  let afterIntakes = 0;
  for (const partner of snapshot.couple.partners) {
    const intakes = intakesOf(snapshot, partner, limit, strength);
    // Stryker disable next-line ConditionalExpression: a shortcut only: without it a partner with no intake makes Math.min() Infinity, and no preparation starts at or after Infinity, so the answer is [] either way; its twin (true, nothing ever counts) is killed by every test where preparations count
    if (intakes.length === 0) return [];
    afterIntakes = Math.max(afterIntakes, Math.min(...intakes.map((s) => s.endsAt.getTime())));
  }
  const [a, b] = snapshot.couple.partners;
  return cycleSessions(snapshot).filter(
    (s) =>
      s.kind === "PREPARATION" &&
      s.partnerIds.includes(a.id) &&
      s.partnerIds.includes(b.id) &&
      s.startsAt.getTime() >= afterIntakes &&
      endsBy(s, limit) &&
      counts(s, strength),
  );
}

/**
 * The last day a clearance holds: its recorded "valid until", but never beyond the clinic's
 * validity setting counted from the evaluation (a shortened setting applies to old records too).
 */
export function clearanceLastDay(c: SnapshotClearance, snapshot: CycleSnapshot): ClinicDay {
  const bySetting = addClinicDays(c.evaluatedOn, snapshot.settings.clearanceValidityDays, snapshot.settings.timeZone);
  // Stryker disable next-line EqualityOperator: when validUntil equals bySetting both branches give the same day, so < and <= agree; its twin (>=, the later day) is killed by the clearanceLastDay and P3 validity tests
  return c.validUntil < bySetting ? c.validUntil : bySetting;
}

/** A decision a psychiatrist has recorded and signed (a draft decides nothing yet). */
function isRecordedDecision(c: SnapshotClearance): boolean {
  return c.recordedByPsychiatrist && c.signed;
}

/** P3: a clearance that lets the partner dose on that day under that model. */
export function isClearanceValid(c: SnapshotClearance, snapshot: CycleSnapshot, day: ClinicDay, model: KapModel): boolean {
  return (
    isRecordedDecision(c) &&
    !c.revoked &&
    c.supersededById === null &&
    (c.decision === "CLEARED" || c.decision === "CLEARED_WITH_CONDITIONS") &&
    c.models.includes(model) &&
    c.evaluatedOn <= day &&
    day <= clearanceLastDay(c, snapshot)
  );
}

/** The valid clearance that lasts longest (ties by id), if any. */
export function validClearanceOf(
  snapshot: CycleSnapshot,
  partnerId: string,
  day: ClinicDay,
  model: KapModel,
): SnapshotClearance | undefined {
  const valid = snapshot.clearances
    .filter((c) => c.clientId === partnerId && isClearanceValid(c, snapshot, day, model))
    .sort((x, y) => {
      const [lastX, lastY] = [clearanceLastDay(x, snapshot), clearanceLastDay(y, snapshot)];
      if (lastX !== lastY)
        // Stryker disable next-line EqualityOperator: reached only when lastX !== lastY, so >= agrees with >; its twin (<=, shortest first) is killed by the longest-lasting test
        return lastX > lastY ? -1 : 1;
      // Stryker disable next-line EqualityOperator: clearance ids are unique (the table's key), so x.id <= y.id agrees with x.id < y.id; its twin (>=) is killed by the equal-lasting test
      return x.id < y.id
        ? -1
        : // Stryker disable next-line ConditionalExpression,EqualityOperator: reached only when x.id > y.id (ids are unique), where the answer is 1; true and >= give that 1, false and <= give 0, and V8's sort (Node, where the engine runs) only asks whether the comparator is negative
          x.id > y.id ? 1 : 0;
    });
  return valid[0];
}

/**
 * P3 at booking (P10): a medical evaluation of the partner, booked to end before `limit`, recent
 * enough that a clearance made at it could still hold on `day`, and not yet answered by a
 * recorded decision (once the psychiatrist has decided, the clearance itself is what counts).
 * Evaluations of any cycle count: a clearance belongs to the partner, not to a cycle.
 */
export function pendingEvaluationOf(
  snapshot: CycleSnapshot,
  partnerId: string,
  limit: Date | null,
  day: ClinicDay,
): SnapshotSession | undefined {
  const zone = snapshot.settings.timeZone;
  const earliest = addClinicDays(day, -snapshot.settings.clearanceValidityDays, zone);
  return snapshot.sessions.find((s) => {
    if (s.kind !== "MEDICAL_EVALUATION" || !s.partnerIds.includes(partnerId) || !isStanding(s)) return false;
    if (!endsBy(s, limit)) return false;
    const evaluatedOn = clinicDate(s.startsAt, zone);
    if (evaluatedOn < earliest) return false;
    return !snapshot.clearances.some(
      (c) => c.clientId === partnerId && isRecordedDecision(c) && c.evaluatedOn >= evaluatedOn,
    );
  });
}
