import { describe, expect, test, vi } from "vitest";
import { databaseKind, testDb } from "../support/database";
import { insertSession, smallClinic, staffOf } from "../support/fixtures";
import { fromAddress, signInAs } from "../support/next-request";

vi.mock("next/headers", () => import("../support/next-request"));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

const { recordMeasureAction, makeMeasureLinkAction } = await import("@/app/(clinic)/couples/[coupleId]/measure-actions");
const { submitMeasureLinkAction } = await import("@/app/m/actions");
const { makeMeasureLink, openMeasureLink, tokenHash, LINK_WORDS } = await import("@/lib/measures/measure-links");
const { submitMeasureLink } = await import("@/lib/measures/submit-measure-link");
const { recordMeasure } = await import("@/lib/measures/record-measure");
const { LINK_THROTTLE, THROTTLED } = await import("@/lib/measures/link-throttle");
const { measuresOfCouple } = await import("@/lib/measures/couple-measures");
const { INSTRUMENTS, positionsOf, score } = await import("@/lib/measures/instruments");
const { refusalOf } = await import("@/lib/db/errors");
import type { InstrumentId } from "@/lib/measures/instruments";

// Outcome measures on the real database (PGlite, and PostgreSQL when TEST_DATABASE_URL is set):
// what is stored is the published score; a link works once, even for two submissions at the same
// moment; wrong answers, expired and used links are refused in words with nothing stored; out of
// reach is not found; and the database itself refuses to change a recorded measure.

const db = await testDb();
const form = (fields: Record<string, string | string[] | undefined>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const one of [v ?? []].flat()) f.append(k, one);
  return f;
};
/** Form fields choosing these points for an instrument: { "PHQ9.q1": "2", … }. */
const answersFor = (id: InstrumentId, points: readonly number[]) => Object.fromEntries(positionsOf(id, points).map((p, i) => [`${id}.q${i + 1}`, String(p)]));
/** The same, as the action hands them to the domain: { PHQ9: { q1: "2", … } }. */
const nested = (id: InstrumentId, points: readonly number[], change: Record<string, string | undefined> = {}) => ({
  [id]: { ...Object.fromEntries(positionsOf(id, points).map((p, i) => [`q${i + 1}`, String(p)])), ...change },
});

const PHQ = [1, 2, 1, 1, 0, 1, 0, 0, 1]; // 7, mild, item 9 = 1
const GAD = [2, 2, 1, 1, 0, 1, 1]; // 8, mild
const CSI = [4, 4, 4, 4, 3, 4, 3, 3, 3, 4, 4, 4, 3, 4, 4, 4]; // 59: no notable dissatisfaction

async function clinic() {
  const c = await smallClinic(db);
  return { ...c, staff: staffOf(c.therapist), psychiatristStaff: staffOf(c.psychiatrist), otherStaff: staffOf(c.otherTherapist) };
}
const stored = (clientId: string) => db.measureResponse.findMany({ where: { clientId }, orderBy: { instrument: "asc" } });

describe(`outcome measures (${databaseKind})`, () => {
  test("a clinician enters a PHQ-9: stored as points with the published total, audited without its content", async () => {
    const c = await clinic();
    await signInAs(c.therapist);
    const result = await recordMeasureAction(null, form({ clientId: c.couple.partnerAId, instrument: "PHQ9", ...answersFor("PHQ9", PHQ) }));
    expect(result).toEqual({ ok: true, data: { message: "PHQ-9 recorded: 7 of 27 (Mild)." } });
    const [row] = await stored(c.couple.partnerAId);
    expect(row).toMatchObject({ instrument: "PHQ9", answers: PHQ, total: 7, source: "CLINICIAN", enteredById: c.therapist.id, linkId: null, clinicId: c.clinic.id });
    expect(Math.abs(row.takenAt.getTime() - Date.now())).toBeLessThan(60_000);
    const audit = await db.auditEvent.findMany({ where: { entity: "MeasureResponse", entityId: row.id } });
    expect(audit).toEqual([expect.objectContaining({ action: "create", actorId: c.therapist.id, clientId: c.couple.partnerAId, outcome: "ALLOWED" })]);
    expect(JSON.stringify(audit, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v))).not.toMatch(/Mild|"total"|answers/);
  });

  test.each([
    ["PHQ9", [3, 3, 3, 3, 3, 3, 3, 3, 3], 27],
    ["GAD7", [3, 3, 3, 3, 3, 3, 3], 21],
    ["CSI16", [6, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5], 81],
    ["CSI16", [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], 0],
    ["GAD7", GAD, 8],
    ["CSI16", CSI, 59],
  ] as const)("%s scored on the server equals the published score (%j → %i)", async (instrument, points, total) => {
    const c = await clinic();
    const recorded = await recordMeasure(c.staff, { clientId: c.couple.partnerBId, instrument, answers: [...points] });
    expect(recorded.total).toBe(total);
    expect(recorded.band).toEqual(score(instrument, points).band);
    expect((await stored(c.couple.partnerBId))[0]).toMatchObject({ answers: points, total });
  });

  test("wrong answers are refused item by item, in words, and nothing is stored", async () => {
    const c = await clinic();
    await signInAs(c.therapist);
    const answers = { ...answersFor("GAD7", GAD), "GAD7.q3": "9", "GAD7.q6": undefined };
    const result = await recordMeasureAction(null, form({ clientId: c.couple.partnerAId, instrument: "GAD7", ...answers }));
    expect(result).toEqual({
      ok: false,
      error: "Please correct the highlighted fields.",
      fieldErrors: { "GAD7.q3": ["Item 3: choose one of the answers."], "GAD7.q6": ["Item 6: choose one of the answers."] },
    });
    // A future date, and one before the clinic's records begin.
    const tomorrow = new Date(Date.now() + 36 * 3_600_000).toISOString().slice(0, 10);
    expect(await recordMeasureAction(null, form({ clientId: c.couple.partnerAId, instrument: "GAD7", takenOn: tomorrow, ...answersFor("GAD7", GAD) }))).toMatchObject({
      ok: false,
      fieldErrors: { takenOn: ["A measure cannot be dated in the future."] },
    });
    expect(await recordMeasureAction(null, form({ clientId: c.couple.partnerAId, instrument: "GAD7", takenOn: "1899-12-31", ...answersFor("GAD7", GAD) }))).toMatchObject({
      ok: false,
      fieldErrors: { takenOn: ["Choose a date no earlier than 1 Jan 2000."] },
    });
    expect(await recordMeasureAction(null, form({ clientId: c.couple.partnerAId, instrument: "BDI", ...answersFor("GAD7", GAD) }))).toMatchObject({ ok: false, fieldErrors: { instrument: ["Choose a measure."] } });
    expect(await stored(c.couple.partnerAId)).toEqual([]);
  });

  test("an earlier day is kept at noon clinic time; the session must be one the partner attended", async () => {
    const c = await clinic();
    const intake = await insertSession(db, c, { kind: "COUPLES_THERAPY", start: "2026-02-23T17:00:00Z", minutes: 60, partners: [c.couple.partnerAId, c.couple.partnerBId], status: "COMPLETED" });
    const other = await insertSession(db, { ...c, couple: c.otherCouple }, { kind: "COUPLES_THERAPY", start: "2026-02-24T17:00:00Z", minutes: 60, partners: [c.otherCouple.partnerAId, c.otherCouple.partnerBId], clinicianId: c.otherTherapist.id });
    await recordMeasure(c.staff, { clientId: c.couple.partnerAId, instrument: "CSI16", answers: CSI, takenOn: "2026-02-23", sessionId: intake.id });
    expect((await stored(c.couple.partnerAId))[0]).toMatchObject({ sessionId: intake.id, takenAt: new Date("2026-02-23T20:00:00Z") });
    await expect(recordMeasure(c.staff, { clientId: c.couple.partnerAId, instrument: "CSI16", answers: CSI, sessionId: other.id })).rejects.toMatchObject({
      fieldErrors: { sessionId: ["Choose a session of this partner, or none."] },
    });
    expect(await stored(c.couple.partnerAId)).toHaveLength(1);
  });

  test("out of reach is not found: another therapist's couple, a partner the psychiatrist does not evaluate", async () => {
    const c = await clinic();
    await expect(recordMeasure(c.otherStaff, { clientId: c.couple.partnerAId, instrument: "PHQ9", answers: PHQ })).rejects.toThrow("The partner was not found.");
    await expect(recordMeasure(c.psychiatristStaff, { clientId: c.couple.partnerAId, instrument: "PHQ9", answers: PHQ })).rejects.toThrow("The partner was not found.");
    await expect(makeMeasureLink(c.otherStaff, { clientId: c.couple.partnerAId, instruments: ["PHQ9"] })).rejects.toThrow("The partner was not found.");
    await signInAs(c.otherTherapist);
    expect(await recordMeasureAction(null, form({ clientId: c.couple.partnerAId, instrument: "PHQ9", ...answersFor("PHQ9", PHQ) }))).toEqual({ ok: false, error: "The partner was not found." });
    expect(await makeMeasureLinkAction(null, form({ clientId: c.couple.partnerAId, instruments: "PHQ9" }))).toEqual({ ok: false, error: "The partner was not found." });
    expect(await db.measureResponse.count({ where: { clientId: c.couple.partnerAId } })).toBe(0);
    expect(await db.measureLink.count({ where: { clientId: c.couple.partnerAId } })).toBe(0);
    // A psychiatrist who evaluates partner A reaches A's measures, not B's.
    const cycle = await db.kapCycle.create({ data: { coupleId: c.couple.id, model: "TAKING_TURNS", plannedSessionCount: 8, status: "ACTIVE" } });
    await insertSession(db, c, { kind: "MEDICAL_EVALUATION", start: "2026-02-20T17:00:00Z", minutes: 60, partners: [c.couple.partnerAId], clinicianId: c.psychiatrist.id, roomId: null, cycleId: cycle.id });
    await recordMeasure(c.psychiatristStaff, { clientId: c.couple.partnerAId, instrument: "PHQ9", answers: PHQ });
    await expect(recordMeasure(c.psychiatristStaff, { clientId: c.couple.partnerBId, instrument: "PHQ9", answers: PHQ })).rejects.toThrow("The partner was not found.");
  });

  test("the partner fills in three measures from a link without an account; the link works once", async () => {
    const c = await clinic();
    await signInAs(c.therapist);
    const made = await makeMeasureLinkAction(null, form({ clientId: c.couple.partnerAId, instruments: ["CSI16", "PHQ9", "GAD7"] }));
    expect(made).toMatchObject({ ok: true, data: { path: expect.stringMatching(/^\/m\/[\w-]{43}$/), instruments: ["PHQ9", "GAD7", "CSI16"] } });
    const token = made.ok ? made.data.path.slice(3) : "";
    const link = await db.measureLink.findFirstOrThrow({ where: { clientId: c.couple.partnerAId } });
    // Only the token's SHA-256 is stored; the link expires in 7 days.
    expect(link.tokenHash).toBe(tokenHash(token));
    expect(link.tokenHash).not.toContain(token);
    expect(link.expiresAt.getTime() - link.createdAt.getTime()).toBe(7 * 24 * 3_600_000);

    await signInAs(null);
    fromAddress("198.51.100.20");
    const view = await openMeasureLink(token, "198.51.100.20");
    expect(view).toEqual({ state: "open", clinicName: c.clinic.name, instruments: ["PHQ9", "GAD7", "CSI16"], expiresAt: link.expiresAt });
    // Nothing of the record: no names.
    expect(JSON.stringify(view)).not.toMatch(/Sam|Jordan|Rivera/);

    const answers = { token, ...answersFor("PHQ9", PHQ), ...answersFor("GAD7", GAD), ...answersFor("CSI16", CSI) };
    expect(await submitMeasureLinkAction(null, form(answers))).toEqual({ ok: true, data: { instruments: ["PHQ9", "GAD7", "CSI16"] } });
    const rows = await stored(c.couple.partnerAId);
    expect(rows.map((r) => [r.instrument, r.total, r.source, r.linkId, r.enteredById])).toEqual([
      ["PHQ9", 7, "LINK", link.id, c.therapist.id],
      ["GAD7", 8, "LINK", link.id, c.therapist.id],
      ["CSI16", 59, "LINK", link.id, c.therapist.id],
    ]);
    expect((await db.measureLink.findUniqueOrThrow({ where: { id: link.id } })).usedAt).not.toBeNull();

    // A second use is refused in words, and stores nothing.
    expect(await submitMeasureLinkAction(null, form(answers))).toMatchObject({ ok: false, error: LINK_WORDS.used });
    expect(await openMeasureLink(token, "198.51.100.20")).toEqual({ state: "used" });
    expect(await stored(c.couple.partnerAId)).toHaveLength(3);
    // Audited with the address, without the answers.
    const audit = await db.auditEvent.findMany({ where: { clinicId: c.clinic.id, actorId: null, entity: { in: ["MeasureLink", "MeasureResponse"] } }, orderBy: { id: "asc" } });
    expect(audit.map((a) => [a.action, a.entity, a.outcome, a.ip, a.clientId])).toEqual([
      ["open-link", "MeasureLink", "ALLOWED", "198.51.100.20", c.couple.partnerAId],
      ["create", "MeasureResponse", "ALLOWED", "198.51.100.20", c.couple.partnerAId],
      ["create", "MeasureResponse", "ALLOWED", "198.51.100.20", c.couple.partnerAId],
      ["create", "MeasureResponse", "ALLOWED", "198.51.100.20", c.couple.partnerAId],
      ["submit-link", "MeasureLink", "ALLOWED", "198.51.100.20", c.couple.partnerAId],
      ["submit-link", "MeasureLink", "DENIED", "198.51.100.20", c.couple.partnerAId],
      ["open-link", "MeasureLink", "DENIED", "198.51.100.20", c.couple.partnerAId],
    ]);
  });

  test("missing answers on a link are refused item by item; nothing is stored and the link still works", async () => {
    const c = await clinic();
    const { token } = await makeMeasureLink(c.staff, { clientId: c.couple.partnerBId, instruments: ["PHQ9", "CSI16"] });
    const partial = { token, ...nested("PHQ9", PHQ, { q9: undefined }), ...nested("CSI16", CSI, { q12: "6" }) };
    await expect(submitMeasureLink(partial, "198.51.100.21")).rejects.toMatchObject({
      message: "Please answer every question: the ones still to answer are marked.",
      fieldErrors: { "PHQ9.q9": ["Item 9: choose one of the answers."], "CSI16.q12": ["Item 12: choose one of the answers."] },
    });
    expect(await stored(c.couple.partnerBId)).toEqual([]);
    expect(await submitMeasureLink({ token, ...nested("PHQ9", PHQ), ...nested("CSI16", CSI) }, "198.51.100.21")).toEqual({ instruments: ["PHQ9", "CSI16"] });
    expect((await stored(c.couple.partnerBId)).map((r) => r.instrument)).toEqual(["PHQ9", "CSI16"]);
  });

  test("an expired link and an unknown one are refused in words", async () => {
    const c = await clinic();
    const made = new Date(Date.now() - 8 * 24 * 3_600_000);
    const { token } = await makeMeasureLink(c.staff, { clientId: c.couple.partnerAId, instruments: ["PHQ9"] }, made);
    const answers = { token, ...nested("PHQ9", PHQ) };
    await expect(submitMeasureLink(answers, "198.51.100.22")).rejects.toThrow(LINK_WORDS.expired);
    expect(await openMeasureLink(token, "198.51.100.22")).toEqual({ state: "expired" });
    // Exactly at its expiry it no longer works.
    const fresh = await makeMeasureLink(c.staff, { clientId: c.couple.partnerAId, instruments: ["PHQ9"] });
    await expect(submitMeasureLink({ ...answers, token: fresh.token }, "198.51.100.22", fresh.expiresAt)).rejects.toThrow(LINK_WORDS.expired);
    await expect(submitMeasureLink({ ...answers, token: "A".repeat(43) }, "198.51.100.22")).rejects.toThrow(LINK_WORDS.unknown);
    await expect(submitMeasureLink({ ...answers, token: "not a token" }, "198.51.100.22")).rejects.toThrow(LINK_WORDS.unknown);
    expect(await openMeasureLink("../../etc", "198.51.100.22")).toEqual({ state: "unknown" });
    expect(await stored(c.couple.partnerAId)).toEqual([]);
  });

  test("two submissions of one link at the same moment: exactly one is stored, the other is told in words", async () => {
    const c = await clinic();
    const { token } = await makeMeasureLink(c.staff, { clientId: c.couple.partnerAId, instruments: ["PHQ9", "GAD7"] });
    const answers = { token, ...nested("PHQ9", PHQ), ...nested("GAD7", GAD) };
    const results = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => submitMeasureLink(answers, `198.51.100.${30 + i}`)));
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected").map((r) => (r.reason as Error).message);
    expect(won).toHaveLength(1);
    expect(lost).toEqual(Array(5).fill(LINK_WORDS.used));
    expect((await stored(c.couple.partnerAId)).map((r) => r.instrument)).toEqual(["PHQ9", "GAD7"]);
  });

  test("an address that keeps trying links that do not work is held off, and then looks nothing up", async () => {
    const c = await clinic();
    const ip = `203.0.113.${100 + Math.floor(Math.random() * 100)}`;
    for (let i = 0; i < LINK_THROTTLE.refusals; i++) expect(await openMeasureLink(`${"B".repeat(42)}${i % 10}`, ip)).toEqual({ state: "unknown" });
    const { token } = await makeMeasureLink(c.staff, { clientId: c.couple.partnerAId, instruments: ["GAD7"] });
    expect(await openMeasureLink(token, ip)).toEqual({ state: "throttled" });
    await expect(submitMeasureLink({ token, ...nested("GAD7", GAD) }, ip)).rejects.toThrow(THROTTLED);
    expect(await stored(c.couple.partnerAId)).toEqual([]);
    // Another address is not held off; nor is this one once the window has passed.
    expect(await openMeasureLink(token, "203.0.113.250")).toMatchObject({ state: "open" });
    const later = new Date(Date.now() + (LINK_THROTTLE.windowMinutes + 1) * 60_000);
    expect(await openMeasureLink(token, ip, later)).toMatchObject({ state: "open" });
  });

  test("the database refuses to change or delete a recorded measure, and a used link", async () => {
    const c = await clinic();
    const { id } = await recordMeasure(c.staff, { clientId: c.couple.partnerAId, instrument: "PHQ9", answers: PHQ });
    const update = db.$executeRaw`UPDATE "MeasureResponse" SET "total" = 0, "answers" = '{0,0,0,0,0,0,0,0,0}' WHERE "id" = ${id}::uuid`;
    await expect(update).rejects.toSatisfy((e) => refusalOf(e)?.message === "A recorded measure is never changed; record it again if it was entered wrongly.");
    await expect(db.measureResponse.delete({ where: { id } })).rejects.toSatisfy((e) => refusalOf(e) !== null);
    // Off its scale, or a total that is not the sum: refused by the CHECK.
    await expect(
      db.measureResponse.create({ data: { clinicId: c.clinic.id, clientId: c.couple.partnerAId, instrument: "PHQ9", answers: [4, 0, 0, 0, 0, 0, 0, 0, 0], total: 4, takenAt: new Date(), source: "CLINICIAN", enteredById: c.therapist.id } }),
    ).rejects.toSatisfy((e) => refusalOf(e)?.message.startsWith("Every item needs an answer on its scale") === true);
    expect((await db.measureResponse.findUniqueOrThrow({ where: { id } })).total).toBe(7);

    const { token } = await makeMeasureLink(c.staff, { clientId: c.couple.partnerAId, instruments: ["GAD7"] });
    await submitMeasureLink({ token, ...nested("GAD7", GAD) }, null);
    const link = await db.measureLink.findUniqueOrThrow({ where: { tokenHash: tokenHash(token) } });
    await expect(db.$executeRaw`UPDATE "MeasureLink" SET "usedAt" = NULL WHERE "id" = ${link.id}::uuid`).rejects.toSatisfy((e) => refusalOf(e)?.message === LINK_WORDS.used);
  });

  test("the couple page's reading: both partners for their therapist, one for the psychiatrist who evaluates them; each read audited", async () => {
    const c = await clinic();
    await recordMeasure(c.staff, { clientId: c.couple.partnerAId, instrument: "PHQ9", answers: PHQ });
    await recordMeasure(c.staff, { clientId: c.couple.partnerBId, instrument: "CSI16", answers: CSI });
    const facts = (psychiatristId?: string) => ({
      couplesTherapistId: c.therapist.id,
      partners: [
        { id: c.couple.partnerAId, kapTherapistId: c.therapist.id },
        { id: c.couple.partnerBId, kapTherapistId: c.therapist.id },
      ],
      sessions: [],
      clearances: psychiatristId ? [{ clientId: c.couple.partnerAId, psychiatristId }] : [],
    });
    const therapist = await measuresOfCouple(c.staff, c.couple, facts());
    expect(therapist?.measures.map((m) => [m.instrument, m.total, m.item9])).toEqual([
      ["PHQ9", 7, 1],
      ["CSI16", 59, null],
    ]);
    const psychiatrist = await measuresOfCouple(c.psychiatristStaff, c.couple, facts(c.psychiatrist.id));
    expect(psychiatrist?.partnerIds).toEqual([c.couple.partnerAId]);
    expect(psychiatrist?.measures.map((m) => m.instrument)).toEqual(["PHQ9"]);
    expect(await measuresOfCouple(c.otherStaff, c.couple, facts())).toBeNull();
    const reads = await db.auditEvent.findMany({ where: { clinicId: c.clinic.id, action: "read", entity: "MeasureResponse" } });
    expect(reads.map((r) => [r.actorId, r.clientId])).toEqual(
      expect.arrayContaining([
        [c.therapist.id, c.couple.partnerAId],
        [c.therapist.id, c.couple.partnerBId],
        [c.psychiatrist.id, c.couple.partnerAId],
      ]),
    );
    expect(reads).toHaveLength(3);
    expect(INSTRUMENTS.PHQ9.items).toHaveLength(9);

    // A partner's own record (the print page) names one partner twice: read and audited once.
    const one = await measuresOfCouple(c.staff, { partnerAId: c.couple.partnerAId, partnerBId: c.couple.partnerAId }, facts());
    expect(one?.partnerIds).toEqual([c.couple.partnerAId]);
    expect(one?.measures.map((m) => m.instrument)).toEqual(["PHQ9"]);
    expect(await db.auditEvent.count({ where: { clinicId: c.clinic.id, action: "read", entity: "MeasureResponse" } })).toBe(4);
  });
});
