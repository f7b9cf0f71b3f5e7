import { randomUUID } from "node:crypto";
import { describe, expect, test } from "vitest";
import { recordAudits, recordReads } from "@/lib/audit/record";
import { blockedSessionsForCouple } from "@/lib/clearance/blocked-sessions";
import { loadCouplePage } from "@/lib/couples/couple-page";
import { coupleFactsOfDetail, getCoupleForStaff } from "@/lib/couples/get-couple";
import { protocolStatusForCycle } from "@/lib/couples/protocol-status";
import { NotFoundError } from "@/lib/errors";
import { measuresOfCouple } from "@/lib/measures/couple-measures";
import { recordMeasure } from "@/lib/measures/record-measure";
import { databaseKind, testDb } from "../support/database";
import { readyTakingTurnsCycle, smallClinic, staffOf, type SmallClinic } from "../support/fixtures";

// The couple page reads everything it shows in one statement (issue 12's budget) and computes
// the blocked sessions (P3), the status panel (P1–P12) and the measures from that one read. These
// tests hold it to the loaders each of those had on its own: the same answers, for every role's
// reach, and the same audit of what was shown.

const db = await testDb();
const PHQ_ITEM9 = [1, 1, 1, 1, 0, 0, 0, 0, 1]; // item 9 above 0: P12 wants a safety review
const GAD = [2, 2, 1, 1, 0, 1, 1];

/** A cycle whose clearances (Feb–May 2026) have lapsed before a medicine session five days from now. */
async function coupleWithRecord() {
  const c = await smallClinic(db);
  const cycle = await readyTakingTurnsCycle(db, c);
  const startsAt = new Date(Date.now() + 5 * 86_400_000);
  startsAt.setUTCHours(18, 0, 0, 0);
  const medicine = await db.session.create({
    data: {
      clinicId: c.clinic.id, coupleId: c.couple.id, cycleId: cycle.id, kind: "MEDICINE_TAKING_TURNS", startsAt, endsAt: new Date(startsAt.getTime() + 3 * 3_600_000),
      roomId: c.cedar.id, journeyerId: c.couple.partnerAId,
      clinicians: { create: [{ userId: c.therapist.id }] }, attendees: { create: [{ clientId: c.couple.partnerAId }, { clientId: c.couple.partnerBId }] },
    },
  });
  const therapist = staffOf(c.therapist);
  await recordMeasure(therapist, { clientId: c.couple.partnerAId, instrument: "PHQ9", answers: PHQ_ITEM9 });
  await recordMeasure(therapist, { clientId: c.couple.partnerBId, instrument: "GAD7", answers: GAD });
  return { c, cycle, medicine, therapist };
}

const staffWithRole = async (c: SmallClinic, roles: ("FRONT_DESK" | "ADMIN" | "PSYCHIATRIST")[]) =>
  staffOf(await db.user.create({ data: { clinicId: c.clinic.id, email: `${roles[0].toLowerCase()}-${randomUUID()}@clinic.test`, name: roles[0], roles, passwordHash: "x" } }));

const readsBy = (actorId: string) =>
  db.auditEvent.findMany({ where: { actorId, action: "read" }, orderBy: [{ entity: "asc" }, { clientId: "asc" }], select: { entity: true, entityId: true, clientId: true, outcome: true } });

describe(`the couple page's one read (${databaseKind})`, () => {
  test("the couple's therapist: the blocked session, the panel and both partners' measures, as each loader on its own gives them", async () => {
    const { c, cycle, medicine, therapist } = await coupleWithRecord();
    const page = await loadCouplePage(therapist, c.couple.id);

    // The read of the couple and of each partner's measures, audited together.
    const [partnerA, partnerB] = [c.couple.partnerAId, c.couple.partnerBId].sort();
    expect(await readsBy(c.therapist.id)).toEqual([
      { entity: "Couple", entityId: c.couple.id, clientId: null, outcome: "ALLOWED" },
      { entity: "MeasureResponse", entityId: null, clientId: partnerA, outcome: "ALLOWED" },
      { entity: "MeasureResponse", entityId: null, clientId: partnerB, outcome: "ALLOWED" },
    ]);

    // P3: the lapsed clearance blocks the medicine session; the page says so as the calendar does.
    expect([...page.blocked]).toEqual([medicine.id]);
    expect(page.blocked).toEqual(await blockedSessionsForCouple(therapist, c.couple.id));
    // P12 read from the page's own read: the journeyer's PHQ-9 has item 9 above 0 and no review.
    const phq9 = page.measures?.measures.find((m) => m.instrument === "PHQ9");
    expect(page.protocolPanel?.prerequisites.find((p) => p.what === "safetyScreen")).toMatchObject({
      rule: "P12", partnerId: c.couple.partnerAId, state: "due", screenId: phq9?.id, label: expect.stringContaining("item 9 is above 0, a clinician's safety review is due"),
    });
    expect(page.protocolPanel).toEqual(await protocolStatusForCycle(therapist, c.couple.id, cycle.id));
    const detail = await getCoupleForStaff(therapist, c.couple.id);
    expect(page.measures).toEqual(await measuresOfCouple(therapist, c.couple, coupleFactsOfDetail(detail)));
    expect(page.measures?.measures.map((m) => [m.instrument, m.total, m.item9])).toEqual([
      ["PHQ9", 5, 1],
      ["GAD7", 8, null],
    ]);
    expect(page.couple.sessions.map((s) => s.id)).toEqual(detail.sessions.map((s) => s.id));
    expect(page.rooms.map((r) => r.name)).toEqual(["Cedar", "Willow"]);
    expect(page.psychiatrists).toEqual([{ id: c.psychiatrist.id, name: "psychiatrist" }]);
  });

  test("a psychiatrist who evaluates one partner: that partner's measures only, no panel, the same blocked session", async () => {
    const { c, medicine } = await coupleWithRecord();
    const other = await staffWithRole(c, ["PSYCHIATRIST"]);
    await db.clearance.create({
      data: {
        clientId: c.couple.partnerBId, psychiatristId: other.id, evaluatedOn: new Date("2026-02-26"), systolic: 120, diastolic: 80, heartRate: 70, decision: "DEFERRED",
        models: [], validUntil: new Date("2026-05-27"),
      },
    });
    const page = await loadCouplePage(other, c.couple.id);
    expect(page.measures?.partnerIds).toEqual([c.couple.partnerBId]);
    expect(page.measures?.measures.map((m) => m.instrument)).toEqual(["GAD7"]);
    expect(page.protocolPanel).toBeNull();
    expect([...page.blocked]).toEqual([medicine.id]);
    expect(await readsBy(other.id)).toEqual([
      { entity: "Couple", entityId: c.couple.id, clientId: null, outcome: "ALLOWED" },
      { entity: "MeasureResponse", entityId: null, clientId: c.couple.partnerBId, outcome: "ALLOWED" },
    ]);
  });

  test("the front desk: the schedule and what is blocked, no measures, no panel, no measure read audited", async () => {
    const { c, medicine } = await coupleWithRecord();
    const desk = await staffWithRole(c, ["FRONT_DESK"]);
    const page = await loadCouplePage(desk, c.couple.id);
    expect(page.measures).toBeNull();
    expect(page.protocolPanel).toBeNull();
    expect([...page.blocked]).toEqual([medicine.id]);
    expect(await readsBy(desk.id)).toEqual([{ entity: "Couple", entityId: c.couple.id, clientId: null, outcome: "ALLOWED" }]);
  });

  test("a therapist outside the couple and an admin: not found, and nothing recorded as shown", async () => {
    const { c } = await coupleWithRecord();
    const admin = await staffWithRole(c, ["ADMIN"]);
    for (const staff of [staffOf(c.otherTherapist), admin]) {
      await expect(loadCouplePage(staff, c.couple.id)).rejects.toBeInstanceOf(NotFoundError);
      expect(await readsBy(staff.id)).toEqual([]);
    }
  });

  test("a read's audit rows are the same rows a change's would be, and the relaxed commit stays with their own statement", async () => {
    const { c, therapist } = await coupleWithRecord();
    const entries = [
      { action: "read", entity: "Couple", entityId: c.couple.id, outcome: "ALLOWED" as const },
      { action: "read", entity: "MeasureResponse", clientId: c.couple.partnerAId, outcome: "DENIED" as const },
    ];
    const desk = await staffWithRole(c, ["FRONT_DESK"]);
    await recordReads(therapist, entries);
    await recordAudits(db, desk, entries);
    const rows = (actorId: string) =>
      db.auditEvent.findMany({ where: { actorId, action: "read" }, orderBy: { id: "asc" }, select: { actorRole: true, clinicId: true, action: true, entity: true, entityId: true, clientId: true, ip: true, outcome: true } });
    const [read, written] = [await rows(c.therapist.id), await rows(desk.id)];
    expect(read).toEqual(written.map((r) => ({ ...r, actorRole: "THERAPIST" })));
    expect(read[0]).toEqual({ actorRole: "THERAPIST", clinicId: c.clinic.id, action: "read", entity: "Couple", entityId: c.couple.id, clientId: null, ip: "127.0.0.1", outcome: "ALLOWED" });
    // `set_config(…, true)` lasts for its statement's own transaction: the next statement commits as before.
    expect(await db.$queryRaw`SELECT current_setting('synchronous_commit') AS setting`).toEqual([{ setting: "on" }]);
  });
});
