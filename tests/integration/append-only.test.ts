import { beforeEach, expect, test } from "vitest";
import { databaseFailureOf } from "@/lib/db/errors";
import type { Db } from "@/lib/db/prisma";
import { databaseKind, testDb } from "../support/database";
import { smallClinic } from "../support/fixtures";

let db: Db;
let c: Awaited<ReturnType<typeof smallClinic>>;
beforeEach(async () => {
  db = await testDb();
  c = await smallClinic(db);
});

const clearance = (signedAt: Date | null) =>
  db.clearance.create({
    data: {
      clientId: c.couple.partnerAId, psychiatristId: c.psychiatrist.id, evaluatedOn: new Date("2026-03-01"), systolic: 120, diastolic: 80, heartRate: 70,
      decision: "CLEARED", models: ["TAKING_TURNS"], maxDoseMg: 100, route: "SUBLINGUAL_LOZENGE", validUntil: new Date("2026-05-30"), signedAt,
    },
  });

test(`a signed clearance cannot be updated or deleted; a draft can (${databaseKind})`, async () => {
  const signed = await clearance(new Date());
  await expect(db.clearance.update({ where: { id: signed.id }, data: { conditions: "edited" } })).rejects.toSatisfy((e) => databaseFailureOf(e)?.code === "KP001");
  await expect(db.clearance.delete({ where: { id: signed.id } })).rejects.toSatisfy((e) => databaseFailureOf(e)?.code === "KP001");
  const draft = await clearance(null);
  await db.clearance.update({ where: { id: draft.id }, data: { heartRate: 72 } });
  expect((await db.clearance.findUniqueOrThrow({ where: { id: signed.id } })).conditions).toBe("");
});

test(`a lot's balance follows its log and can never go below zero (${databaseKind})`, async () => {
  const lot = await db.substanceLot.create({ data: { clinicId: c.clinic.id, lotNumber: "LOT-1" } });
  const entry = (kind: "RECEIPT" | "WASTE", quantityMg: number) =>
    db.substanceLogEntry.create({
      data: { lotId: lot.id, kind, quantityMg, recordedById: c.therapist.id, witnessedById: kind === "WASTE" ? c.psychiatrist.id : null, reason: "test", occurredAt: new Date() },
    });
  const receipt = await entry("RECEIPT", 200);
  expect(Number(receipt.balanceAfterMg)).toBe(200);
  expect(Number((await entry("WASTE", -150)).balanceAfterMg)).toBe(50);
  await expect(entry("WASTE", -51)).rejects.toSatisfy((e) => databaseFailureOf(e)?.constraint === "SubstanceLot_balance_not_negative");
  expect(Number((await db.substanceLot.findUniqueOrThrow({ where: { id: lot.id } })).balanceMg)).toBe(50);
  await expect(db.substanceLogEntry.update({ where: { id: receipt.id }, data: { reason: "changed" } })).rejects.toSatisfy((e) => databaseFailureOf(e)?.code === "KP001");
  await expect(db.substanceLogEntry.delete({ where: { id: receipt.id } })).rejects.toSatisfy((e) => databaseFailureOf(e)?.code === "KP001");
});

test(`the audit log is append-only (${databaseKind})`, async () => {
  const event = await db.auditEvent.create({ data: { actorId: c.therapist.id, action: "read", entity: "Couple", entityId: c.couple.id, outcome: "ALLOWED" } });
  await expect(db.auditEvent.update({ where: { id: event.id }, data: { action: "write" } })).rejects.toSatisfy((e) => databaseFailureOf(e)?.code === "KP001");
  await expect(db.auditEvent.delete({ where: { id: event.id } })).rejects.toSatisfy((e) => databaseFailureOf(e)?.code === "KP001");
});
