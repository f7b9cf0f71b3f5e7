import { beforeEach, expect, test } from "vitest";
import { COUPLES_PAGE_SIZE, listCouples } from "@/lib/couples/list-couples";
import type { Db } from "@/lib/db/prisma";
import { databaseKind, testDb } from "../support/database";
import { smallClinic, staffOf, type SmallClinic } from "../support/fixtures";

let db: Db;
let c: SmallClinic;
const TZ = "America/Los_Angeles";

beforeEach(async () => {
  db = await testDb();
  c = await smallClinic(db);
});

/** `count` more couples for the therapist, several sharing a last name (pages must not split them badly). */
async function manyCouples(count: number, therapistId: string) {
  const clients = await db.client.createManyAndReturn({
    data: Array.from({ length: count * 2 }, (_, i) => ({ clinicId: c.clinic.id, firstName: `P${String(i).padStart(3, "0")}`, lastName: `Family${Math.floor(i / 8)}` })),
  });
  await db.couple.createMany({
    data: Array.from({ length: count }, (_, i) => ({
      clinicId: c.clinic.id, partnerAId: clients[2 * i].id, partnerBId: clients[2 * i + 1].id,
      couplesTherapistId: therapistId, partnerAKapTherapistId: therapistId, partnerBKapTherapistId: therapistId,
    })),
  });
}

test(`the couples list comes in pages that together hold every couple once (${databaseKind})`, async () => {
  await manyCouples(COUPLES_PAGE_SIZE + 10, c.therapist.id);
  const desk = staffOf(await db.user.create({ data: { clinicId: c.clinic.id, email: `desk-${Date.now()}@clinic.test`, name: "Desk", roles: ["FRONT_DESK"], passwordHash: "x" } }));
  const first = await listCouples(desk, TZ, { page: 1 });
  const second = await listCouples(desk, TZ, { page: 2 });
  const total = COUPLES_PAGE_SIZE + 12; // the small clinic's two couples and the new ones
  expect(first).toMatchObject({ total, page: 1, pages: 2 });
  expect(first.rows).toHaveLength(COUPLES_PAGE_SIZE);
  expect(second.rows).toHaveLength(12);
  const ids = [...first.rows, ...second.rows].map((r) => r.id);
  expect(new Set(ids).size).toBe(total);
  expect(new Set(ids)).toEqual(new Set((await db.couple.findMany({ where: { clinicId: c.clinic.id }, select: { id: true } })).map((x) => x.id)));
  // Past the last page, or nonsense, gives the nearest real page.
  expect((await listCouples(desk, TZ, { page: 99 })).page).toBe(2);
  expect((await listCouples(desk, TZ, { page: -3 })).page).toBe(1);
});

test(`a therapist's pages count only their own couples, and a search narrows the count (${databaseKind})`, async () => {
  await manyCouples(COUPLES_PAGE_SIZE + 10, c.otherTherapist.id);
  const mine = await listCouples(staffOf(c.therapist), TZ);
  expect(mine).toMatchObject({ total: 1, pages: 1 });
  expect(mine.rows.map((r) => r.id)).toEqual([c.couple.id]);
  const found = await listCouples(staffOf(c.otherTherapist), TZ, { query: "Family3" });
  expect(found.total).toBe(4);
  expect(found.rows.every((r) => r.names.includes("Family3"))).toBe(true);
});
