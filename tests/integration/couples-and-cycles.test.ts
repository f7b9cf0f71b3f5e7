import { beforeEach, expect, test } from "vitest";
import { createCouple, ZCoupleInput } from "@/lib/couples/create-couple";
import { startCycle, ZStartCycle } from "@/lib/cycles/start-cycle";
import type { Db } from "@/lib/db/prisma";
import { InvalidInputError, NotFoundError } from "@/lib/errors";
import { databaseKind, testDb } from "../support/database";
import { smallClinic, staffOf, type SmallClinic } from "../support/fixtures";

let db: Db;
let c: SmallClinic;
beforeEach(async () => {
  db = await testDb();
  c = await smallClinic(db);
});

const coupleInput = (over: Record<string, unknown> = {}) => ({
  partnerA: { firstName: "Ana", lastName: "Lopez", email: "ANA@example.com", phone: "" },
  partnerB: { firstName: "Bea", lastName: "Lopez", email: "", phone: "(415) 555-0101" },
  couplesTherapistId: c.therapist.id,
  partnerAKapTherapistId: c.therapist.id,
  partnerBKapTherapistId: c.otherTherapist.id,
  ...over,
});

test(`a couple is created with both partners and an audit row (${databaseKind})`, async () => {
  const couple = await createCouple(staffOf(c.therapist), ZCoupleInput.parse(coupleInput()));
  const stored = await db.couple.findUniqueOrThrow({ where: { id: couple.id }, include: { partnerA: true, partnerB: true } });
  expect([stored.partnerA.email, stored.partnerB.email, stored.partnerB.phone]).toEqual(["ana@example.com", null, "(415) 555-0101"]);
  expect(await db.auditEvent.count({ where: { entity: "Couple", entityId: couple.id, action: "create" } })).toBe(1);
});

test("bad couple input is refused field by field", () => {
  const result = ZCoupleInput.safeParse(coupleInput({ partnerA: { firstName: "", lastName: "Lopez", email: "not-an-email", phone: "call me" } }));
  expect(result.success).toBe(false);
  const fields = Object.fromEntries(result.error!.issues.map((i) => [i.path.join("."), i.message]));
  expect(fields).toMatchObject({
    "partnerA.firstName": "Enter a first name.",
    "partnerA.email": "Enter a valid email address, or leave it empty.",
    "partnerA.phone": "Enter a phone number of digits, spaces and + ( ) - only, or leave it empty.",
  });
  const same = ZCoupleInput.safeParse(coupleInput({ partnerB: { firstName: "ana", lastName: "LOPEZ" } }));
  expect(same.error!.issues[0].message).toBe("A couple is two different people: the partners' names are the same.");
});

test(`a therapist from another clinic, or a non-therapist, cannot be named; nothing is written (${databaseKind})`, async () => {
  const elsewhere = await smallClinic(db);
  const before = await db.client.count({ where: { clinicId: c.clinic.id } });
  const error = await createCouple(staffOf(c.therapist), ZCoupleInput.parse(coupleInput({ couplesTherapistId: elsewhere.therapist.id, partnerBKapTherapistId: c.psychiatrist.id }))).catch((e) => e);
  expect(error).toBeInstanceOf(InvalidInputError);
  expect(Object.keys(error.fieldErrors).sort()).toEqual(["couplesTherapistId", "partnerBKapTherapistId"]);
  expect(await db.client.count({ where: { clinicId: c.clinic.id } })).toBe(before);
});

test(`a therapist starts a cycle for their couple, one open cycle at a time, sized by the protocol (P7) (${databaseKind})`, async () => {
  const cycle = await startCycle(staffOf(c.therapist), ZStartCycle.parse({ coupleId: c.couple.id, model: "TAKING_TURNS", format: "SINGLE_EXPERIENCE", sharedGoals: "Try KAP" }));
  expect(cycle).toMatchObject({ status: "PLANNING", plannedSessionCount: 6, sharedGoals: "Try KAP" });
  await expect(startCycle(staffOf(c.therapist), ZStartCycle.parse({ coupleId: c.couple.id, model: "TAKING_TURNS", format: "FULL" }))).rejects.toThrow(
    "This couple already has an open KAP cycle",
  );
  await expect(startCycle(staffOf(c.otherTherapist), ZStartCycle.parse({ coupleId: c.couple.id, model: "TAKING_TURNS", format: "FULL" }))).rejects.toBeInstanceOf(NotFoundError);
  expect(await db.kapCycle.count({ where: { coupleId: c.couple.id } })).toBe(1);
  expect(ZStartCycle.safeParse({ coupleId: c.couple.id, model: "LOW_DOSE_TOGETHER", format: "SINGLE_EXPERIENCE" }).error?.issues[0].message).toBe(
    "A single experience is one Taking Turns medicine session; Low Dose Together is a series.",
  );
});

test(`a couple's details and therapists are updated; another therapist cannot reach it (${databaseKind})`, async () => {
  const { updateCouple, ZCoupleUpdate } = await import("@/lib/couples/update-couple");
  const input = ZCoupleUpdate.parse({
    ...coupleInput({ couplesTherapistId: c.otherTherapist.id }),
    coupleId: c.couple.id,
    partnerA: { firstName: "Sam", lastName: "Rivera-Lee", email: "", phone: "415 555 0199", remindersOptOut: "on" },
  });
  await expect(updateCouple(staffOf(c.otherTherapist), input)).rejects.toBeInstanceOf(NotFoundError);
  await updateCouple(staffOf(c.therapist), input);
  const stored = await db.couple.findUniqueOrThrow({ where: { id: c.couple.id }, include: { partnerA: true } });
  expect(stored.partnerA).toMatchObject({ lastName: "Rivera-Lee", email: null, phone: "415 555 0199", remindersOptOut: true });
  expect(stored.couplesTherapistId).toBe(c.otherTherapist.id);
  expect(await db.auditEvent.count({ where: { entity: "Couple", entityId: c.couple.id, action: "update" } })).toBe(1);
  // A box left unticked (no field) opts the partner back in.
  await updateCouple(staffOf(c.therapist), ZCoupleUpdate.parse({ ...input, partnerA: { ...input.partnerA, email: "sam@example.com", remindersOptOut: undefined } }));
  expect(await db.client.findUniqueOrThrow({ where: { id: c.couple.partnerAId } })).toMatchObject({ email: "sam@example.com", remindersOptOut: false });
});
