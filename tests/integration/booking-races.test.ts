import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import type { Db } from "@/lib/db/prisma";
import { RuleViolationError, RuleViolationsError } from "@/lib/errors";
import type { NewSession } from "@/lib/protocol";
import { bookSessions } from "@/lib/scheduling/book-sessions";
import { databaseKind, testDb } from "../support/database";
import { makeCouple, smallClinic, staffOf, type SmallClinic } from "../support/fixtures";

// Issue 4's races: many requests for one room, one clinician or one partner at the same moment.
// On PostgreSQL they really run at once (a pool of connections); on PGlite they queue on its
// single connection. Either way exactly one may win and every other must hear why, in words.

const ATTEMPTS = 50;
let db: Db;
let c: SmallClinic;

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true });
  vi.setSystemTime(new Date("2026-03-02T16:00:00Z"));
  db = await testDb();
  c = await smallClinic(db);
});
afterEach(() => vi.useRealTimers());

const session = (start: string, roomId: string, clinicianId: string, partnerIds: string[]): NewSession => {
  const startsAt = new Date(start);
  return {
    id: randomUUID(), kind: "COUPLES_THERAPY", startsAt, endsAt: new Date(startsAt.getTime() + 60 * 60_000),
    roomId, journeyerId: null, medicineSessionId: null, clinicianIds: [clinicianId], partnerIds,
  };
};

async function settle(attempts: Promise<unknown>[]) {
  const results = await Promise.allSettled(attempts);
  const failures = results.filter((r): r is PromiseRejectedResult => r.status === "rejected").map((r) => r.reason);
  const messages = failures.map((e) => (e instanceof RuleViolationsError ? e.violations[0] : e)).map((e) => (e instanceof RuleViolationError ? e.message : `not a rule violation: ${e}`));
  return { won: results.length - failures.length, messages };
}

async function manyCouples(n: number, therapistId?: string) {
  const couples = [];
  for (let i = 0; i < n; i++) {
    const therapist = therapistId ?? (await db.user.create({ data: { clinicId: c.clinic.id, email: `t${i}-${randomUUID()}@clinic.test`, name: `Therapist ${i}`, roles: ["THERAPIST"], passwordHash: "x" } })).id;
    couples.push({ couple: await makeCouple(db, c.clinic.id, therapist, `Family${i}`), therapist });
  }
  return couples;
}

async function manyRooms(n: number) {
  const rooms: { id: string }[] = [];
  for (let i = 0; i < n; i++) rooms.push(await db.room.create({ data: { clinicId: c.clinic.id, name: `Room ${i}`, capacity: 4 } }));
  return rooms;
}

describe(`${ATTEMPTS} simultaneous bookings (${databaseKind})`, () => {
  test("of one room: exactly one succeeds, every other gets the room's clash", async () => {
    const couples = await manyCouples(ATTEMPTS);
    const { won, messages } = await settle(
      couples.map(({ couple, therapist }, i) =>
        bookSessions(staffOf({ ...c.therapist, id: therapist }), {
          coupleId: couple.id, cycleId: null,
          sessions: [session(`2026-03-03T18:${String(i % 30).padStart(2, "0")}:00Z`, c.willow.id, therapist, [couple.partnerAId, couple.partnerBId])],
        }),
      ),
    );
    expect(won).toBe(1);
    expect(messages).toHaveLength(ATTEMPTS - 1);
    for (const m of messages) expect(m).toMatch(/^P8: Room Willow is booked 10:\d\d–11:\d\d on Tue 3 Mar\.$/);
    expect(await db.session.count({ where: { clinicId: c.clinic.id, roomId: c.willow.id } })).toBe(1);
  });

  test("of one clinician in different rooms: exactly one succeeds, every other gets the clinician's clash", async () => {
    const couples = await manyCouples(ATTEMPTS, c.therapist.id);
    const rooms = await manyRooms(ATTEMPTS);
    const { won, messages } = await settle(
      couples.map(({ couple }, i) =>
        bookSessions(staffOf(c.therapist), { coupleId: couple.id, cycleId: null, sessions: [session("2026-03-03T18:00:00Z", rooms[i].id, c.therapist.id, [couple.partnerAId, couple.partnerBId])] }),
      ),
    );
    expect(won).toBe(1);
    for (const m of messages) expect(m).toBe("P8: therapist is booked 10:00–11:00 on Tue 3 Mar.");
    expect(messages).toHaveLength(ATTEMPTS - 1);
  });

  test("of one partner with different clinicians and rooms: exactly one succeeds, every other gets the partner's clash", async () => {
    const rooms = await manyRooms(ATTEMPTS);
    const frontDesk = await db.user.create({ data: { clinicId: c.clinic.id, email: `fd-${randomUUID()}@clinic.test`, name: "Front desk", roles: ["FRONT_DESK"], passwordHash: "x" } });
    const clinicians: string[] = [];
    for (let i = 0; i < ATTEMPTS; i++) clinicians.push((await db.user.create({ data: { clinicId: c.clinic.id, email: `c${i}-${randomUUID()}@clinic.test`, name: `Clinician ${i}`, roles: ["THERAPIST"], passwordHash: "x" } })).id);
    const { won, messages } = await settle(
      rooms.map((room, i) =>
        bookSessions(staffOf(frontDesk), { coupleId: c.couple.id, cycleId: null, sessions: [session("2026-03-03T18:00:00Z", room.id, clinicians[i], [c.couple.partnerAId, c.couple.partnerBId])] }),
      ),
    );
    expect(won).toBe(1);
    expect(messages).toHaveLength(ATTEMPTS - 1);
    // The couple's row lock queues these, so the engine sees the winner and says P8 itself.
    for (const m of messages) expect(m).toMatch(/^P8: the couples therapy session on Tue 3 Mar 10:00–11:00 overlaps .*; both need (Sam and Jordan|Jordan and Sam)\.$/);
    expect(await db.session.count({ where: { coupleId: c.couple.id } })).toBe(1);
  });
});
