import { beforeEach, describe, expect, test } from "vitest";
import { blockedSessionsOfCouple } from "@/lib/clearance/blocked-sessions";
import { clearanceHistory } from "@/lib/clearance/clearance-history";
import { getClearanceForStaff } from "@/lib/clearance/get-clearance";
import { ZClearanceInput } from "@/lib/clearance/input";
import { recordClearance } from "@/lib/clearance/record-clearance";
import { revokeClearance } from "@/lib/clearance/revoke-clearance";
import { signClearance } from "@/lib/clearance/sign-clearance";
import type { Db } from "@/lib/db/prisma";
import { InvalidInputError, NotFoundError, RuleViolationError } from "@/lib/errors";
import { databaseKind, testDb } from "../support/database";
import { clinicWithEvaluation, medicineSession, type ClinicWithEvaluation } from "../support/dosing-fixtures";
import { insertSession } from "../support/fixtures";

let db: Db;
let c: ClinicWithEvaluation;
const now = new Date("2026-03-03T20:00:00Z");
beforeEach(async () => {
  db = await testDb();
  c = await clinicWithEvaluation(db);
});

const form = (over: Record<string, unknown> = {}) =>
  ZClearanceInput.parse({
    clientId: c.couple.partnerAId, evaluationSessionId: c.evaluation.id, evaluatedOn: "2026-03-02",
    screening: ["benzodiazepines"], systolic: "122", diastolic: "78", heartRate: "72",
    decision: "CLEARED", conditions: "", models: ["TAKING_TURNS"], maxDoseMg: "100", route: "SUBLINGUAL_LOZENGE", validUntil: "",
    ...over,
  });

describe(`clearance on ${databaseKind}`, () => {
  test("a psychiatrist records a draft, valid-until defaults from the clinic's setting, then signs it; each step is audited", async () => {
    await db.clinic.update({ where: { id: c.clinic.id }, data: { clearanceValidityDays: 60 } });
    const { id } = await recordClearance(c.as.psychiatrist, form(), { now });
    const draft = await db.clearance.findUniqueOrThrow({ where: { id } });
    expect(draft.signedAt).toBeNull();
    expect(draft.validUntil.toISOString().slice(0, 10)).toBe("2026-05-01");
    expect(draft.screening).toMatchObject({ benzodiazepines: true, opioids: false });
    await signClearance(c.as.psychiatrist, id, now);
    expect((await db.clearance.findUniqueOrThrow({ where: { id } })).signedAt).toEqual(now);
    const history = await clearanceHistory(c.as.therapist, c.couple.partnerAId, now);
    expect(history.inForceId).toBe(id);
    expect(history.clearances[0].state).toBe("in force");
    const audit = await db.auditEvent.findMany({ where: { clientId: c.couple.partnerAId }, orderBy: { id: "asc" } });
    expect(audit.map((a) => `${a.action}:${a.entity}:${a.outcome}`)).toEqual(["create:Clearance:ALLOWED", "sign:Clearance:ALLOWED", "read:Clearance:ALLOWED"]);
  });

  test("P11: only a psychiatrist records, signs, amends or revokes; refusals are audited as denied", async () => {
    await expect(recordClearance(c.as.therapist, form(), { now })).rejects.toSatisfy((e) => e instanceof RuleViolationError && e.rule === "P11");
    await expect(recordClearance(c.as.frontDesk, form(), { now })).rejects.toSatisfy((e) => e instanceof RuleViolationError && e.rule === "P11");
    const { id } = await recordClearance(c.as.psychiatrist, form(), { now });
    await expect(signClearance(c.as.therapist, id, now)).rejects.toSatisfy((e) => e instanceof RuleViolationError && e.rule === "P11");
    await signClearance(c.as.psychiatrist, id, now);
    await expect(revokeClearance(c.as.therapist, { clearanceId: id, reason: "Not mine to revoke" }, now)).rejects.toSatisfy((e) => e instanceof RuleViolationError && e.rule === "P11");
    await expect(recordClearance(c.as.therapist, form({ supersedesId: id }), { now })).rejects.toSatisfy((e) => e instanceof RuleViolationError && e.rule === "P11");
    expect(await db.clearance.count({ where: { clientId: c.couple.partnerAId } })).toBe(1);
    expect(await db.clearanceRevocation.count({ where: { clearanceId: id } })).toBe(0);
    expect(await db.auditEvent.count({ where: { actorId: c.therapist.id, outcome: "DENIED" } })).toBe(4);
  });

  test("only the psychiatrist who recorded a clearance signs it, and only once", async () => {
    const other = await db.user.create({ data: { clinicId: c.clinic.id, email: `p2-${c.clinic.id}@clinic.test`, name: "P2", roles: ["PSYCHIATRIST"], passwordHash: "x" } });
    const { id } = await recordClearance(c.as.psychiatrist, form(), { now });
    await expect(signClearance({ ...c.as.psychiatrist, id: other.id }, id, now)).rejects.toSatisfy((e) => e instanceof RuleViolationError && e.rule === "P11");
    await signClearance(c.as.psychiatrist, id, now);
    await expect(signClearance(c.as.psychiatrist, id, now)).rejects.toBeInstanceOf(InvalidInputError);
  });

  test("a signed clearance is read-only; an amendment supersedes it only once signed, and the old one stays in the history", async () => {
    const { id: first } = await recordClearance(c.as.psychiatrist, form(), { now, sign: true });
    await expect(recordClearance(c.as.psychiatrist, form({ systolic: "130" }), { now, draftId: first })).rejects.toSatisfy((e) => e instanceof RuleViolationError && e.rule === "P11");
    const { id: amendment } = await recordClearance(c.as.psychiatrist, form({ supersedesId: first, decision: "CLEARED_WITH_CONDITIONS", conditions: "Half dose first" }), { now });
    // The draft amendment decides nothing yet: the original stays in force.
    expect((await clearanceHistory(c.as.psychiatrist, c.couple.partnerAId, now)).inForceId).toBe(first);
    await signClearance(c.as.psychiatrist, amendment, now);
    const history = await clearanceHistory(c.as.psychiatrist, c.couple.partnerAId, now);
    expect(history.inForceId).toBe(amendment);
    expect(history.clearances.find((x) => x.id === first)?.state).toBe("superseded");
    // A signed clearance is amended once; the next change amends the amendment.
    await expect(recordClearance(c.as.psychiatrist, form({ supersedesId: first }), { now })).rejects.toBeInstanceOf(InvalidInputError);
  });

  test("revoking records a reason in a row of its own; nothing is in force after; a second revocation is refused", async () => {
    const { id } = await recordClearance(c.as.psychiatrist, form(), { now, sign: true });
    await revokeClearance(c.as.psychiatrist, { clearanceId: id, reason: "New cardiac finding" }, now);
    const history = await clearanceHistory(c.as.therapist, c.couple.partnerAId, now);
    expect(history.inForceId).toBeNull();
    expect(history.clearances[0].state).toBe("revoked");
    expect((await db.clearance.findUniqueOrThrow({ where: { id } })).signedAt).not.toBeNull();
    await expect(revokeClearance(c.as.psychiatrist, { clearanceId: id, reason: "again" }, now)).rejects.toBeInstanceOf(InvalidInputError);
  });

  test("dates: not in the future, valid-until within the clinic's validity period", async () => {
    await expect(recordClearance(c.as.psychiatrist, form({ evaluatedOn: "2026-03-04" }), { now })).rejects.toSatisfy(
      (e) => e instanceof InvalidInputError && !!e.fieldErrors.evaluatedOn,
    );
    await expect(recordClearance(c.as.psychiatrist, form({ validUntil: "2026-06-01" }), { now })).rejects.toSatisfy(
      (e) => e instanceof InvalidInputError && !!e.fieldErrors.validUntil,
    );
  });

  test("a therapist of another couple and the front desk cannot read the clearance; the couple's therapist can", async () => {
    const { id } = await recordClearance(c.as.psychiatrist, form(), { now, sign: true });
    await expect(getClearanceForStaff(c.as.otherTherapist, id, now)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getClearanceForStaff(c.as.frontDesk, id, now)).rejects.toThrow(/permission/);
    await expect(clearanceHistory(c.as.frontDesk, c.couple.partnerAId, now)).rejects.toThrow(/permission/);
    const detail = await getClearanceForStaff(c.as.therapist, id, now);
    expect(detail.inForce).toBe(true);
    expect(detail.screening.benzodiazepines).toBe(true);
  });
});

describe(`P11: a clearance is signed only once its evaluation has happened, on ${databaseKind}`, () => {
  /** Partner A's medical evaluation with the psychiatrist at an instant (10:00 clinic time is 17:00 or 18:00 UTC). */
  const evaluationAt = (start: string) =>
    insertSession(db, c, { kind: "MEDICAL_EVALUATION", start, minutes: 60, partners: [c.couple.partnerAId], cycleId: c.cycle.id, clinicianId: c.psychiatrist.id, roomId: null });
  const isP11 = (text: RegExp) => (e: unknown) => e instanceof RuleViolationError && e.rule === "P11" && text.test(e.message);
  const stored = async () => ({
    clearances: await db.clearance.count({ where: { clientId: c.couple.partnerAId } }),
    signed: await db.clearance.count({ where: { clientId: c.couple.partnerAId, signedAt: { not: null } } }),
    audit: await db.auditEvent.count({ where: { clientId: c.couple.partnerAId } }),
  });

  test("record-and-sign for an evaluation booked weeks ahead is refused, naming its date and time, and stores nothing", async () => {
    const ahead = await evaluationAt("2026-03-20T17:00:00Z");
    await expect(recordClearance(c.as.psychiatrist, form({ evaluationSessionId: ahead.id, evaluatedOn: "2026-03-03" }), { now, sign: true })).rejects.toSatisfy(
      isP11(/^P11: a clearance can be signed only once its evaluation has happened: the medical evaluation is booked for Fri 20 Mar at 10:00 \(America\/Los_Angeles\)\. Keep it as a draft until then\.$/),
    );
    expect(await stored()).toEqual({ clearances: 0, signed: 0, audit: 0 });
  });

  test("a draft may be recorded ahead; signing it waits until the evaluation has started, even later the same day", async () => {
    // Tue 3 Mar 15:00 in the clinic; `now` is 12:00 that day.
    const later = await evaluationAt("2026-03-03T23:00:00Z");
    const { id } = await recordClearance(c.as.psychiatrist, form({ evaluationSessionId: later.id, evaluatedOn: "2026-03-03" }), { now });
    const before = await stored();
    expect(before).toMatchObject({ clearances: 1, signed: 0 });
    await expect(signClearance(c.as.psychiatrist, id, now)).rejects.toSatisfy(isP11(/the medical evaluation is booked for Tue 3 Mar at 15:00/));
    expect(await stored()).toEqual(before);
    await signClearance(c.as.psychiatrist, id, new Date("2026-03-03T23:05:00Z"));
    expect((await db.clearance.findUniqueOrThrow({ where: { id } })).signedAt).toEqual(new Date("2026-03-03T23:05:00Z"));
  });

  test("an evaluation cancelled after the draft was written, or an evaluation date still ahead, cannot be signed", async () => {
    const ahead = await evaluationAt("2026-03-20T17:00:00Z");
    const { id } = await recordClearance(c.as.psychiatrist, form({ evaluationSessionId: ahead.id, evaluatedOn: "2026-03-03" }), { now });
    await db.session.update({ where: { id: ahead.id }, data: { status: "CANCELLED", cancelledAt: now, cancelReason: "The partner is unwell" } });
    await expect(signClearance(c.as.psychiatrist, id, new Date("2026-03-21T00:00:00Z"))).rejects.toSatisfy(isP11(/the medical evaluation on Fri 20 Mar at 10:00 was cancelled/));
    // A draft dated ahead (written before the date rule, say) waits for its date too.
    const dated = await db.clearance.create({
      data: { clientId: c.couple.partnerAId, psychiatristId: c.psychiatrist.id, evaluatedOn: new Date("2026-03-04T00:00:00Z"), systolic: 120, diastolic: 80, heartRate: 70, decision: "CLEARED", models: ["TAKING_TURNS"], maxDoseMg: 100, route: "SUBLINGUAL_LOZENGE", validUntil: new Date("2026-05-30T00:00:00Z") },
    });
    await expect(signClearance(c.as.psychiatrist, dated.id, now)).rejects.toSatisfy(isP11(/its evaluation date is Wed 4 Mar\./));
    expect((await stored()).signed).toBe(0);
  });
});

describe(`blocked medicine sessions (P3) on ${databaseKind}`, () => {
  test("a revocation blocks the partner's next medicine session; a draft amendment does not; the front desk may ask", async () => {
    const session = await medicineSession(db, c, "MEDICINE_TAKING_TURNS", "SCHEDULED");
    const blocked = () => blockedSessionsOfCouple(db, c.as.frontDesk, c.couple.id, now);
    // A booked evaluation stands in for the clearance at booking (P10), so nothing is blocked yet.
    expect([...(await blocked())]).toEqual([]);
    const { id } = await recordClearance(c.as.psychiatrist, form(), { now, sign: true });
    expect([...(await blocked())]).toEqual([]);
    await recordClearance(c.as.psychiatrist, form({ supersedesId: id, decision: "DEFERRED" }), { now });
    expect([...(await blocked())]).toEqual([]);
    // The psychiatrist is told what the revocation blocks: the partner's medicine session to come.
    expect(await revokeClearance(c.as.psychiatrist, { clearanceId: id, reason: "New cardiac finding" }, now)).toEqual({ clientId: c.couple.partnerAId, flaggedSessionIds: [session.id] });
    expect([...(await blocked())]).toEqual([session.id]);
    // Past the session, it is history: no longer flagged.
    expect([...(await blockedSessionsOfCouple(db, c.as.frontDesk, c.couple.id, new Date("2026-03-11T00:00:00Z")))]).toEqual([]);
  });
});

describe("clearance form validation", () => {
  const parse = (over: Record<string, unknown>) =>
    ZClearanceInput.safeParse({
      clientId: "5f1b7c3e-8a3d-4c9e-9d2a-1b2c3d4e5f60", evaluatedOn: "2026-03-02", systolic: "122", diastolic: "78", heartRate: "72",
      decision: "CLEARED", models: "TAKING_TURNS", maxDoseMg: "100", route: "SUBLINGUAL_LOZENGE", ...over,
    });
  const messages = (over: Record<string, unknown>) => {
    const r = parse(over);
    return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join("."), i.message]));
  };
  test("vitals in plausible ranges with units", () => {
    expect(messages({ systolic: "400" }).systolic).toBe("The systolic pressure must be between 50 and 300 mmHg.");
    expect(messages({ heartRate: "" }).heartRate).toBe("Enter the heart rate (beats per minute).");
    expect(messages({ heartRate: "fast" }).heartRate).toBe("Enter the heart rate as a number (beats per minute).");
    expect(messages({ diastolic: "130", systolic: "120" }).diastolic).toBe("The diastolic pressure must be lower than the systolic pressure.");
    expect(messages({ systolic: "120.5" }).systolic).toMatch(/whole number/);
  });
  test("a clearance that lets someone dose names models, dose and route; conditions are stated", () => {
    expect(messages({ models: undefined, maxDoseMg: "", route: "" })).toMatchObject({ models: expect.any(String), maxDoseMg: "Enter the maximum dose (mg).", route: "Choose the route." });
    expect(messages({ maxDoseMg: "900" }).maxDoseMg).toBe("The maximum dose must be between 0.01 and 500 mg.");
    expect(messages({ decision: "CLEARED_WITH_CONDITIONS" }).conditions).toBe("State the conditions of this clearance.");
    const notCleared = parse({ decision: "NOT_CLEARED", models: undefined, maxDoseMg: "", route: "" });
    expect(notCleared.success && notCleared.data.models).toEqual([]);
  });
});
