import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import type { z } from "zod";
import { ZClearanceInput } from "@/lib/clearance/input";
import { recordClearance } from "@/lib/clearance/record-clearance";
import type { Db } from "@/lib/db/prisma";
import { ZAdministrationInput, ZVitalsInput } from "@/lib/dosing/input";
import { recordAdministration } from "@/lib/dosing/record-administration";
import { recordVitals } from "@/lib/dosing/record-vitals";
import { bookSessions } from "@/lib/scheduling/book-sessions";
import { ZPlanInput } from "@/lib/scheduling/book-plan";
import { draftBooking, ZBookingInput, ZMoveInput } from "@/lib/scheduling/session-input";
import { databaseKind, testDb } from "../support/database";
import { at, clinicWithEvaluation, lotWith, medicineSession, signedClearance, type ClinicWithEvaluation } from "../support/dosing-fixtures";
import { insertSession } from "../support/fixtures";
import { signInAs } from "../support/next-request";

// Finding 4 of issue 11, sent as the probe sent it: impossible dates rolled over (31 Feb booked
// 3 Mar), a year 9999 broke the calendar, an unbounded report range answered 500, and a dose of
// 0x10 was read as 16 mg. Each now gets a field error in words and stores nothing; the same form
// with a real value goes through the same path and does store, so the refusal is the input's.

vi.mock("next/headers", () => import("../support/next-request"));

const { GET: reportCsv } = await import("@/app/(clinic)/substance-log/report.csv/route");
const { default: CalendarPage } = await import("@/app/(clinic)/calendar/page");

let db: Db;
let c: ClinicWithEvaluation;

beforeEach(async () => {
  // Mon 2 Mar 2026, 08:00 at the clinic: every probe date of 2027 is inside the booking horizon,
  // so what refuses it is that it does not exist.
  vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true });
  vi.setSystemTime(new Date("2026-03-02T16:00:00Z"));
  db = await testDb();
  c = await clinicWithEvaluation(db);
});
afterEach(() => {
  vi.useRealTimers();
});

/** Every string in a page's element tree (its props, its children's), once each. */
function textsOf(node: unknown, seen = new WeakSet<object>()): string[] {
  if (typeof node === "string") return [node];
  if (!node || typeof node !== "object" || seen.has(node)) return [];
  seen.add(node);
  return Object.values(node).flatMap((value) => textsOf(value, seen));
}

const fieldErrors = (error: z.ZodError) => Object.fromEntries(error.issues.map((i) => [i.path.join("."), i.message]));
const sessionCount = () => db.session.count({ where: { clinicId: c.clinic.id } });

/** The booking form as the action reads it: parse, draft, book. */
async function book(fields: Record<string, string>) {
  const parsed = ZBookingInput.safeParse({ coupleId: c.couple.id, kind: "COUPLES_THERAPY", time: "10:00", roomId: c.willow.id, ...fields });
  if (!parsed.success) return { fieldErrors: fieldErrors(parsed.error) };
  await bookSessions(c.as.therapist, await draftBooking(c.as.therapist, parsed.data));
  return { booked: true };
}

describe(`impossible dates and numbers on ${databaseKind}`, () => {
  test.each([
    ["2027-02-31", "Enter a real date: February 2027 has 28 days."],
    ["2027-13-10", "Enter a real date: there is no month 13."],
    ["2027-04-00", "Enter a real date: April 2027 has 30 days."],
    ["9999-12-31", "Choose a date no later than 2 Mar 2028."],
  ])("booking on %s: a field error, no session", async (date, message) => {
    const before = await sessionCount();
    expect(await book({ date })).toEqual({ fieldErrors: { date: message } });
    expect(await sessionCount()).toBe(before);
  });

  test("booking on a real date goes through the same path and books it", async () => {
    const before = await sessionCount();
    expect(await book({ date: "2027-03-03" })).toEqual({ booked: true });
    expect(await sessionCount()).toBe(before + 1);
  });

  test("an impossible integration date, a move to one and a plan row on one are field errors", () => {
    const booking = ZBookingInput.safeParse({ coupleId: c.couple.id, kind: "COUPLES_THERAPY", date: "2027-03-03", time: "10:00", roomId: c.willow.id, integrationDate: "2027-02-31", integrationTime: "10:00" });
    expect(fieldErrors(booking.error!)).toEqual({ integrationDate: "Enter a real date: February 2027 has 28 days." });
    // A blank integration date is no date, not an error.
    expect(ZBookingInput.safeParse({ coupleId: c.couple.id, kind: "COUPLES_THERAPY", date: "2027-03-03", time: "10:00", roomId: c.willow.id, integrationDate: "" }).success).toBe(true);
    const move = ZMoveInput.safeParse({ sessionId: c.evaluation.id, date: "2027-13-10", time: "10:00" });
    expect(fieldErrors(move.error!)).toEqual({ date: "Enter a real date: there is no month 13." });
    const row = { kind: "COUPLES_THERAPY", time: "10:00", roomId: c.willow.id, partnerIds: `${c.couple.partnerAId},${c.couple.partnerBId}`, clinicianIds: c.therapist.id, journeyerId: "" };
    const plan = ZPlanInput.safeParse({ coupleId: c.couple.id, rows: [{ ...row, date: "2027-03-03", medicineIndex: "" }, { ...row, date: "2027-04-00", medicineIndex: "0x0" }] });
    expect(fieldErrors(plan.error!)).toEqual({ "rows.1.date": "Enter a real date: April 2027 has 30 days.", "rows.1.medicineIndex": expect.any(String) });
  });

  test("the calendar for the week of 9999-12-31 shows this week instead of failing", async () => {
    await insertSession(db, c, { kind: "COUPLES_THERAPY", start: "2026-03-03T18:00:00Z", minutes: 60, partners: [c.couple.partnerAId, c.couple.partnerBId] });
    await signInAs(c.frontDesk);
    const props = (date: string) => ({ searchParams: Promise.resolve({ date, view: "week" }) });
    // The board's week is one room's (the first, unless chosen): "Cedar, week of Mon 2 Mar · …".
    expect(textsOf(await CalendarPage(props("9999-12-31")))).toContainEqual(expect.stringMatching(/^\w+, week of Mon 2 Mar · times in America\/Los_Angeles$/));
  });

  /** The clearance form as the action reads it: parse, then record. */
  async function recordFromForm(evaluatedOn: string) {
    const parsed = ZClearanceInput.safeParse({
      clientId: c.couple.partnerAId, evaluationSessionId: c.evaluation.id, evaluatedOn, systolic: "122", diastolic: "78", heartRate: "72",
      decision: "CLEARED", models: "TAKING_TURNS", maxDoseMg: "100", route: "SUBLINGUAL_LOZENGE", validUntil: "",
    });
    if (!parsed.success) return { fieldErrors: fieldErrors(parsed.error) };
    await recordClearance(c.as.psychiatrist, parsed.data, { now: new Date("2026-03-03T20:00:00Z") });
    return { recorded: true };
  }

  test("a clearance evaluated on 2026-02-31: a field error, nothing recorded; on 2026-03-02 it is recorded", async () => {
    expect(await recordFromForm("2026-02-31")).toEqual({ fieldErrors: { evaluatedOn: "Enter a real date: February 2026 has 28 days." } });
    expect(await db.clearance.count({ where: { clientId: c.couple.partnerAId } })).toBe(0);
    expect(await recordFromForm("2026-03-02")).toEqual({ recorded: true });
    expect(await db.clearance.count({ where: { clientId: c.couple.partnerAId } })).toBe(1);
  });

  test("the report from 0000-01-01 to 9999-12-31 answers 400 with the words, and is not run", async () => {
    const admin = await db.user.create({ data: { clinicId: c.clinic.id, email: `admin-${c.clinic.id}@clinic.test`, name: "Admin", roles: ["ADMIN"], passwordHash: "x" } });
    await signInAs(admin);
    const exports = () => db.auditEvent.count({ where: { clinicId: c.clinic.id, entity: "SubstanceLog" } });
    const report = (query: string) => reportCsv(new Request(`http://localhost:3000/substance-log/report.csv?${query}`));

    const probe = await report("from=0000-01-01&to=9999-12-31");
    expect(probe.status).toBe(400);
    expect(await probe.text()).toBe("Choose a date no earlier than 1 Jan 2000. Choose a date no later than 2 Mar 2027.");
    const impossible = await report("from=2026-02-31&to=2026-03-01");
    expect([impossible.status, await impossible.text()]).toEqual([400, "Enter a real date: February 2026 has 28 days."]);
    const decades = await report("from=2000-01-01&to=2026-03-01");
    expect([decades.status, await decades.text()]).toEqual([400, "A report covers at most 10 years."]);
    expect(await exports()).toBe(0);

    const month = await report("from=2026-02-01&to=2026-02-28");
    expect(month.status).toBe(200);
    expect(await exports()).toBe(1);
  });

  test("a dose of 0x10: a field error, nothing given; 16 is given as 16 mg", async () => {
    await signedClearance(db, c);
    const lot = await lotWith(db, c, 1000);
    const s = await medicineSession(db, c);
    await recordVitals(c.as.therapist, ZVitalsInput.parse({ sessionId: s.id, clientId: c.couple.partnerAId, phase: "BEFORE_DOSING", systolic: "120", diastolic: "80", heartRate: "70" }), at(1));
    const give = async (doseMg: string) => {
      const parsed = ZAdministrationInput.safeParse({ sessionId: s.id, clientId: c.couple.partnerAId, doseMg, route: "SUBLINGUAL_LOZENGE", lotId: lot.id, witnessedById: c.psychiatrist.id });
      if (!parsed.success) return { fieldErrors: fieldErrors(parsed.error) };
      await recordAdministration(c.as.therapist, parsed.data, at(5));
      return { given: true };
    };
    const given = () => db.administration.findMany({ where: { dosingRecord: { sessionId: s.id } }, select: { doseMg: true } });

    for (const typed of ["0x10", "1e1", "Infinity", "16mg"]) {
      expect(await give(typed)).toEqual({ fieldErrors: { doseMg: "Enter the dose as a number (mg)." } });
    }
    expect(await given()).toEqual([]);
    expect(await give("16")).toEqual({ given: true });
    expect((await given()).map((a) => Number(a.doseMg))).toEqual([16]);
  });
});
