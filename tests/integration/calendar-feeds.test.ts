import ICAL from "ical.js";
import { describe, expect, test, vi } from "vitest";
import { addClinicDays, atClinicTime, clinicDate, isoWeekday } from "@/lib/protocol/calendar";
import { databaseKind, testDb } from "../support/database";
import { insertSession, smallClinic, staffOf, type SmallClinic } from "../support/fixtures";

vi.mock("next/headers", () => import("../support/next-request"));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

const { fetchFeed, FEED_FETCH } = await import("@/lib/feeds/fetch-feed");
const { makeFeed, revokeFeed, tokenHash } = await import("@/lib/feeds/manage-feeds");
const { GET } = await import("@/app/feeds/[file]/route");
const { moveSessions } = await import("@/lib/scheduling/move-sessions");
const { draftMove } = await import("@/lib/scheduling/session-input");
const { cancelSession } = await import("@/lib/scheduling/session-life");
const { LINK_THROTTLE } = await import("@/lib/measures/link-throttle");
const { CLIENT_ADDRESS_HEADER } = await import("@/lib/auth/address");
const { updateClinicSettings } = await import("@/lib/clinic/update-settings");
const { clinicSettingsOf, settingsCandidateOf } = await import("@/lib/clinic/settings-input");
const { setStaffActive } = await import("@/lib/staff/set-staff-active");

// Calendar feeds (issue 15) on the real database. Every feed is read back with ical.js, a parser
// independent of the generator (ical-generator): what a calendar app would see.

const db = await testDb();
const TZ = "America/Los_Angeles";
let ipSerial = 0;
/** Each test its own address, so that the throttle of one never holds another off. */
const address = () => `198.51.100.${(ipSerial++ % 250) + 1}`;

type Parsed = { uid: string; sequence: number; summary: string; location: string; status: string; start: ICAL.Time; end: ICAL.Time };

function parse(text: string): { name: string; zones: string[]; events: Parsed[] } {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const zones = calendar.getAllSubcomponents("vtimezone");
  for (const zone of zones) ICAL.TimezoneService.register(zone);
  const events = calendar.getAllSubcomponents("vevent").map((vevent) => {
    const event = new ICAL.Event(vevent);
    return {
      uid: event.uid,
      sequence: event.sequence,
      summary: event.summary,
      location: event.location,
      status: String(vevent.getFirstPropertyValue("status")),
      start: event.startDate,
      end: event.endDate,
    };
  });
  return { name: String(calendar.getFirstPropertyValue("x-wr-calname")), zones: zones.map((z) => String(z.getFirstPropertyValue("tzid"))), events };
}

async function feedOf(token: string, now: Date, ip = address()) {
  const reply = await fetchFeed(token, ip, now);
  if (reply.state !== "ok") throw new Error(`the feed answered ${reply.state}`);
  return { text: reply.body, ...parse(reply.body) };
}

const uidOf = (sessionId: string, c: SmallClinic) => `${sessionId}@${c.clinic.id}`;

/** 10:00 in the clinic on an open day (Mon–Sat) `days` or more ahead of now. */
function openDayAt10(days: number): { day: string; at: Date } {
  let day = clinicDate(addClinicDays(new Date(), days, TZ), TZ);
  if (isoWeekday(day, TZ) === 7) day = addClinicDays(day, 1, TZ);
  return { day, at: atClinicTime(day, 600, TZ) };
}

/**
 * A clinic in March 2027, around the change to daylight-saving time (Sunday 14 March in Los
 * Angeles): the therapist's couples therapy on Friday 12 March and Monday 15 March at 10:00,
 * an intake of partner A, the other therapist's session, a telehealth evaluation, a session of
 * another clinic at the same time.
 */
async function marchClinic() {
  const c = await smallClinic(db);
  const cycle = await db.kapCycle.create({ data: { coupleId: c.couple.id, model: "TAKING_TURNS", plannedSessionCount: 8, status: "ACTIVE", sharedGoals: "Rebuild trust after the affair" } });
  const both = [c.couple.partnerAId, c.couple.partnerBId];
  const beforeChange = await insertSession(db, c, { kind: "COUPLES_THERAPY", start: "2027-03-12T18:00:00Z", minutes: 60, partners: both });
  const afterChange = await insertSession(db, c, { kind: "COUPLES_THERAPY", start: "2027-03-15T17:00:00Z", minutes: 60, partners: both });
  const intake = await insertSession(db, c, { kind: "INTAKE", start: "2027-03-16T17:00:00Z", minutes: 60, partners: [c.couple.partnerAId], cycleId: cycle.id, roomId: c.cedar.id });
  const others = await insertSession(db, { ...c, couple: c.otherCouple }, {
    kind: "COUPLES_THERAPY", start: "2027-03-12T18:00:00Z", minutes: 60, partners: [c.otherCouple.partnerAId, c.otherCouple.partnerBId], clinicianId: c.otherTherapist.id, roomId: c.cedar.id,
  });
  const telehealth = await insertSession(db, c, { kind: "MEDICAL_EVALUATION", start: "2027-03-17T17:00:00Z", minutes: 60, partners: [c.couple.partnerBId], cycleId: cycle.id, clinicianId: c.psychiatrist.id, roomId: null });
  const elsewhere = await smallClinic(db);
  const elsewhereSession = await insertSession(db, elsewhere, { kind: "COUPLES_THERAPY", start: "2027-03-12T18:00:00Z", minutes: 60, partners: [elsewhere.couple.partnerAId, elsewhere.couple.partnerBId] });
  const frontDesk = await db.user.create({ data: { clinicId: c.clinic.id, email: `desk-${c.clinic.id}@clinic.test`, name: "Desk", roles: ["FRONT_DESK"], passwordHash: "x" } });
  const admin = await db.user.create({ data: { clinicId: c.clinic.id, email: `admin-${c.clinic.id}@clinic.test`, name: "Admin", roles: ["ADMIN"], passwordHash: "x" } });
  return { ...c, cycle, beforeChange, afterChange, intake, others, telehealth, elsewhere, elsewhereSession, frontDesk, admin };
}

const MARCH = new Date("2027-03-01T12:00:00Z");

describe(`calendar feeds (${databaseKind})`, () => {
  test("a clinician's feed: their own sessions only, at 10:00 clinic time on both sides of the change to daylight-saving time, with a VTIMEZONE", async () => {
    const c = await marchClinic();
    const { token } = await makeFeed(staffOf(c.therapist), "CLINICIAN", null, MARCH);
    const feed = await feedOf(token, MARCH);
    expect(feed.zones).toEqual([TZ]);
    expect(feed.name).toBe(`${c.clinic.name} · My sessions`);
    expect(feed.events.map((e) => e.uid).sort()).toEqual([c.beforeChange.id, c.afterChange.id, c.intake.id].map((id) => uidOf(id, c)).sort());
    const before = feed.events.find((e) => e.uid === uidOf(c.beforeChange.id, c))!;
    const after = feed.events.find((e) => e.uid === uidOf(c.afterChange.id, c))!;
    for (const event of [before, after]) {
      // Local wall-clock time with the clinic's TZID, not UTC…
      expect([event.start.hour, event.start.minute, event.start.zone?.tzid]).toEqual([10, 0, TZ]);
      expect([event.end.hour, event.end.minute]).toEqual([11, 0]);
      expect(event.summary).toBe("Couples therapy · S.R. & J.R.");
      expect(event.location).toBe("Willow");
      expect(event.status).toBe("CONFIRMED");
      expect(event.sequence).toBe(0);
    }
    // …and the same instants as the database's: PST (UTC−8) before, PDT (UTC−7) after.
    expect(before.start.toJSDate().toISOString()).toBe("2027-03-12T18:00:00.000Z");
    expect(after.start.toJSDate().toISOString()).toBe("2027-03-15T17:00:00.000Z");
    expect(feed.text).toMatch(/^DTSTART;TZID=America\/Los_Angeles:20270312T100000\r$/m);
    expect(feed.text).toMatch(/^DTSTAMP:\d{8}T\d{6}Z\r$/m);
    const intake = feed.events.find((e) => e.uid === uidOf(c.intake.id, c))!;
    expect([intake.summary, intake.location]).toEqual(["Individual intake · S.R.", "Cedar"]);
  });

  test("minimum necessary: initials only, never full names, goals or anything clinical, unless the clinic allows full names (and then only in clinicians' own feeds)", async () => {
    const c = await marchClinic();
    const own = await makeFeed(staffOf(c.therapist), "CLINICIAN", null, MARCH);
    const room = await makeFeed(staffOf(c.frontDesk), "ROOM", c.willow.id, MARCH);
    for (const token of [own.token, room.token]) {
      const { text } = await feedOf(token, MARCH);
      expect(text).not.toMatch(/Rivera|Sam|Jordan|Chen|trust|affair|DESCRIPTION|ATTENDEE|ORGANIZER/i);
    }
    // The admin ticks the setting on the clinic settings form (a checkbox: "on" when ticked).
    const { timeZone: _zone, ...settings } = clinicSettingsOf(await db.clinic.findUniqueOrThrow({ where: { id: c.clinic.id } }));
    expect(settings.feedFullNames).toBe(false);
    expect(settingsCandidateOf({ feedFullNames: "on" }).feedFullNames).toBe(true);
    expect(settingsCandidateOf({}).feedFullNames).toBe(false);
    expect((await updateClinicSettings(staffOf(c.admin), { ...settings, feedFullNames: true })).feedFullNames).toBe(true);
    const named = await feedOf(own.token, MARCH);
    expect(named.events.find((e) => e.uid === uidOf(c.beforeChange.id, c))!.summary).toBe("Couples therapy · Sam Rivera & Jordan Rivera");
    expect(named.text).not.toMatch(/trust|affair/);
    const roomFeed = await feedOf(room.token, MARCH);
    expect(roomFeed.text).not.toMatch(/Rivera|Sam|Jordan/);
  });

  test("a room's feed shows that room's sessions, the clinic's feed every session of the clinic, and neither another clinic's", async () => {
    const c = await marchClinic();
    const desk = staffOf(c.frontDesk);
    const cedar = await feedOf((await makeFeed(desk, "ROOM", c.cedar.id, MARCH)).token, MARCH);
    expect(cedar.name).toBe(`${c.clinic.name} · Cedar`);
    expect(cedar.events.map((e) => e.uid).sort()).toEqual([c.intake.id, c.others.id].map((id) => uidOf(id, c)).sort());
    const clinic = await feedOf((await makeFeed(staffOf(c.admin), "CLINIC", null, MARCH)).token, MARCH);
    expect(clinic.events.map((e) => e.uid).sort()).toEqual([c.beforeChange.id, c.afterChange.id, c.intake.id, c.others.id, c.telehealth.id].map((id) => uidOf(id, c)).sort());
    expect(clinic.events.find((e) => e.uid === uidOf(c.telehealth.id, c))).toMatchObject({ summary: "Medical evaluation · J.R.", location: "Telehealth" });
    expect(clinic.text).not.toContain(c.elsewhereSession.id);
    // The other clinic's feed of the same moment has its own session and none of this clinic's.
    const elsewhereAdmin = await db.user.create({ data: { clinicId: c.elsewhere.clinic.id, email: `admin-${c.elsewhere.clinic.id}@clinic.test`, name: "Other admin", roles: ["ADMIN"], passwordHash: "x" } });
    const other = await feedOf((await makeFeed(staffOf(elsewhereAdmin), "CLINIC", null, MARCH)).token, MARCH);
    expect(other.events.map((e) => e.uid)).toEqual([`${c.elsewhereSession.id}@${c.elsewhere.clinic.id}`]);
    // A room of another clinic cannot be subscribed to.
    await expect(makeFeed(desk, "ROOM", c.elsewhere.willow.id, MARCH)).rejects.toThrow("The room was not found.");
  });

  test("who may have which feed: clinicians their own sessions, the front desk and admins rooms and the clinic", async () => {
    const c = await marchClinic();
    await expect(makeFeed(staffOf(c.therapist), "CLINIC")).rejects.toThrow("You do not have permission");
    await expect(makeFeed(staffOf(c.psychiatrist), "ROOM", c.cedar.id)).rejects.toThrow("You do not have permission");
    await expect(makeFeed(staffOf(c.frontDesk), "CLINICIAN")).rejects.toThrow("You do not have permission");
    const psychiatrist = await feedOf((await makeFeed(staffOf(c.psychiatrist), "CLINICIAN", null, MARCH)).token, MARCH);
    expect(psychiatrist.events.map((e) => e.uid)).toEqual([uidOf(c.telehealth.id, c)]);
  });

  test("a moved session keeps its UID and raises its SEQUENCE; a cancelled one is kept as STATUS:CANCELLED for 30 days, then dropped", async () => {
    const c = await smallClinic(db);
    const staff = staffOf(c.therapist);
    const first = openDayAt10(14);
    const session = await insertSession(db, c, { kind: "COUPLES_THERAPY", start: first.at.toISOString(), minutes: 60, partners: [c.couple.partnerAId, c.couple.partnerBId] });
    const { token } = await makeFeed(staff, "CLINICIAN");
    const uid = uidOf(session.id, c);
    expect((await feedOf(token, new Date())).events).toEqual([expect.objectContaining({ uid, sequence: 0, location: "Willow" })]);

    const later = openDayAt10(21);
    await moveSessions(staff, await draftMove(staff, { sessionId: session.id, date: later.day, time: "14:00", roomId: c.cedar.id }));
    const moved = (await feedOf(token, new Date())).events;
    expect(moved).toHaveLength(1);
    expect(moved[0]).toMatchObject({ uid, sequence: 1, location: "Cedar", status: "CONFIRMED" });
    expect(moved[0].start.toJSDate().toISOString()).toBe(atClinicTime(later.day, 14 * 60, TZ).toISOString());

    // A change that does not move it (a note of who checked in, say) leaves SEQUENCE as it was, whoever writes it.
    await db.session.update({ where: { id: session.id }, data: { sequence: 40, createdById: c.therapist.id } });
    expect((await db.session.findUniqueOrThrow({ where: { id: session.id } })).sequence).toBe(1);

    await cancelSession(staff, session.id, "The couple asked to");
    const cancelled = (await feedOf(token, new Date())).events;
    expect(cancelled).toEqual([expect.objectContaining({ uid, sequence: 2, status: "CANCELLED" })]);
    // 31 days after the cancellation, the feed no longer carries it.
    const laterOn = new Date(Date.now() + 31 * 24 * 3_600_000);
    expect((await feedOf(token, laterOn)).events).toEqual([]);
  });

  test("the window: from 30 days before the fetch to 365 days after", async () => {
    const c = await smallClinic(db);
    const now = new Date("2027-06-01T12:00:00Z");
    const at = (iso: string) => insertSession(db, c, { kind: "COUPLES_THERAPY", start: iso, minutes: 60, partners: [c.couple.partnerAId, c.couple.partnerBId] });
    const tooOld = await at("2027-04-28T17:00:00Z");
    const old = await at("2027-05-04T17:00:00Z");
    const far = await at("2028-05-29T17:00:00Z");
    const tooFar = await at("2028-06-05T17:00:00Z");
    const { token } = await makeFeed(staffOf(c.therapist), "CLINICIAN", null, now);
    const uids = (await feedOf(token, now)).events.map((e) => e.uid);
    expect(uids).toEqual([old.id, far.id].map((id) => uidOf(id, c)));
    expect(uids).not.toContain(uidOf(tooOld.id, c));
    expect(uids).not.toContain(uidOf(tooFar.id, c));
  });

  test("unknown, revoked, mistyped and malformed addresses, and a regenerated feed's old one, all answer 404 with the same body; a good one answers text/calendar", async () => {
    const c = await marchClinic();
    const staff = staffOf(c.therapist);
    const first = await makeFeed(staff, "CLINICIAN");
    const second = await makeFeed(staff, "CLINICIAN");
    const third = await makeFeed(staffOf(c.psychiatrist), "CLINICIAN");
    await revokeFeed(staffOf(c.psychiatrist), third.feedId, "feed:subscribe");
    const ip = address();
    const get = (file: string) => GET(new Request(`http://localhost:3000/feeds/${file}`, { headers: { [CLIENT_ADDRESS_HEADER]: ip } }), { params: Promise.resolve({ file }) });
    const good = await get(`${second.token}.ics`);
    expect(good.status).toBe(200);
    expect(good.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(good.headers.get("cache-control")).toBe("private, no-store");
    expect(parse(await good.text()).events.length).toBe(3);
    const mistyped = `${second.token.slice(0, -1)}${second.token.endsWith("A") ? "B" : "A"}`;
    const refused = [`${first.token}.ics`, `${third.token}.ics`, `${mistyped}.ics`, `${"A".repeat(43)}.ics`, second.token, `${second.token}.ics.ics`, "..%2F.ics", "x.ics"];
    const bodies = new Set<string>();
    for (const file of refused) {
      const reply = await get(file);
      expect(reply.status, file).toBe(404);
      bodies.add(`${reply.headers.get("content-type")}|${await reply.text()}`);
    }
    expect([...bodies]).toEqual(["text/plain; charset=utf-8|Not found.\n"]);
  });

  test("a deactivated owner's feeds stop at once, and so do feeds of a role the owner no longer has; deactivating revokes them", async () => {
    const c = await marchClinic();
    const own = await makeFeed(staffOf(c.therapist), "CLINICIAN", null, MARCH);
    const desk = await makeFeed(staffOf(c.frontDesk), "CLINIC", null, MARCH);
    await feedOf(own.token, MARCH);
    await db.user.update({ where: { id: c.therapist.id }, data: { active: false } });
    expect(await fetchFeed(own.token, address(), MARCH)).toEqual({ state: "not-found" });
    await db.user.update({ where: { id: c.frontDesk.id }, data: { roles: ["THERAPIST"] } });
    expect(await fetchFeed(desk.token, address(), MARCH)).toEqual({ state: "not-found" });
    await db.user.update({ where: { id: c.therapist.id }, data: { active: true } });
    expect((await fetchFeed(own.token, address(), MARCH)).state).toBe("ok");
    // Deactivated by an admin, the account's feeds are revoked too: reactivating does not bring them back.
    await setStaffActive(staffOf(c.admin), { staffId: c.therapist.id, active: false });
    expect(await db.calendarFeed.findUniqueOrThrow({ where: { id: own.feedId } })).toMatchObject({ revokedById: c.admin.id });
    await setStaffActive(staffOf(c.admin), { staffId: c.therapist.id, active: true });
    expect(await fetchFeed(own.token, address(), MARCH)).toEqual({ state: "not-found" });
  });

  test("every fetch is one audit row with the address, and sets when the feed was last fetched; the owner and an admin may revoke, nobody else", async () => {
    const c = await marchClinic();
    const { token, feedId } = await makeFeed(staffOf(c.therapist), "CLINICIAN", null, MARCH);
    expect((await db.calendarFeed.findUniqueOrThrow({ where: { id: feedId } })).lastFetchedAt).toBeNull();
    const ip = address();
    const at = new Date("2027-03-02T08:00:00Z");
    await feedOf(token, at, ip);
    const row = await db.calendarFeed.findUniqueOrThrow({ where: { id: feedId } });
    expect(row.lastFetchedAt).toEqual(at);
    expect(row.tokenHash).toBe(tokenHash(token));
    expect(JSON.stringify(row)).not.toContain(token);
    const audit = await db.auditEvent.findMany({ where: { entity: "CalendarFeed", entityId: feedId, action: FEED_FETCH } });
    expect(audit).toEqual([expect.objectContaining({ actorId: c.therapist.id, clinicId: c.clinic.id, ip, outcome: "ALLOWED" })]);

    await expect(revokeFeed(staffOf(c.otherTherapist), feedId, "feed:subscribe")).rejects.toThrow("The calendar feed was not found.");
    const elsewhereAdmin = await db.user.create({ data: { clinicId: c.elsewhere.clinic.id, email: `a-${c.elsewhere.clinic.id}@clinic.test`, name: "Other admin", roles: ["ADMIN"], passwordHash: "x" } });
    await expect(revokeFeed(staffOf(elsewhereAdmin), feedId, "staff:manage")).rejects.toThrow("The calendar feed was not found.");
    await revokeFeed(staffOf(c.admin), feedId, "staff:manage");
    expect(await db.calendarFeed.findUniqueOrThrow({ where: { id: feedId } })).toMatchObject({ revokedById: c.admin.id });
    expect(await fetchFeed(token, ip, at)).toEqual({ state: "not-found" });
    expect(await db.auditEvent.count({ where: { entity: "CalendarFeed", entityId: feedId, action: FEED_FETCH, outcome: "DENIED", ip } })).toBe(1);
  });

  test("an address that keeps trying feeds that do not answer is held off, also for a good feed, while others are not", async () => {
    const c = await marchClinic();
    const { token } = await makeFeed(staffOf(c.therapist), "CLINICIAN", null, MARCH);
    const ip = address();
    for (let i = 0; i < LINK_THROTTLE.refusals; i++) expect((await fetchFeed(`${"B".repeat(42)}${i % 10}`, ip, new Date())).state).toBe("not-found");
    expect(await fetchFeed(token, ip, new Date())).toEqual({ state: "throttled" });
    expect((await fetchFeed(token, address(), new Date())).state).toBe("ok");
    const ipHeader = { [CLIENT_ADDRESS_HEADER]: ip };
    const reply = await GET(new Request(`http://localhost:3000/feeds/${token}.ics`, { headers: ipHeader }), { params: Promise.resolve({ file: `${token}.ics` }) });
    expect(reply.status).toBe(429);
    expect(reply.headers.get("retry-after")).toBe(String(LINK_THROTTLE.windowMinutes * 60));
  });
});
