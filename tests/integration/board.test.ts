import { beforeEach, expect, test } from "vitest";
import type { Db } from "@/lib/db/prisma";
import { COUPLE_SEARCH_LIMIT, searchCouples, ZCoupleSearch } from "@/lib/couples/search-couples";
import { roomSchedule } from "@/lib/sessions/room-schedule";
import { databaseKind, testDb } from "../support/database";
import { makeCouple, smallClinic, staffOf, type SmallClinic } from "../support/fixtures";

// The scheduling board's data (issue 14): only the span shown is read, narrowed by the board's
// filters (room kind, a room, a clinician, a couple), each block with only schedule facts (the
// couple's names where the viewer may see them, kind, status, clinicians), and the couple
// picker's bounded search within the caller's reach. Times: America/Los_Angeles, UTC-8 in March 2026.
const TZ = "America/Los_Angeles";
let db: Db;
let c: SmallClinic;

beforeEach(async () => {
  db = await testDb();
  c = await smallClinic(db);
});

async function session(coupleId: string, clinicianId: string, partners: string[], start: string, minutes: number, extra: Record<string, unknown> = {}) {
  return db.session.create({
    data: {
      clinicId: c.clinic.id, coupleId, kind: "COUPLES_THERAPY", startsAt: new Date(start), endsAt: new Date(new Date(start).getTime() + minutes * 60_000), roomId: c.willow.id,
      clinicians: { create: [{ userId: clinicianId }] }, attendees: { create: partners.map((clientId) => ({ clientId })) }, ...extra,
    },
  });
}

const desk = async () => staffOf(await db.user.create({ data: { clinicId: c.clinic.id, email: `desk-${Date.now()}-${Math.random()}@clinic.test`, name: "Desk", roles: ["FRONT_DESK"], passwordHash: "x" } }));

async function tuesday() {
  const rivera = [c.couple.partnerAId, c.couple.partnerBId];
  const chen = [c.otherCouple.partnerAId, c.otherCouple.partnerBId];
  const cycle = await db.kapCycle.create({ data: { coupleId: c.couple.id, model: "TAKING_TURNS", plannedSessionCount: 8, status: "ACTIVE" } });
  return {
    // Tue 3 Mar: the Riveras' medicine session in Cedar (dosing) 09:00–12:00, the Chens' couples therapy in Willow at 13:00.
    medicine: await session(c.couple.id, c.therapist.id, rivera, "2026-03-03T17:00:00Z", 180, { kind: "MEDICINE_TAKING_TURNS", cycleId: cycle.id, journeyerId: c.couple.partnerAId, roomId: c.cedar.id }),
    theirs: await session(c.otherCouple.id, c.otherTherapist.id, chen, "2026-03-03T21:00:00Z", 60),
    // The days either side: never on Tuesday's board.
    monday: await session(c.otherCouple.id, c.otherTherapist.id, chen, "2026-03-03T07:30:00Z", 30), // Mon 2 Mar 23:30–24:00
    wednesday: await session(c.couple.id, c.therapist.id, rivera, "2026-03-04T08:00:00Z", 60), // Wed 4 Mar 00:00
  };
}

test(`a day's board reads that day only, with each session's clinicians and only schedule facts (${databaseKind})`, async () => {
  const s = await tuesday();
  const board = await roomSchedule(await desk(), TZ, "2026-03-03");
  expect(board.sessions.map((x) => x.id)).toEqual([s.medicine.id, s.theirs.id]);
  expect(board.rooms.map((r) => r.name)).toEqual(["Cedar", "Willow"]);
  expect(board.clinicians.map((u) => u.name).sort()).toEqual(["other-therapist", "psychiatrist", "therapist"]);
  expect(board.sessions[0]).toEqual({
    id: s.medicine.id,
    roomId: c.cedar.id,
    kind: "MEDICINE_TAKING_TURNS",
    status: "SCHEDULED",
    startsAt: new Date("2026-03-03T17:00:00Z"),
    endsAt: new Date("2026-03-03T20:00:00Z"),
    label: "Sam & Jordan Rivera",
    coupleId: c.couple.id,
    clinicians: "therapist",
  });
  // The front desk's board holds the schedule and nothing clinical: exactly these fields, no journeyer, goals, notes or clearances.
  for (const row of board.sessions) expect(Object.keys(row).sort()).toEqual(["clinicians", "coupleId", "endsAt", "id", "kind", "label", "roomId", "startsAt", "status"]);
  // The week around it reads the days either side too.
  expect((await roomSchedule(await desk(), TZ, "2026-03-02", 7)).sessions.map((x) => x.id)).toEqual(expect.arrayContaining([s.monday.id, s.wednesday.id]));
});

test(`the board's filters: a kind of room, one room (or the first by name), a clinician, a couple (${databaseKind})`, async () => {
  const s = await tuesday();
  const frontDesk = await desk();
  const ids = async (filters: Parameters<typeof roomSchedule>[4]) => (await roomSchedule(frontDesk, TZ, "2026-03-03", 1, filters)).sessions.map((x) => x.id);
  expect(await ids({ roomKind: "dosing" })).toEqual([s.medicine.id]);
  expect(await ids({ roomKind: "therapy" })).toEqual([s.theirs.id]);
  expect(await ids({ roomId: c.willow.id })).toEqual([s.theirs.id]);
  expect(await ids({ roomId: "first" })).toEqual([s.medicine.id]); // Cedar comes before Willow
  expect(await ids({ clinicianId: c.otherTherapist.id })).toEqual([s.theirs.id]);
  expect(await ids({ clinicianId: c.psychiatrist.id })).toEqual([]);
  expect(await ids({ coupleId: c.couple.id })).toEqual([s.medicine.id]);
  expect(await ids({ coupleId: c.couple.id, roomKind: "therapy" })).toEqual([]);
  // The rooms and clinicians stay whole: the board's selects and the booking form list them all.
  expect((await roomSchedule(frontDesk, TZ, "2026-03-03", 1, { roomKind: "dosing" })).rooms).toHaveLength(2);
});

test(`reach: a therapist sees other couples' sessions only as "Booked", and cannot filter by a couple they do not treat (${databaseKind})`, async () => {
  const s = await tuesday();
  const mine = await roomSchedule(staffOf(c.therapist), TZ, "2026-03-03");
  expect(mine.sessions.map((x) => [x.id, x.label, x.coupleId])).toEqual([
    [s.medicine.id, "Sam & Jordan Rivera", c.couple.id],
    [s.theirs.id, null, null],
  ]);
  // Filtering by the other therapist's couple would tell which sessions are theirs: it shows none, as a couple that does not exist would.
  expect((await roomSchedule(staffOf(c.therapist), TZ, "2026-03-03", 1, { coupleId: c.otherCouple.id })).sessions).toEqual([]);
  expect((await roomSchedule(staffOf(c.therapist), TZ, "2026-03-03", 1, { coupleId: "00000000-0000-4000-8000-000000000000" })).sessions).toEqual([]);
  // An admin reads the board (rooms are theirs to manage) but no couple's name.
  const admin = staffOf(await db.user.create({ data: { clinicId: c.clinic.id, email: `admin-${Date.now()}@clinic.test`, name: "Admin", roles: ["ADMIN"], passwordHash: "x" } }));
  expect((await roomSchedule(admin, TZ, "2026-03-03")).sessions.map((x) => x.label)).toEqual([null, null]);
  // Another clinic's board holds none of these sessions.
  const elsewhere = await smallClinic(db);
  expect((await roomSchedule(staffOf(elsewhere.therapist), TZ, "2026-03-03")).sessions).toEqual([]);
});

test(`the couple picker's search: every word matches a partner's name, within reach, at most ${COUPLE_SEARCH_LIMIT} (${databaseKind})`, async () => {
  const frontDesk = await desk();
  // 25 more couples named Lindqvist: the answer stops at the limit and says there are more.
  for (let i = 0; i < 25; i++) await makeCouple(db, c.clinic.id, c.therapist.id, `Lindqvist${String(i).padStart(2, "0")}`);
  const many = await searchCouples(frontDesk, "lindqvist");
  expect(many.couples).toHaveLength(COUPLE_SEARCH_LIMIT);
  expect(many.more).toBe(true);
  expect(many.couples[0].name).toBe("Sam & Jordan Lindqvist00");

  const rivera = await searchCouples(frontDesk, "sam RIVERA");
  expect(rivera).toEqual({
    more: false,
    couples: [
      {
        id: c.couple.id,
        name: "Sam & Jordan Rivera",
        partners: [
          { id: c.couple.partnerAId, name: "Sam Rivera", kapTherapist: "therapist" },
          { id: c.couple.partnerBId, name: "Jordan Rivera", kapTherapist: "therapist" },
        ],
        couplesTherapist: "therapist",
        model: null,
      },
    ],
  });
  expect((await searchCouples(frontDesk, "jordan chen")).couples.map((x) => x.id)).toEqual([c.otherCouple.id]);
  expect((await searchCouples(frontDesk, "rivera chen")).couples).toEqual([]);
  // A therapist finds only the couples they treat; an admin none; another clinic's front desk none.
  expect((await searchCouples(staffOf(c.otherTherapist), "sam")).couples.map((x) => x.id)).toEqual([c.otherCouple.id]);
  const admin = staffOf(await db.user.create({ data: { clinicId: c.clinic.id, email: `admin-${Date.now()}@clinic.test`, name: "Admin", roles: ["ADMIN"], passwordHash: "x" } }));
  expect(await searchCouples(admin, "sam")).toEqual({ couples: [], more: false });
  const elsewhere = await smallClinic(db);
  expect((await searchCouples(staffOf(elsewhere.therapist), "rivera")).couples.map((x) => x.id)).toEqual([elsewhere.couple.id]);
  // An open cycle says which medicine kind can be booked.
  await db.kapCycle.create({ data: { coupleId: c.couple.id, model: "LOW_DOSE_TOGETHER", plannedSessionCount: 6, status: "PLANNING" } });
  expect((await searchCouples(frontDesk, "rivera")).couples[0].model).toBe("LOW_DOSE_TOGETHER");
  // Bounded input: a query of one letter, over 60 characters or of more than four words is refused in words.
  expect(ZCoupleSearch.safeParse({ q: "a" }).error?.issues[0].message).toBe("Type at least 2 letters of a partner's name.");
  expect(ZCoupleSearch.safeParse({ q: "x".repeat(61) }).error?.issues[0].message).toBe("Keep the search under 60 characters.");
  expect(ZCoupleSearch.safeParse({ q: "a b c d e" }).error?.issues[0].message).toBe("Search with at most 4 words.");
});
