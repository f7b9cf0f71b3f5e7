import { beforeEach, describe, expect, test } from "vitest";
import { databaseFailureOf } from "@/lib/db/errors";
import type { Db } from "@/lib/db/prisma";
import { InvalidInputError } from "@/lib/errors";
import { correctEntry } from "@/lib/substance-log/correct-entry";
import { csvField } from "@/lib/substance-log/csv";
import { ZCorrectionInput, ZReceiveInput, ZWasteInput } from "@/lib/substance-log/input";
import { receiveLot } from "@/lib/substance-log/receive-lot";
import { recordCount } from "@/lib/substance-log/record-count";
import { recordWaste } from "@/lib/substance-log/record-waste";
import { reportCsv, substanceLogReport } from "@/lib/substance-log/report";
import { databaseKind, testDb } from "../support/database";
import { asStaff, clinicWithEvaluation, type ClinicWithEvaluation } from "../support/dosing-fixtures";

let db: Db;
let c: ClinicWithEvaluation;
beforeEach(async () => {
  db = await testDb();
  c = await clinicWithEvaluation(db);
});

describe(`controlled-substance log on ${databaseKind}`, () => {
  test("receive, waste with a witness, count, correct by reference; the report by date range downloads as CSV", async () => {
    const day = (d: string, hh = "18") => new Date(`2026-03-${d}T${hh}:00:00Z`);
    const received = await receiveLot(c.as.therapist, ZReceiveInput.parse({ lotNumber: "KET-9", quantityMg: "1000", note: "" }), day("02"));
    expect(received.balanceAfterMg).toBe(1000);
    const lot = await db.substanceLot.findFirstOrThrow({ where: { clinicId: c.clinic.id, lotNumber: "KET-9" } });
    await expect(recordWaste(c.as.therapist, ZWasteInput.parse({ lotId: lot.id, quantityMg: "10", reason: "Dropped", witnessedById: c.therapist.id }), day("03"))).rejects.toBeInstanceOf(InvalidInputError);
    const waste = await recordWaste(c.as.therapist, ZWasteInput.parse({ lotId: lot.id, quantityMg: "10", reason: "Dropped, =cmd", witnessedById: c.psychiatrist.id }), day("03"));
    expect(waste.balanceAfterMg).toBe(990);
    await expect(recordWaste(c.as.therapist, ZWasteInput.parse({ lotId: lot.id, quantityMg: "2000", reason: "Too much", witnessedById: c.psychiatrist.id }), day("03"))).rejects.toSatisfy(
      (e) => e instanceof InvalidInputError && /below zero/.test(e.message),
    );
    const count = await recordCount(c.as.psychiatrist, { lotId: lot.id, countedMg: 980, note: "" }, day("04"));
    expect(count.balanceAfterMg).toBe(990);
    const correction = await correctEntry(c.as.psychiatrist, ZCorrectionInput.parse({ entryId: waste.id, quantityMg: "-10", reason: "Waste was 20 mg, not 10" }), day("05"));
    expect(correction.balanceAfterMg).toBe(980);
    expect((await db.substanceLogEntry.findUniqueOrThrow({ where: { id: correction.id } })).correctsId).toBe(waste.id);

    const admin = await db.user.create({ data: { clinicId: c.clinic.id, email: `admin-${c.clinic.id}@clinic.test`, name: "Admin", roles: ["ADMIN"], passwordHash: "x" } });
    const report = await substanceLogReport(asStaff(admin, ["ADMIN"]), { from: "2026-03-03", to: "2026-03-04" }, "export");
    expect(report.entries.map((e) => e.kind)).toEqual(["WASTE", "COUNT"]);
    expect(report.lots).toEqual([expect.objectContaining({ lotNumber: "KET-9", balanceMg: 980 })]);
    const csv = reportCsv(report);
    const lines = csv.trimEnd().split("\r\n");
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('Waste,KET-9,ketamine,-10,990,,"Dropped, =cmd",,,therapist,psychiatrist');
    expect(lines[2]).toContain("Count,KET-9,ketamine,0,990,980,Count differs from the balance by -10 mg");
    expect(await db.auditEvent.count({ where: { actorId: admin.id, entity: "SubstanceLog", action: "export" } })).toBe(1);
  });

  test("who may: the front desk writes nothing, therapists cannot read the report", async () => {
    await expect(receiveLot(c.as.frontDesk, ZReceiveInput.parse({ lotNumber: "KET-1", quantityMg: "100", note: "" }))).rejects.toThrow(/permission/);
    await expect(substanceLogReport(c.as.therapist, { from: "2026-03-01", to: "2026-03-31" })).rejects.toThrow(/permission/);
  });

  test("a correction must reference an entry and change the balance", () => {
    expect(ZCorrectionInput.safeParse({ entryId: "5f1b7c3e-8a3d-4c9e-9d2a-1b2c3d4e5f60", quantityMg: "0", reason: "typo" }).success).toBe(false);
    expect(ZReceiveInput.safeParse({ lotNumber: "=HYPERLINK()", quantityMg: "10" }).success).toBe(false);
  });
});

describe(`clinical records are append-only in the database (${databaseKind})`, () => {
  const refused = (e: unknown) => databaseFailureOf(e)?.code === "KP001";
  test("revocations, overrides, administrations and log entries refuse UPDATE and DELETE; signed clearances too", async () => {
    const clearance = await db.clearance.create({
      data: {
        clientId: c.couple.partnerAId, psychiatristId: c.psychiatrist.id, evaluatedOn: new Date("2026-03-02"), validUntil: new Date("2026-05-30"),
        systolic: 120, diastolic: 80, heartRate: 70, decision: "CLEARED", models: ["TAKING_TURNS"], maxDoseMg: 100, route: "SUBLINGUAL_LOZENGE", signedAt: new Date(),
      },
    });
    await expect(db.clearance.update({ where: { id: clearance.id }, data: { maxDoseMg: 400 } })).rejects.toSatisfy(refused);
    await expect(db.clearance.updateMany({ where: { id: clearance.id }, data: { signedAt: null } })).rejects.toSatisfy(refused);
    await expect(db.clearance.delete({ where: { id: clearance.id } })).rejects.toSatisfy(refused);
    const revocation = await db.clearanceRevocation.create({ data: { clearanceId: clearance.id, revokedById: c.psychiatrist.id, reason: "test" } });
    await expect(db.clearanceRevocation.update({ where: { id: revocation.id }, data: { reason: "changed" } })).rejects.toSatisfy(refused);
    await expect(db.clearanceRevocation.delete({ where: { id: revocation.id } })).rejects.toSatisfy(refused);

    const session = await db.session.create({
      data: {
        clinicId: c.clinic.id, coupleId: c.couple.id, cycleId: c.cycle.id, kind: "MEDICINE_TAKING_TURNS", status: "CHECKED_IN", journeyerId: c.couple.partnerAId,
        startsAt: new Date("2026-03-10T17:00:00Z"), endsAt: new Date("2026-03-10T20:00:00Z"), roomId: c.cedar.id,
      },
    });
    const record = await db.dosingRecord.create({ data: { sessionId: session.id, clientId: c.couple.partnerAId } });
    const reading = await db.vitalsReading.create({ data: { dosingRecordId: record.id, phase: "BEFORE_DOSING", takenAt: new Date(), systolic: 170, diastolic: 95, heartRate: 80, recordedById: c.therapist.id } });
    const override = await db.doseHoldOverride.create({ data: { dosingRecordId: record.id, vitalsReadingId: reading.id, psychiatristId: c.psychiatrist.id, reason: "ok" } });
    await expect(db.doseHoldOverride.update({ where: { id: override.id }, data: { reason: "changed" } })).rejects.toSatisfy(refused);
    await expect(db.doseHoldOverride.delete({ where: { id: override.id } })).rejects.toSatisfy(refused);
    const lot = await db.substanceLot.create({ data: { clinicId: c.clinic.id, lotNumber: "AO-1" } });
    const receipt = await db.substanceLogEntry.create({ data: { lotId: lot.id, kind: "RECEIPT", quantityMg: 100, recordedById: c.psychiatrist.id, occurredAt: new Date() } });
    const administration = await db.administration.create({
      data: { dosingRecordId: record.id, doseMg: 50, route: "SUBLINGUAL_LOZENGE", lotId: lot.id, administeredAt: new Date(), givenById: c.psychiatrist.id, witnessedById: c.therapist.id },
    });
    await expect(db.administration.update({ where: { id: administration.id }, data: { doseMg: 10 } })).rejects.toSatisfy(refused);
    await expect(db.administration.delete({ where: { id: administration.id } })).rejects.toSatisfy(refused);
    await expect(db.substanceLogEntry.updateMany({ where: { lotId: lot.id }, data: { quantityMg: 1 } })).rejects.toSatisfy(refused);
    await expect(db.substanceLogEntry.deleteMany({ where: { id: receipt.id } })).rejects.toSatisfy(refused);
    // A correction must reference the entry it corrects (CHECK), never stand alone.
    await expect(db.substanceLogEntry.create({ data: { lotId: lot.id, kind: "CORRECTION", quantityMg: 5, recordedById: c.psychiatrist.id, occurredAt: new Date() } })).rejects.toSatisfy(
      (e) => databaseFailureOf(e)?.code === "23514",
    );
  });
});

test("CSV fields are quoted and formula-safe", () => {
  expect(csvField('a "b", c')).toBe('"a ""b"", c"');
  expect(csvField("=1+1")).toBe("'=1+1");
  expect(csvField(-10, { numeric: true })).toBe("-10");
  expect(csvField(null)).toBe("");
});
