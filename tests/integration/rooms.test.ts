import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import type { Db } from "@/lib/db/prisma";
import { InvalidInputError, NotFoundError, RuleViolationError, RuleViolationsError } from "@/lib/errors";
import type { NewSession } from "@/lib/protocol";
import { setRoomActive, updateRoom } from "@/lib/rooms/change-room";
import { bookSessions } from "@/lib/scheduling/book-sessions";
import { databaseKind, testDb } from "../support/database";
import { insertSession, smallClinic, staffOf, type SmallClinic } from "../support/fixtures";

// Issue 14: an admin edits a room (name, capacity, dosing equipment) or takes it out of use. A
// change that would break a booked session still to come is refused with the sessions named (P9),
// and changes nothing; the check and the update hold the room's row, so a booking cannot slip in
// between (lib/rooms/change-room.ts, lib/scheduling/lock-rooms.ts).

let db: Db;
let c: SmallClinic;
let admin: ReturnType<typeof staffOf>;

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true });
  vi.setSystemTime(new Date("2026-03-02T16:00:00Z")); // Mon 2 Mar, 08:00 in the clinic
  db = await testDb();
  c = await smallClinic(db);
  const user = await db.user.create({ data: { clinicId: c.clinic.id, email: `admin-${randomUUID()}@clinic.test`, name: "Admin", roles: ["ADMIN"], passwordHash: "x" } });
  admin = staffOf(user);
});
afterEach(() => vi.useRealTimers());

const both = () => [c.couple.partnerAId, c.couple.partnerBId];
const willow = (over: Partial<{ name: string; capacity: number; dosingEquipped: boolean }> = {}) => ({ roomId: c.willow.id, name: "Willow", capacity: 4, dosingEquipped: false, ...over });
const cedar = (over: Partial<{ name: string; capacity: number; dosingEquipped: boolean }> = {}) => ({ roomId: c.cedar.id, name: "Cedar", capacity: 4, dosingEquipped: true, ...over });

/** Cancels a session directly (set-up): the database wants when and why. */
const cancel = (id: string) => db.session.update({ where: { id }, data: { status: "CANCELLED", cancelledAt: new Date(), cancelReason: "Test set-up" } });

/** The refusal's words, whichever error carries them. */
async function refusalOf(attempt: Promise<unknown>): Promise<string> {
  const error = await attempt.then(
    () => null,
    (e: unknown) => e,
  );
  if (error instanceof RuleViolationsError) return error.violations.map((v) => v.message).join(" ");
  if (error instanceof RuleViolationError || error instanceof InvalidInputError) return error.message;
  throw new Error(`expected a refusal, got ${String(error)}`);
}

/** A medicine session of the couple's cycle in Cedar (set-up, not under test). */
function medicineInCedar(cycleId: string, start: string) {
  const startsAt = new Date(start);
  return db.session.create({
    data: {
      clinicId: c.clinic.id, coupleId: c.couple.id, cycleId, kind: "MEDICINE_TAKING_TURNS", startsAt, endsAt: new Date(startsAt.getTime() + 180 * 60_000), roomId: c.cedar.id,
      journeyerId: c.couple.partnerAId, clinicians: { create: [{ userId: c.therapist.id }] },
      attendees: { create: both().map((clientId) => ({ clientId, role: clientId === c.couple.partnerAId ? ("JOURNEYER" as const) : ("SITTER" as const) })) },
    },
  });
}

const couplesTherapy = (start: string, roomId: string): NewSession => {
  const startsAt = new Date(start);
  return { id: randomUUID(), kind: "COUPLES_THERAPY", startsAt, endsAt: new Date(startsAt.getTime() + 60 * 60_000), roomId, journeyerId: null, medicineSessionId: null, clinicianIds: [c.therapist.id], partnerIds: both() };
};

describe(`editing a room (${databaseKind})`, () => {
  test("name, capacity and dosing equipment change when no booked session is in the way; a name another room has is refused", async () => {
    await updateRoom(admin, willow({ name: "Willow Garden", capacity: 6, dosingEquipped: true }));
    expect(await db.room.findUniqueOrThrow({ where: { id: c.willow.id } })).toMatchObject({ name: "Willow Garden", capacity: 6, dosingEquipped: true, active: true });
    expect(await db.auditEvent.count({ where: { actorId: admin.id, entity: "Room", entityId: c.willow.id, action: "update" } })).toBe(1);

    const taken = updateRoom(admin, willow({ name: "Cedar" }));
    await expect(taken).rejects.toBeInstanceOf(InvalidInputError);
    expect(await refusalOf(updateRoom(admin, willow({ name: "Cedar" })))).toBe("A room of that name already exists.");
    expect((await db.room.findUniqueOrThrow({ where: { id: c.willow.id } })).name).toBe("Willow Garden");
  });

  test("P9: a capacity below a booked session's head count is refused, the session named, nothing changed; past, cancelled and smaller sessions do not count", async () => {
    // Tue 3 Mar 10:00–11:00: the couple and their therapist, three people.
    await bookSessions(staffOf(c.therapist), { coupleId: c.couple.id, cycleId: null, sessions: [couplesTherapy("2026-03-03T18:00:00Z", c.willow.id)] });
    // Not in the way: a session that is over, a cancelled one, one of two people.
    await insertSession(db, c, { kind: "COUPLES_THERAPY", start: "2026-02-23T18:00:00Z", minutes: 60, partners: both(), status: "COMPLETED" });
    const cancelled = await insertSession(db, c, { kind: "COUPLES_THERAPY", start: "2026-03-05T18:00:00Z", minutes: 60, partners: both() });
    await cancel(cancelled.id);
    await insertSession(db, c, { kind: "COUPLES_THERAPY", start: "2026-03-06T18:00:00Z", minutes: 60, partners: [c.couple.partnerAId] });

    expect(await refusalOf(updateRoom(admin, willow({ capacity: 2 })))).toBe(
      "P9: Room Willow would then hold 2 people, but 1 booked session there has more: Couples therapy on Tue 3 Mar 10:00–11:00 (3 people). Lower the capacity once they are moved.",
    );
    expect((await db.room.findUniqueOrThrow({ where: { id: c.willow.id } })).capacity).toBe(4);
    // Three hold the session: allowed.
    await updateRoom(admin, willow({ capacity: 3 }));
    expect((await db.room.findUniqueOrThrow({ where: { id: c.willow.id } })).capacity).toBe(3);
  });

  test("P9: dosing equipment cannot be taken from a room holding a booked medicine session; named, with how many more", async () => {
    const cycle = await db.kapCycle.create({ data: { coupleId: c.couple.id, model: "TAKING_TURNS", plannedSessionCount: 8, status: "ACTIVE" } });
    for (let week = 0; week < 12; week++) await medicineInCedar(cycle.id, new Date(Date.UTC(2026, 2, 3 + 7 * week, 18)).toISOString());
    const words = await refusalOf(updateRoom(admin, cedar({ dosingEquipped: false })));
    expect(words).toMatch(/^P9: Cedar holds 12 booked medicine sessions, and medicine sessions need a dosing-equipped room: Medicine: Taking Turns on Tue 3 Mar 10:00–13:00; /);
    expect(words).toMatch(/; and 2 more\. Move them to another dosing room first\.$/);
    expect((await db.room.findUniqueOrThrow({ where: { id: c.cedar.id } })).dosingEquipped).toBe(true);
    // Renaming it, equipment kept, is fine.
    await updateRoom(admin, cedar({ name: "Cedar Suite" }));
  });

  test("another clinic's room is not found (P11)", async () => {
    const elsewhere = await smallClinic(db);
    await expect(updateRoom(admin, { ...willow(), roomId: elsewhere.willow.id })).rejects.toBeInstanceOf(NotFoundError);
    await expect(setRoomActive(admin, { roomId: elsewhere.willow.id, active: false })).rejects.toBeInstanceOf(NotFoundError);
    expect((await db.room.findUniqueOrThrow({ where: { id: elsewhere.willow.id } })).active).toBe(true);
  });
});

describe(`taking a room out of use (${databaseKind})`, () => {
  test("refused while it holds sessions still to come, named; allowed once they are cancelled; then P9 refuses bookings in it, and it comes back", async () => {
    const session = await insertSession(db, c, { kind: "COUPLES_THERAPY", start: "2026-03-04T18:00:00Z", minutes: 60, partners: both() });
    await insertSession(db, c, { kind: "COUPLES_THERAPY", start: "2026-02-25T18:00:00Z", minutes: 60, partners: both(), status: "COMPLETED" });
    expect(await refusalOf(setRoomActive(admin, { roomId: c.willow.id, active: false }))).toBe(
      "P9: Willow holds 1 booked session still to come: Couples therapy on Wed 4 Mar 10:00–11:00. Move or cancel them before taking the room out of use.",
    );
    expect((await db.room.findUniqueOrThrow({ where: { id: c.willow.id } })).active).toBe(true);

    await cancel(session.id);
    await setRoomActive(admin, { roomId: c.willow.id, active: false });
    expect((await db.room.findUniqueOrThrow({ where: { id: c.willow.id } })).active).toBe(false);
    expect(await refusalOf(bookSessions(staffOf(c.therapist), { coupleId: c.couple.id, cycleId: null, sessions: [couplesTherapy("2026-03-05T18:00:00Z", c.willow.id)] }))).toMatch(
      /^P9: room Willow is out of use; choose another room/,
    );

    await setRoomActive(admin, { roomId: c.willow.id, active: true });
    await bookSessions(staffOf(c.therapist), { coupleId: c.couple.id, cycleId: null, sessions: [couplesTherapy("2026-03-05T18:00:00Z", c.willow.id)] });
    expect(await db.auditEvent.findMany({ where: { actorId: admin.id, entity: "Room" }, select: { action: true }, orderBy: { id: "asc" } })).toEqual([{ action: "deactivate" }, { action: "reactivate" }]);
  });
});

describe(`a room edit and a booking at the same moment (${databaseKind})`, () => {
  test("a booking that comes while an edit holds the room waits, and is judged against the room as edited", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let signal!: () => void;
    const held = new Promise<void>((resolve) => (signal = resolve));
    // The edit's transaction, paused between its lock and its update (updateRoom runs straight through).
    const edit = db.$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT 1 FROM "Room" WHERE "id" = ${c.willow.id}::uuid FOR UPDATE`;
        signal();
        await gate;
        await tx.room.update({ where: { id: c.willow.id }, data: { capacity: 2 } });
      },
      { timeout: 20_000 },
    );
    await held;
    const booking = bookSessions(staffOf(c.therapist), { coupleId: c.couple.id, cycleId: null, sessions: [couplesTherapy("2026-03-03T18:00:00Z", c.willow.id)] });
    const outcome = booking.then(
      () => "booked",
      (e: unknown) => e,
    );
    // Long enough for the booking to reach the room's lock on PostgreSQL (on PGlite it queues behind the open transaction).
    await new Promise((resolve) => setTimeout(resolve, 500));
    release();
    await edit;
    expect(await refusalOf(booking)).toBe("P9: room Willow holds 2 people, but the couples therapy session on Tue 3 Mar has 3.");
    expect(await outcome).not.toBe("booked");
    expect(await db.session.count({ where: { roomId: c.willow.id } })).toBe(0);
  });

  test("an edit that comes while a booking in the room is still open waits for it, then sees its session and refuses", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let signal!: () => void;
    const held = new Promise<void>((resolve) => (signal = resolve));
    // A booking's transaction, paused after its insert: its session's foreign key holds the room's row.
    const booking = db.$transaction(
      async (tx) => {
        const startsAt = new Date("2026-03-03T18:00:00Z");
        await tx.session.create({
          data: {
            clinicId: c.clinic.id, coupleId: c.couple.id, kind: "COUPLES_THERAPY", startsAt, endsAt: new Date(startsAt.getTime() + 3600_000), roomId: c.willow.id,
            clinicians: { create: [{ userId: c.therapist.id }] }, attendees: { create: both().map((clientId) => ({ clientId })) },
          },
        });
        signal();
        await gate;
      },
      { timeout: 20_000 },
    );
    await held;
    const edit = updateRoom(admin, willow({ capacity: 2 }));
    const settled = edit.then(
      () => "saved",
      (e: unknown) => e,
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    release();
    await booking;
    expect(await refusalOf(edit)).toMatch(/^P9: Room Willow would then hold 2 people, but 1 booked session there has more: Couples therapy on Tue 3 Mar 10:00–11:00 \(3 people\)/);
    expect(await settled).not.toBe("saved");
    expect((await db.room.findUniqueOrThrow({ where: { id: c.willow.id } })).capacity).toBe(4);
  });
});
