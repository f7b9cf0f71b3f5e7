import { randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import type { Db } from "@/lib/db/prisma";
import { ForbiddenError, InvalidInputError, NotFoundError, RuleViolationError, RuleViolationsError } from "@/lib/errors";
import type { NewSession } from "@/lib/protocol";
import { databaseKind, testDb } from "../support/database";
import { phq9 } from "../support/dosing-fixtures";
import { readyTakingTurnsCycle, smallClinic, staffOf, type SmallClinic } from "../support/fixtures";
import { signInAs } from "../support/next-request";

// P12 on the real database: the engine reads each dosing partner's PHQ-9s and their safety
// reviews from the couple's snapshot (one statement), refuses check-in until the screen holds,
// says nothing with the setting off; a clinician records a review, within reach.

vi.mock("next/headers", () => import("../support/next-request"));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

const { bookSessions } = await import("@/lib/scheduling/book-sessions");
const { checkInSession } = await import("@/lib/scheduling/session-life");
const { loadCoupleSnapshot } = await import("@/lib/scheduling/load-snapshot");
const { recordSafetyReview } = await import("@/lib/measures/record-safety-review");
const { safetyScreenOfSession } = await import("@/lib/measures/safety-screen-of-session");
const { safetyReviewAction } = await import("@/app/(clinic)/sessions/[sessionId]/dosing/actions");

// Tue 3 Mar 2026, America/Los_Angeles (UTC-8): Sam journeys 10:00–13:00 (18:00Z).
const at = (iso: string) => new Date(iso);
let db: Db;
let c: SmallClinic;
let therapist: ReturnType<typeof staffOf>;
let medicineId: string;

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true });
  vi.setSystemTime(at("2026-03-02T16:00:00Z"));
  db = await testDb();
  c = await smallClinic(db);
  therapist = staffOf(c.therapist);
  const cycle = await readyTakingTurnsCycle(db, c);
  const medicine: NewSession = {
    id: randomUUID(), kind: "MEDICINE_TAKING_TURNS", startsAt: at("2026-03-03T18:00:00Z"), endsAt: at("2026-03-03T21:00:00Z"), roomId: c.cedar.id,
    journeyerId: c.couple.partnerAId, medicineSessionId: null, clinicianIds: [c.therapist.id], partnerIds: [c.couple.partnerAId, c.couple.partnerBId],
  };
  const integration: NewSession = { ...medicine, id: randomUUID(), kind: "INTEGRATION", startsAt: at("2026-03-04T18:00:00Z"), endsAt: at("2026-03-04T19:30:00Z"), roomId: c.willow.id, journeyerId: null, medicineSessionId: medicine.id };
  // Booking needs no screen (P12 shows it as due).
  await bookSessions(therapist, { coupleId: c.couple.id, cycleId: cycle.id, sessions: [medicine, integration] });
  medicineId = medicine.id;
  await db.dosingRecord.create({ data: { sessionId: medicineId, clientId: c.couple.partnerAId, rideHomeName: "Jordan Rivera", rideHomePhone: "555-0100" } });
});
afterEach(() => {
  vi.useRealTimers();
});

async function refusal(promise: Promise<unknown>): Promise<RuleViolationError[]> {
  const error = await promise.then(() => null, (e) => e);
  if (error instanceof RuleViolationsError) return error.violations;
  if (error instanceof RuleViolationError) return [error];
  throw new Error(`expected a rule violation, got ${error}`);
}

const status = async () => (await db.session.findUniqueOrThrow({ where: { id: medicineId } })).status;
const onTheDay = () => vi.setSystemTime(at("2026-03-03T17:45:00Z"));
const review = (screenId: string, decision: "PROCEED" | "POSTPONE" | "REFER", clientId = c.couple.partnerAId) => ({
  clientId, screenId, decision, assessment: "Passive thoughts last week, none today; safety plan in place, partner present.",
});
const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
};

describe(`P12 at check-in (${databaseKind})`, () => {
  test("without a PHQ-9 in the 7 days before, check-in is refused with P12 naming the partner, and nothing changes", async () => {
    await phq9(db, c, c.couple.partnerAId, at("2026-02-23T18:00:00Z")); // Mon 23 Feb: 8 days before
    onTheDay();
    const auditRows = () => db.auditEvent.count({ where: { clinicId: c.clinic.id } });
    const audit = await auditRows();
    const violations = await refusal(checkInSession(therapist, medicineId));
    expect(violations.map((v) => v.message)).toEqual([
      "P12: Sam has no PHQ-9 in the 7 days before Sam's medicine session on Tue 3 Mar (from Tue 24 Feb until it starts), so it can't be checked in.",
    ]);
    expect(await status()).toBe("SCHEDULED");
    expect(await auditRows()).toBe(audit);
  });

  test("item 9 above 0: refused until a clinician's review says proceed; postpone keeps it refused", async () => {
    const screen = await phq9(db, c, c.couple.partnerAId, at("2026-03-02T15:00:00Z"), 1);
    onTheDay();
    expect((await refusal(checkInSession(therapist, medicineId))).map((v) => v.message)).toEqual([
      "P12: Sam's PHQ-9 of Mon 2 Mar needs a clinician's safety review before Sam's medicine session on Tue 3 Mar can be checked in.",
    ]);

    await recordSafetyReview(therapist, review(screen.id, "POSTPONE"));
    expect((await refusal(checkInSession(therapist, medicineId))).map((v) => v.message)).toEqual([
      "P12: the safety review of Sam's PHQ-9 of Mon 2 Mar decided to postpone dosing, so Sam's medicine session on Tue 3 Mar can't be checked in.",
    ]);
    expect(await status()).toBe("SCHEDULED");

    // The latest review counts: the psychiatrist who cleared Sam (so evaluates Sam) sees Sam again and proceeds.
    vi.setSystemTime(at("2026-03-03T17:50:00Z"));
    const { id } = await recordSafetyReview(staffOf(c.psychiatrist), review(screen.id, "PROCEED"));
    await checkInSession(therapist, medicineId);
    expect(await status()).toBe("CHECKED_IN");
    // The review and its audit row; the audit row names the record, never the assessment.
    expect(await db.safetyReview.findUniqueOrThrow({ where: { id } })).toMatchObject({ clientId: c.couple.partnerAId, screenId: screen.id, decision: "PROCEED", reviewedById: c.psychiatrist.id });
    const audit = await db.auditEvent.findMany({ where: { entity: "SafetyReview", clientId: c.couple.partnerAId } });
    expect(audit.filter((a) => a.entityId === id)).toEqual([expect.objectContaining({ action: "create", clientId: c.couple.partnerAId, actorId: c.psychiatrist.id, outcome: "ALLOWED" })]);
    expect(audit.flatMap((a) => Object.values(a)).some((v) => typeof v === "string" && v.includes("Passive thoughts"))).toBe(false);
  });

  test("a clean PHQ-9 the next day does not lift a postpone: refused until a review of the first screen says proceed", async () => {
    const first = await phq9(db, c, c.couple.partnerAId, at("2026-03-01T17:00:00Z"), 1); // Sun 1 Mar, item 9 = 1
    await recordSafetyReview(therapist, review(first.id, "POSTPONE"));
    await phq9(db, c, c.couple.partnerAId, at("2026-03-02T15:00:00Z")); // Mon 2 Mar, item 9 = 0 (a retake)
    onTheDay();
    expect((await refusal(checkInSession(therapist, medicineId))).map((v) => v.message)).toEqual([
      "P12: the safety review of Sam's PHQ-9 of Sun 1 Mar decided to postpone dosing, so Sam's medicine session on Tue 3 Mar can't be checked in.",
    ]);
    expect(await status()).toBe("SCHEDULED");

    vi.setSystemTime(at("2026-03-03T17:50:00Z"));
    await recordSafetyReview(therapist, review(first.id, "PROCEED"));
    await checkInSession(therapist, medicineId);
    expect(await status()).toBe("CHECKED_IN");
  });

  test("with item 9 = 0 the day before, check-in goes ahead; only the journeyer is screened", async () => {
    await phq9(db, c, c.couple.partnerAId, at("2026-03-02T15:00:00Z"));
    onTheDay();
    await checkInSession(therapist, medicineId);
    expect(await status()).toBe("CHECKED_IN");
  });

  test("with the clinic's setting off, P12 is not checked; a shorter window applies at once", async () => {
    await phq9(db, c, c.couple.partnerAId, at("2026-02-25T18:00:00Z")); // Wed 25 Feb: 6 days before
    await db.clinic.update({ where: { id: c.clinic.id }, data: { safetyScreenDays: 5 } });
    onTheDay();
    expect((await refusal(checkInSession(therapist, medicineId))).map((v) => v.message)).toEqual([
      "P12: Sam has no PHQ-9 in the 5 days before Sam's medicine session on Tue 3 Mar (from Thu 26 Feb until it starts), so it can't be checked in.",
    ]);
    await db.clinic.update({ where: { id: c.clinic.id }, data: { safetyScreenEnabled: false } });
    await checkInSession(therapist, medicineId);
    expect(await status()).toBe("CHECKED_IN");
  });
});

describe(`the couple's snapshot carries P12's facts (${databaseKind})`, () => {
  test("both partners' recent PHQ-9s (item 9) and their reviews, nothing else, in one SQL statement", async () => {
    const recent = await phq9(db, c, c.couple.partnerAId, at("2026-03-01T18:00:00Z"), 2);
    const other = await phq9(db, c, c.couple.partnerBId, at("2026-02-20T18:00:00Z"));
    await phq9(db, c, c.couple.partnerAId, at("2025-12-01T18:00:00Z"), 3); // three months ago: cannot decide anything now
    await phq9(db, c, c.otherCouple.partnerAId, at("2026-03-01T18:00:00Z"), 1);
    await db.measureResponse.create({ data: { clinicId: c.clinic.id, clientId: c.couple.partnerAId, instrument: "GAD7", answers: [1, 1, 1, 1, 1, 1, 1], total: 7, takenAt: at("2026-03-01T18:00:00Z"), source: "CLINICIAN", enteredById: c.therapist.id } });
    await recordSafetyReview(therapist, review(recent.id, "REFER"));

    const cycleId = (await db.kapCycle.findFirstOrThrow({ where: { coupleId: c.couple.id } })).id;
    const { count, result: snapshot } = await statementsOf(() => loadCoupleSnapshot(db, c.clinic.id, c.couple.id, cycleId));
    expect(count).toBe(1);
    expect([...snapshot.screens!].sort((a, b) => a.takenAt.getTime() - b.takenAt.getTime())).toEqual([
      { id: other.id, clientId: c.couple.partnerBId, takenAt: other.takenAt, item9: 0 },
      { id: recent.id, clientId: c.couple.partnerAId, takenAt: recent.takenAt, item9: 2 },
    ]);
    expect(snapshot.safetyReviews).toEqual([{ screenId: recent.id, decision: "REFER", reviewedAt: expect.any(Date) }]);
    expect(snapshot.settings.safetyScreen).toEqual({ enabled: true, days: 7 });
  });
});

describe(`recording a safety review (${databaseKind})`, () => {
  test("only for that partner's PHQ-9 with item 9 above 0, within reach; refusals write nothing", async () => {
    const sams = await phq9(db, c, c.couple.partnerAId, at("2026-03-01T18:00:00Z"), 1);
    const samsClear = await phq9(db, c, c.couple.partnerAId, at("2026-03-01T19:00:00Z"));
    const jordans = await phq9(db, c, c.couple.partnerBId, at("2026-03-01T18:00:00Z"), 2);
    const strangers = await phq9(db, c, c.otherCouple.partnerAId, at("2026-03-01T18:00:00Z"), 2);
    const count = () => db.safetyReview.count({ where: { client: { clinicId: c.clinic.id } } });

    await expect(recordSafetyReview(therapist, review(samsClear.id, "PROCEED"))).rejects.toSatisfy(
      (e) => e instanceof InvalidInputError && e.fieldErrors.screenId?.[0] === "This PHQ-9's item 9 is 0: it needs no safety review (P12).",
    );
    // Jordan's PHQ-9 named with Sam: not one of Sam's; another couple's: the same words.
    for (const screen of [jordans, strangers]) {
      await expect(recordSafetyReview(therapist, review(screen.id, "PROCEED"))).rejects.toSatisfy((e) => e instanceof InvalidInputError && e.fieldErrors.screenId?.[0] === "This is not one of this partner's PHQ-9s.");
    }
    // Out of reach: another couple's therapist, a psychiatrist who does not evaluate Sam: not found.
    await expect(recordSafetyReview(staffOf(c.otherTherapist), review(sams.id, "PROCEED"))).rejects.toEqual(new NotFoundError("The partner"));
    const stranger = await db.user.create({ data: { clinicId: c.clinic.id, email: `doc-${randomUUID()}@clinic.test`, name: "Dr. Other", roles: ["PSYCHIATRIST"], passwordHash: "x" } });
    await expect(recordSafetyReview(staffOf(stranger), review(sams.id, "PROCEED"))).rejects.toEqual(new NotFoundError("The partner"));
    // The front desk and admins never review.
    const desk = await db.user.create({ data: { clinicId: c.clinic.id, email: `desk-${randomUUID()}@clinic.test`, name: "Desk", roles: ["FRONT_DESK"], passwordHash: "x" } });
    await expect(recordSafetyReview(staffOf(desk), review(sams.id, "PROCEED"))).rejects.toBeInstanceOf(ForbiddenError);
    expect(await count()).toBe(0);

    await recordSafetyReview(therapist, review(jordans.id, "REFER", c.couple.partnerBId));
    expect(await count()).toBe(1);
  });

  test("through the action: the form validated per field; out of reach answers exactly as a missing partner", async () => {
    const sams = await phq9(db, c, c.couple.partnerAId, at("2026-03-01T18:00:00Z"), 1);
    await signInAs(c.therapist);
    expect(await safetyReviewAction(null, form({ clientId: c.couple.partnerAId, screenId: sams.id, assessment: "  ", decision: "MAYBE" }))).toEqual({
      ok: false,
      error: "Please correct the highlighted fields.",
      fieldErrors: { assessment: ["Write the assessment."], decision: ["Choose a decision: proceed, postpone or refer."] },
    });
    expect(await safetyReviewAction(null, form({ clientId: c.couple.partnerAId, screenId: sams.id, assessment: "x".repeat(4001), decision: "PROCEED" }))).toMatchObject({
      ok: false,
      fieldErrors: { assessment: ["Keep the assessment to 4,000 characters."] },
    });
    expect(await safetyReviewAction(null, form({ clientId: c.couple.partnerAId, screenId: "not-an-id", assessment: "Seen today.", decision: "PROCEED" }))).toMatchObject({
      ok: false,
      fieldErrors: { screenId: ["Choose the PHQ-9 this review answers."] },
    });
    expect(await safetyReviewAction(null, form({ clientId: c.couple.partnerAId, screenId: sams.id, assessment: "Seen today; no current intent.", decision: "PROCEED" }))).toEqual({
      ok: true,
      data: { message: "Safety review recorded: Sam may proceed to dosing (P12)." },
    });

    await signInAs(c.otherTherapist);
    const missing = await safetyReviewAction(null, form({ clientId: "00000000-0000-4000-8000-000000000000", screenId: sams.id, assessment: "x", decision: "PROCEED" }));
    const outOfReach = await safetyReviewAction(null, form({ clientId: c.couple.partnerAId, screenId: sams.id, assessment: "x", decision: "PROCEED" }));
    expect(outOfReach).toEqual(missing);
    expect(outOfReach).toEqual({ ok: false, error: "The partner was not found." });
    expect(await db.safetyReview.count({ where: { screenId: sams.id } })).toBe(1);
  });
});

describe(`the dosing day's P12 lines (${databaseKind})`, () => {
  test("each dosing partner's screen and whether a review would change it, audited; for clinicians within reach only", async () => {
    const screen = await phq9(db, c, c.couple.partnerAId, at("2026-03-01T17:00:00Z"), 1);
    const due = await safetyScreenOfSession(therapist, medicineId);
    expect(due).toEqual({
      enabled: true,
      lines: [
        {
          rule: "P12", what: "safetyScreen", partnerId: c.couple.partnerAId, state: "due", screenId: screen.id, reviewable: true,
          label: "Sam's PHQ-9 of Sun 1 Mar: item 9 is above 0, a clinician's safety review is due before check-in",
        },
      ],
    });
    expect(await db.auditEvent.count({ where: { action: "read", entity: "MeasureResponse", entityId: screen.id, clientId: c.couple.partnerAId, actorId: c.therapist.id } })).toBe(1);

    await recordSafetyReview(therapist, review(screen.id, "PROCEED"));
    // Met, and still open to a new decision (the latest review counts).
    expect((await safetyScreenOfSession(therapist, medicineId)).lines[0]).toMatchObject({ state: "met", reviewable: true });
    // A later PHQ-9 with item 9 = 0 lifts nothing: the line still names the reviewed screen, open to a new decision.
    await phq9(db, c, c.couple.partnerAId, at("2026-03-02T15:00:00Z"));
    expect((await safetyScreenOfSession(therapist, medicineId)).lines[0]).toMatchObject({
      state: "met", screenId: screen.id, reviewable: true, label: "Sam's PHQ-9: Mon 2 Mar; the one of Sun 1 Mar had item 9 above 0, safety review Mon 2 Mar: proceed",
    });

    const desk = await db.user.create({ data: { clinicId: c.clinic.id, email: `desk-${randomUUID()}@clinic.test`, name: "Desk", roles: ["FRONT_DESK"], passwordHash: "x" } });
    await expect(safetyScreenOfSession(staffOf(desk), medicineId)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(safetyScreenOfSession(staffOf(c.otherTherapist), medicineId)).rejects.toEqual(new NotFoundError("The session"));
    await db.clinic.update({ where: { id: c.clinic.id }, data: { safetyScreenEnabled: false } });
    expect(await safetyScreenOfSession(therapist, medicineId)).toEqual({ enabled: false, lines: [] });
  });
});

/** How many SQL statements `run` sends, counted under the drivers (as bench/sql-counter.mjs does). */
async function statementsOf<T>(run: () => Promise<T>): Promise<{ count: number; result: T }> {
  const require = createRequire(import.meta.url);
  const pg = require("pg") as { Client: { prototype: Record<string, unknown> } };
  const { PGlite } = await import("@electric-sql/pglite");
  let proto: Record<string, unknown> | null = PGlite.prototype as unknown as Record<string, unknown>;
  while (proto && !Object.prototype.hasOwnProperty.call(proto, "_runExclusiveQuery")) proto = Object.getPrototypeOf(proto) as Record<string, unknown> | null;
  let count = 0;
  const restore: (() => void)[] = [];
  for (const [target, name] of [[pg.Client.prototype, "query"], [proto, "_runExclusiveQuery"]] as const) {
    const original = target?.[name];
    if (!target || typeof original !== "function") continue;
    target[name] = function counted(this: unknown, ...args: unknown[]) {
      count++;
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    };
    restore.push(() => (target[name] = original));
  }
  try {
    const result = await run();
    return { count, result };
  } finally {
    for (const undo of restore) undo();
  }
}
