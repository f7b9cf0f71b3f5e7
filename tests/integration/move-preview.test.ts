import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import type { Db } from "@/lib/db/prisma";
import { NotFoundError } from "@/lib/errors";
import type { NewSession } from "@/lib/protocol";
import { bookSessions } from "@/lib/scheduling/book-sessions";
import { moveSessions } from "@/lib/scheduling/move-sessions";
import { previewMove, verdictOf, type MoveVerdict } from "@/lib/scheduling/preview-move";
import { draftMove, ZMoveInput } from "@/lib/scheduling/session-input";
import { databaseKind, testDb } from "../support/database";
import { makeCouple, readyTakingTurnsCycle, smallClinic, staffOf, type SmallClinic } from "../support/fixtures";

// Issue 14: the board shows the protocol's verdict on a move before anything is saved. The
// preview runs the move itself (moveSessions) and rolls it back, so the verdict is the move's
// own: the engine's rules and the database's P8 constraints alike. These tests hold it to that.
// Tuesday 3 March 2026 in America/Los_Angeles (UTC-8): 10:00 local is 18:00Z.

const at = (iso: string) => new Date(iso);
let db: Db;
let c: SmallClinic;
let therapist: ReturnType<typeof staffOf>;
let maple: { id: string };

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true });
  vi.setSystemTime(at("2026-03-02T16:00:00Z"));
  db = await testDb();
  c = await smallClinic(db);
  therapist = staffOf(c.therapist);
  maple = await db.room.create({ data: { clinicId: c.clinic.id, name: "Maple", capacity: 4 } });
});
afterEach(() => vi.useRealTimers());

/** Every row a move could touch, to prove a preview touched none. */
async function databaseState() {
  const [sessions, attendees, clinicians, audit] = await Promise.all([
    db.session.findMany({ where: { clinicId: c.clinic.id }, orderBy: { id: "asc" } }),
    db.sessionAttendee.findMany({ where: { session: { clinicId: c.clinic.id } }, orderBy: [{ sessionId: "asc" }, { clientId: "asc" }] }),
    db.sessionClinician.findMany({ where: { session: { clinicId: c.clinic.id } }, orderBy: [{ sessionId: "asc" }, { userId: "asc" }] }),
    db.auditEvent.count({ where: { clinicId: c.clinic.id } }),
  ]);
  return { sessions, attendees, clinicians, audit };
}

function draft(kind: NewSession["kind"], start: string, minutes: number, extra: Partial<NewSession> = {}): NewSession {
  const startsAt = at(start);
  return {
    id: randomUUID(), kind, startsAt, endsAt: new Date(startsAt.getTime() + minutes * 60_000), roomId: c.willow.id, journeyerId: null, medicineSessionId: null,
    clinicianIds: [c.therapist.id], partnerIds: [c.couple.partnerAId, c.couple.partnerBId], ...extra,
  };
}

async function couplesTherapy(start: string, roomId = c.willow.id) {
  const [id] = (await bookSessions(therapist, { coupleId: c.couple.id, cycleId: null, sessions: [draft("COUPLES_THERAPY", start, 60, { roomId })] })).sessionIds;
  return id;
}

/** Another couple, with another therapist, in a room at a time: the slot someone else holds. */
async function othersBook(start: string, roomId: string) {
  const other = await makeCouple(db, c.clinic.id, c.otherTherapist.id, `Okafor${randomUUID().slice(0, 4)}`);
  return bookSessions(staffOf(c.otherTherapist), {
    coupleId: other.id, cycleId: null,
    sessions: [{ ...draft("COUPLES_THERAPY", start, 60, { roomId }), clinicianIds: [c.otherTherapist.id], partnerIds: [other.partnerAId, other.partnerBId] }],
  });
}

async function medicineWithIntegration() {
  const cycle = await readyTakingTurnsCycle(db, c);
  const medicine = draft("MEDICINE_TAKING_TURNS", "2026-03-03T18:00:00Z", 180, { roomId: c.cedar.id, journeyerId: c.couple.partnerAId });
  const integration = draft("INTEGRATION", "2026-03-04T18:00:00Z", 90, { medicineSessionId: medicine.id });
  await bookSessions(therapist, { coupleId: c.couple.id, cycleId: cycle.id, sessions: [medicine, integration] });
  return { medicine: medicine.id, integration: integration.id };
}

const input = (fields: { sessionId: string; date: string; time: string; roomId?: string | null; integrationDate?: string; integrationTime?: string }) => ZMoveInput.parse(fields);
/** What the move itself does with the same input. */
const moveOutcome = async (staff: typeof therapist, fields: Parameters<typeof input>[0]): Promise<MoveVerdict> => verdictOf(moveSessions(staff, await draftMove(staff, input(fields))));

describe(`the verdict before a move (${databaseKind})`, () => {
  test("asks in words, allows a free place, changes nothing; the move then does what it said", async () => {
    const session = await couplesTherapy("2026-03-03T18:00:00Z");
    const before = await databaseState();
    const preview = await previewMove(therapist, input({ sessionId: session, date: "2026-03-03", time: "14:00", roomId: maple.id }));
    expect(preview).toEqual({ question: "Move Couples therapy (Sam & Jordan Rivera) to Maple, Tue 3 Mar 14:00–15:00?", verdict: { ok: true, notices: [] }, integration: null });
    expect(await databaseState()).toEqual(before);

    expect(await moveOutcome(therapist, { sessionId: session, date: "2026-03-03", time: "14:00", roomId: maple.id })).toEqual(preview.verdict);
    const moved = await db.session.findUniqueOrThrow({ where: { id: session } });
    expect([moved.startsAt.toISOString(), moved.roomId]).toEqual(["2026-03-03T22:00:00.000Z", maple.id]);
  });

  test("a place another couple holds: the clash in words (P8), as the move then says, and nothing moves", async () => {
    const session = await couplesTherapy("2026-03-03T18:00:00Z");
    await othersBook("2026-03-03T22:00:00Z", maple.id);
    const before = await databaseState();
    const fields = { sessionId: session, date: "2026-03-03", time: "14:30", roomId: maple.id };
    const { verdict } = await previewMove(therapist, input(fields));
    expect(verdict).toEqual({ ok: false, error: "P8: Room Maple is booked 14:00–15:00 on Tue 3 Mar.", rules: ["P8"] });
    expect(await databaseState()).toEqual(before);
    expect(await moveOutcome(therapist, fields)).toEqual(verdict);
    expect(await databaseState()).toEqual(before);
  });

  test("outside opening hours (P10) and into a room too small (P9): the engine's refusals, word for word", async () => {
    const session = await couplesTherapy("2026-03-03T18:00:00Z");
    const closet = await db.room.create({ data: { clinicId: c.clinic.id, name: "Closet", capacity: 1 } });
    for (const fields of [
      { sessionId: session, date: "2026-03-03", time: "19:30", roomId: c.willow.id },
      { sessionId: session, date: "2026-03-03", time: "11:00", roomId: closet.id },
    ]) {
      const { verdict } = await previewMove(therapist, input(fields));
      expect(verdict.ok).toBe(false);
      expect(await moveOutcome(therapist, fields)).toEqual(verdict);
    }
    expect((await previewMove(therapist, input({ sessionId: session, date: "2026-03-03", time: "19:30", roomId: c.willow.id }))).verdict).toMatchObject({ rules: ["P10"] });
    expect((await previewMove(therapist, input({ sessionId: session, date: "2026-03-03", time: "11:00", roomId: closet.id }))).verdict).toMatchObject({ rules: ["P9"] });
  });

  test("a medicine session moved out of its integration's reach: refused alone (P4), with the integration's new place offered and allowed", async () => {
    const { medicine, integration } = await medicineWithIntegration();
    const before = await databaseState();
    const fields = { sessionId: medicine, date: "2026-03-05", time: "10:00", roomId: c.cedar.id };
    const preview = await previewMove(therapist, input(fields));
    expect(preview.question).toBe("Move Medicine: Taking Turns (Sam & Jordan Rivera) to Cedar, Thu 5 Mar 10:00–13:00?");
    expect(preview.verdict).toMatchObject({ ok: false, rules: ["P4"] });
    // The first open day of the new window (Fri 6 Mar), at the integration's own time.
    expect(preview.integration).toEqual({ date: "2026-03-06", time: "10:00", words: "Fri 6 Mar at 10:00", verdict: { ok: true, notices: [] } });
    expect(await databaseState()).toEqual(before);

    expect(await moveOutcome(therapist, { ...fields, integrationDate: "2026-03-06", integrationTime: "10:00" })).toEqual(preview.integration!.verdict);
    const moved = await db.session.findUniqueOrThrow({ where: { id: integration } });
    expect(moved.startsAt.toISOString()).toBe("2026-03-06T18:00:00.000Z");
  });

  test("the integration's place offered is a free one: a taken first choice gives way to the next", async () => {
    const { medicine } = await medicineWithIntegration();
    // Willow (the integration's room) is taken on Fri 6 Mar at 10:00; at the medicine session's own time, 11:00, it is free.
    await othersBook("2026-03-06T18:00:00Z", c.willow.id);
    const preview = await previewMove(therapist, input({ sessionId: medicine, date: "2026-03-05", time: "11:00", roomId: c.cedar.id }));
    expect(preview.integration).toMatchObject({ date: "2026-03-06", time: "11:00", verdict: { ok: true } });
  });

  test("a move that keeps the integration inside its window offers nothing for it", async () => {
    const { medicine } = await medicineWithIntegration();
    const preview = await previewMove(therapist, input({ sessionId: medicine, date: "2026-03-03", time: "08:00", roomId: c.cedar.id }));
    expect(preview).toMatchObject({ verdict: { ok: true }, integration: null });
  });

  test("out of reach is not found, for the preview as for the move (P11)", async () => {
    const session = await couplesTherapy("2026-03-03T18:00:00Z");
    const stranger = staffOf(c.otherTherapist);
    const fields = { sessionId: session, date: "2026-03-03", time: "14:00", roomId: maple.id };
    await expect(previewMove(stranger, input(fields))).rejects.toThrow(new NotFoundError("The session"));
    await expect(moveOutcome(stranger, fields)).rejects.toThrow(new NotFoundError("The session"));
  });
});

describe(`a drop on a place booked a moment earlier (${databaseKind})`, () => {
  test("the preview allowed it; the move is refused with the clash in words and nothing moves", async () => {
    const session = await couplesTherapy("2026-03-03T18:00:00Z");
    const fields = { sessionId: session, date: "2026-03-03", time: "14:00", roomId: maple.id };
    expect((await previewMove(therapist, input(fields))).verdict).toEqual({ ok: true, notices: [] });
    await othersBook("2026-03-03T22:30:00Z", maple.id); // someone else, a moment earlier
    const before = await databaseState();
    expect(await moveOutcome(therapist, fields)).toEqual({ ok: false, error: "P8: Room Maple is booked 14:30–15:30 on Tue 3 Mar.", rules: ["P8"] });
    expect(await databaseState()).toEqual(before);
  });

  test("a move and a booking of the same place at the same moment: exactly one wins, the other hears the clash", async () => {
    const sessions = await Promise.all([couplesTherapy("2026-03-03T18:00:00Z"), couplesTherapy("2026-03-04T18:00:00Z")]);
    let wins = 0;
    const messages: string[] = [];
    // Eight rounds, each at its own hour of Thu 5 Mar (08:00–15:00): a move of one of our sessions
    // and another couple's booking race for Maple. On PostgreSQL they run at once; on PGlite they queue.
    for (let round = 0; round < 8; round++) {
      const other = await makeCouple(db, c.clinic.id, c.otherTherapist.id, `Okafor${round}`);
      const local = `${String(8 + round).padStart(2, "0")}:00`;
      const utc = at(`2026-03-05T${String(16 + round).padStart(2, "0")}:00:00Z`);
      const booking = { ...draft("COUPLES_THERAPY", utc.toISOString(), 60, { roomId: maple.id }), clinicianIds: [c.otherTherapist.id], partnerIds: [other.partnerAId, other.partnerBId] };
      const moves = await draftMove(therapist, input({ sessionId: sessions[round % 2], date: "2026-03-05", time: local, roomId: maple.id }));
      const results = await Promise.all([
        verdictOf(moveSessions(therapist, moves)),
        verdictOf(bookSessions(staffOf(c.otherTherapist), { coupleId: other.id, cycleId: null, sessions: [booking] })),
      ]);
      wins += results.filter((r) => r.ok).length;
      for (const r of results) if (!r.ok) messages.push(r.error);
      expect(await db.session.count({ where: { clinicId: c.clinic.id, roomId: maple.id, status: "SCHEDULED", startsAt: utc } })).toBe(1);
    }
    expect(wins).toBe(8);
    expect(messages).toHaveLength(8);
    for (const m of messages) expect(m).toMatch(/^P8: Room Maple is booked \d\d:00–\d\d:00 on Thu 5 Mar\.$/);
  });
});

describe(`the verdict equals what the move then does, over random moves (${databaseKind})`, () => {
  test("preview, then move: the same answer (allowed, or refused with the same rules and words), and the preview writes nothing", async () => {
    const { medicine, integration } = await medicineWithIntegration();
    const therapyA = await couplesTherapy("2026-03-05T18:00:00Z");
    const therapyB = await couplesTherapy("2026-03-06T22:00:00Z", maple.id);
    // Places others hold, to land on: Willow and Maple on Thursday and Friday afternoons.
    await othersBook("2026-03-05T22:00:00Z", c.willow.id);
    await othersBook("2026-03-06T19:00:00Z", maple.id);
    const closet = await db.room.create({ data: { clinicId: c.clinic.id, name: "Closet", capacity: 1 } });
    const sessions = [medicine, integration, therapyA, therapyB];
    const rooms = [c.cedar.id, c.willow.id, maple.id, closet.id, null];
    // Mon 2 Mar (today) to Mon 9 Mar, Sunday 8 Mar closed; 07:00 to 19:45, before opening to past closing.
    const days = Array.from({ length: 8 }, (_, i) => `2026-03-0${2 + i}`);
    const times = Array.from({ length: 52 }, (_, i) => `${String(7 + Math.floor(i / 4)).padStart(2, "0")}:${String((i % 4) * 15).padStart(2, "0")}`);

    const seen = { allowed: 0, refused: new Map<string, number>(), proposals: 0 };
    const count = (verdict: MoveVerdict) => {
      if (verdict.ok) seen.allowed++;
      else for (const rule of verdict.rules) seen.refused.set(rule, (seen.refused.get(rule) ?? 0) + 1);
    };
    await fc.assert(
      fc.asyncProperty(
        fc.record({ session: fc.constantFrom(...sessions), day: fc.constantFrom(...days), time: fc.constantFrom(...times), room: fc.constantFrom(...rooms), takeProposal: fc.boolean() }),
        async ({ session, day, time, room, takeProposal }) => {
          let fields: Parameters<typeof input>[0] = { sessionId: session, date: day, time, roomId: room };
          const before = await databaseState();
          const preview = await previewMove(therapist, input(fields));
          expect(await databaseState()).toEqual(before);
          let expected = preview.verdict;
          if (preview.integration && takeProposal) {
            seen.proposals++;
            fields = { ...fields, integrationDate: preview.integration.date, integrationTime: preview.integration.time };
            expected = preview.integration.verdict;
          }
          count(expected);
          expect(await moveOutcome(therapist, fields)).toEqual(expected);
          if (!expected.ok) expect(await databaseState()).toEqual(before);
        },
      ),
      { numRuns: 60, seed: 20261130, endOnFailure: true },
    );
    // The runs reached both answers and the rules a drop can break (counts fixed by the seed).
    expect(seen.allowed).toBeGreaterThan(0);
    expect(seen.proposals).toBeGreaterThan(0);
    for (const rule of ["P4", "P8", "P9", "P10"]) expect(seen.refused.get(rule), `${rule} refusals in ${JSON.stringify([...seen.refused])}`).toBeGreaterThan(0);
  });
});
