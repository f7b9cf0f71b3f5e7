import ICAL from "ical.js";
import { describe, expect, test } from "vitest";
import { eventSummary, feedCalendarText, initialsOf, vtimezoneOf, type FeedSession } from "@/lib/feeds/feed-calendar";

// The feed's text on its own (no database), read back with ical.js: initials, the zone's
// VTIMEZONE under the name the events use (also for an alias), and UTC for a zone without one.

const session = (over: Partial<FeedSession> = {}): FeedSession => ({
  id: "4b6f3f7e-0000-4000-8000-000000000001",
  kind: "COUPLES_THERAPY",
  status: "SCHEDULED",
  startsAt: new Date("2027-11-05T17:00:00Z"),
  endsAt: new Date("2027-11-05T18:00:00Z"),
  sequence: 0,
  roomName: "Willow",
  partners: [
    { firstName: "sam", lastName: "Rivera" },
    { firstName: "Élodie", lastName: "de Vries" },
  ],
  ...over,
});

function eventsOf(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(zone);
  return {
    zones: calendar.getAllSubcomponents("vtimezone").map((z) => String(z.getFirstPropertyValue("tzid"))),
    events: calendar.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v)),
  };
}

const text = (timeZone: string, sessions = [session()]) => feedCalendarText({ name: "Clinic · My sessions", clinicId: "c", timeZone, fullNames: false, sessions, now: new Date("2027-10-01T00:00:00Z") });

describe("a feed's text", () => {
  test("initials: upper case, one letter of each name; a kind alone when no partner is named", () => {
    expect(initialsOf({ firstName: "sam", lastName: "Rivera" })).toBe("S.R.");
    expect(initialsOf({ firstName: "Élodie", lastName: " de Vries" })).toBe("É.D.");
    expect(initialsOf({ firstName: "", lastName: "Rivera" })).toBe("R.");
    expect(eventSummary(session(), false)).toBe("Couples therapy · S.R. & É.D.");
    expect(eventSummary(session(), true)).toBe("Couples therapy · sam Rivera & Élodie de Vries");
    expect(eventSummary(session({ kind: "MEDICINE_TAKING_TURNS", partners: [] }), false)).toBe("Medicine: Taking Turns");
  });

  test("Berlin across its autumn change: local times under the zone's TZID, and the right instants", () => {
    const before = session({ startsAt: new Date("2027-10-29T08:00:00Z"), endsAt: new Date("2027-10-29T09:00:00Z") });
    const after = session({ id: "4b6f3f7e-0000-4000-8000-000000000002", startsAt: new Date("2027-11-01T09:00:00Z"), endsAt: new Date("2027-11-01T10:00:00Z") });
    const { zones, events } = eventsOf(text("Europe/Berlin", [before, after]));
    expect(zones).toEqual(["Europe/Berlin"]);
    expect(events.map((e) => [e.startDate.hour, e.startDate.zone?.tzid, e.startDate.toJSDate().toISOString()])).toEqual([
      [10, "Europe/Berlin", "2027-10-29T08:00:00.000Z"],
      [10, "Europe/Berlin", "2027-11-01T09:00:00.000Z"],
    ]);
  });

  test("an alias zone (US/Pacific) is written under its canonical TZID, with that zone's VTIMEZONE", () => {
    expect(vtimezoneOf("US/Pacific")?.tzid).toBe("America/Los_Angeles");
    const { zones, events } = eventsOf(text("US/Pacific"));
    expect(zones).toEqual(["America/Los_Angeles"]);
    expect([events[0].startDate.hour, events[0].startDate.zone?.tzid]).toEqual([10, "America/Los_Angeles"]);
    expect(events[0].startDate.toJSDate().toISOString()).toBe("2027-11-05T17:00:00.000Z");
  });

  test("a zone without a VTIMEZONE: times in UTC, still the right instants", () => {
    expect(vtimezoneOf("Nowhere/City")).toBeNull();
    const written = text("Nowhere/City");
    expect(written).not.toContain("VTIMEZONE");
    expect(written).toMatch(/^DTSTART:20271105T170000Z\r$/m);
    expect(eventsOf(written).events[0].startDate.toJSDate().toISOString()).toBe("2027-11-05T17:00:00.000Z");
  });
});
