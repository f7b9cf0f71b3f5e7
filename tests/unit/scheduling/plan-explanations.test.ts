import { describe, expect, test } from "vitest";
import { planCycle, type BusyTimes, type PlanPreferences } from "@/lib/scheduling/plan-cycle";
import { dayBlockWords, explainDays, spanWords } from "@/lib/scheduling/plan-explanations";
import { at, COUPLES_THERAPIST, completed, groundwork, PSYCHIATRIST, SAM, snapshot, ZONE } from "../protocol/fixtures";

// Issue 14: the planner explains itself. planCycle is pure, so each case is fixed inputs (the
// fixtures' couple Sam and Alex with Dr Park, their groundwork done in the week of 2 Mar 2026, the
// clinic open Mon–Sat 08:00–20:00 in Los Angeles, Cedar its one dosing room in use) and the
// words it gives back.

const NOW = at("2026-03-07", "12:00");
const ready = () => snapshot({ sessions: completed(groundwork(), "in-sam", "in-alex", "prep-1", "prep-2") });
const prefs = (over: Partial<PlanPreferences> = {}): PlanPreferences => ({
  startDate: "2026-03-09",
  weekdays: [1, 2, 3, 4, 5, 6],
  dayParts: [],
  psychiatristId: PSYCHIATRIST,
  firstJourneyerId: SAM.id,
  ...over,
});
/** One busy span for a room or person, from the first day's midnight to the last day's end. */
const busy = (entries: [string, string, string][]): BusyTimes =>
  new Map(entries.map(([key, first, last]) => [key, [{ start: at(first, "00:00").getTime(), end: at(last, "23:59").getTime() }]]));

describe("planCycle explains a session placed later than the couple's days would have it", () => {
  test("its dosing room booked every open day: one span, the closed Sunday inside it", () => {
    const plan = planCycle(ready(), busy([["r-dose", "2026-03-09", "2026-03-20"]]), prefs(), NOW);
    expect(plan.blocked).toEqual([]);
    expect(plan.later).toEqual([{ step: "Medicine session 1: Sam journeys", day: "2026-03-21", why: ["Cedar booked every open day 9–20 Mar"] }]);
    expect(plan.sessions[0].startsAt).toEqual(at("2026-03-21", "08:00"));
  });

  test("its clinician busy: named, and the span ends where the clinician is free", () => {
    const plan = planCycle(ready(), busy([[COUPLES_THERAPIST, "2026-03-09", "2026-03-14"]]), prefs(), NOW);
    expect(plan.later[0]).toEqual({ step: "Medicine session 1: Sam journeys", day: "2026-03-16", why: ["Dr Park busy every open day 9–14 Mar"] });
  });

  test("the couple's own days only: the weekdays are named, and days left for preference are not counted against anyone", () => {
    // Mondays and Wednesdays. A medicine session on a Wednesday would put its integration on a
    // Thursday or Friday, none of theirs, so Mondays come first: the Wednesdays are not blocked.
    const plan = planCycle(ready(), busy([["r-dose", "2026-03-09", "2026-03-20"]]), prefs({ weekdays: [1, 3] }), NOW);
    expect(plan.later[0]).toEqual({ step: "Medicine session 1: Sam journeys", day: "2026-03-23", why: ["Cedar booked every Mon 9–16 Mar"] });
    // A preparation-like span over both weekdays reads "every Mon and Wed".
    expect(explainDays([{ day: "2026-03-09", why: "Dr Lee busy" }, { day: "2026-03-11", why: "Dr Lee busy" }], ZONE, () => true)).toEqual(["Dr Lee busy every Mon and Wed 9–11 Mar"]);
  });

  test("different constraints on different days: one span each, in order", () => {
    const plan = planCycle(
      ready(),
      busy([
        [COUPLES_THERAPIST, "2026-03-09", "2026-03-10"],
        ["r-dose", "2026-03-11", "2026-03-12"],
      ]),
      prefs(),
      NOW,
    );
    expect(plan.later[0].why).toEqual(["Dr Park busy every open day 9–10 Mar", "Cedar booked every open day 11–12 Mar"]);
    expect(plan.later[0].day).toBe("2026-03-13");
  });

  test("a session on the first day it could have is not explained", () => {
    const plan = planCycle(ready(), new Map(), prefs(), NOW);
    expect(plan.blocked).toEqual([]);
    expect(plan.later).toEqual([]);
  });
});

describe("closures in the explanations (issue 14)", () => {
  const closure = (roomId: string | null, from: string, to: string) => ({ id: `c-${from}`, roomId, roomName: roomId ? "Cedar" : null, startsAt: at(from, "00:00"), endsAt: at(to, "00:00"), reason: "Holiday" });

  test("a holiday of the whole clinic: clinic closed, as a span of days", () => {
    const plan = planCycle(snapshot({ sessions: ready().sessions, settings: { closures: [closure(null, "2026-03-09", "2026-03-12")] } }), new Map(), prefs(), NOW);
    expect(plan.later[0]).toEqual({ step: "Medicine session 1: Sam journeys", day: "2026-03-12", why: ["clinic closed 9–11 Mar"] });
  });

  test("a holiday over part of a day: the times it leaves are too short, and that day reads clinic closed", () => {
    const partly = { ...closure(null, "2026-03-09", "2026-03-10"), startsAt: at("2026-03-09", "10:00") };
    const plan = planCycle(snapshot({ sessions: ready().sessions, settings: { closures: [partly] } }), new Map(), prefs(), NOW);
    expect(plan.later[0]).toEqual({ step: "Medicine session 1: Sam journeys", day: "2026-03-10", why: ["clinic closed on Mon 9 Mar"] });
  });

  test("its one dosing room out of service: the room is named as out of service, not booked", () => {
    const plan = planCycle(snapshot({ sessions: ready().sessions, settings: { closures: [closure("r-dose", "2026-03-09", "2026-03-11")] } }), new Map(), prefs(), NOW);
    expect(plan.later[0]).toEqual({ step: "Medicine session 1: Sam journeys", day: "2026-03-11", why: ["Cedar out of service every open day 9–10 Mar"] });
    expect(plan.sessions[0].roomId).toBe("r-dose");
  });
});

describe("planCycle with a finish date", () => {
  test("what cannot be placed by then is not placed, and the plan says which constraint took which days", () => {
    const plan = planCycle(ready(), busy([["r-dose", "2026-03-09", "2026-03-20"]]), prefs({ finishBy: "2026-03-18" }), NOW);
    expect(plan.sessions).toEqual([]);
    expect(plan.blocked[0]).toEqual({
      step: "Medicine session 1: Sam journeys",
      reason: "no dosing-equipped room is free when the couple and the clinician are by the finish date, Wed 18 Mar",
      // Wed 18 Mar itself: its integration (1–2 days later) would be after the finish date.
      why: ["Cedar booked every open day 9–17 Mar", "its integration would fall after the finish date on Wed 18 Mar"],
    });
    expect(plan.blocked.slice(1).map((b) => b.reason)).toEqual(Array(3).fill("an earlier session of the plan could not be placed"));
  });

  test("a finish date the plan can meet changes nothing; one before the start leaves no day", () => {
    expect(planCycle(ready(), new Map(), prefs({ finishBy: "2026-04-30" }), NOW)).toMatchObject({ blocked: [], later: [] });
    const none = planCycle(ready(), new Map(), prefs({ finishBy: "2026-03-01" }), NOW);
    expect(none.blocked[0]).toEqual({ step: "Medicine session 1: Sam journeys", reason: "the finish date, Sun 1 Mar, leaves no day for it", why: [] });
  });

  test("every session of the plan lies on or before the finish date", () => {
    const plan = planCycle(ready(), busy([["r-dose", "2026-03-09", "2026-03-12"]]), prefs({ finishBy: "2026-03-20" }), NOW);
    expect(plan.sessions.length).toBeGreaterThan(0);
    for (const s of plan.sessions) expect(s.startsAt.getTime()).toBeLessThan(at("2026-03-21", "00:00").getTime());
  });
});

describe("rooms in the plan (P9)", () => {
  test("never a room smaller than the session: with Oak taken, a joint preparation goes to Cedar, not two-person Willow", () => {
    const plan = planCycle(snapshot({ sessions: completed(groundwork(), "in-sam", "in-alex", "prep-1").filter((s) => s.id !== "prep-2") }), busy([["r-oak", "2026-03-09", "2026-03-09"]]), prefs(), NOW);
    const preparation = plan.sessions.find((s) => s.kind === "PREPARATION")!;
    expect(preparation.roomId).toBe("r-dose");
  });

  test("no room of the clinic holds the session: said so", () => {
    const s = ready();
    const small = { ...s, rooms: s.rooms.map((r) => ({ ...r, capacity: 2 })) };
    const plan = planCycle(small, new Map(), prefs({ finishBy: "2026-03-11" }), NOW);
    expect(plan.blocked[0].why).toEqual(["no dosing-equipped room in use holds 3 people every open day 9–10 Mar", "its integration would fall after the finish date on Wed 11 Mar"]);
  });
});

describe("a day's reason in words", () => {
  test("rooms, people, hours", () => {
    expect(dayBlockWords([{ kind: "rooms", booked: ["Cedar", "Juniper"], outOfService: [] }])).toBe("Cedar and Juniper booked");
    // Dr Lee at every time; Sam at some: only who was busy at every time is named.
    expect(dayBlockWords([{ kind: "people", names: ["Dr Lee"] }, { kind: "people", names: ["Dr Lee", "Sam"] }])).toBe("Dr Lee busy");
    // No one at every time: everyone who was busy.
    expect(dayBlockWords([{ kind: "people", names: ["Dr Lee"] }, { kind: "people", names: ["Sam"] }])).toBe("Dr Lee and Sam busy");
    expect(dayBlockWords([{ kind: "hours" }, { kind: "people", names: ["Dr Lee"] }, { kind: "rooms", booked: ["Cedar"], outOfService: [] }])).toBe("Dr Lee busy or Cedar booked");
    expect(dayBlockWords([{ kind: "closed" }, { kind: "rooms", booked: [], outOfService: ["Cedar"] }])).toBe("clinic closed or Cedar out of service");
    expect(dayBlockWords([{ kind: "rooms", booked: ["Cedar"], outOfService: ["Juniper"] }])).toBe("Cedar booked and Juniper out of service");
    expect(dayBlockWords([{ kind: "early" }, { kind: "early" }])).toBe("no time left after the session before it");
    expect(dayBlockWords([{ kind: "early" }, { kind: "hours" }])).toBe("no time left at the chosen times");
    expect(dayBlockWords([{ kind: "hours" }])).toBe("outside opening hours at the chosen times");
  });

  test("spans: a month, two months, two years", () => {
    expect(spanWords("2027-01-04", "2027-01-09")).toBe("4–9 Jan");
    expect(spanWords("2027-01-04", "2027-02-03")).toBe("4 Jan – 3 Feb");
    expect(spanWords("2026-12-28", "2027-01-03")).toBe("28 Dec 2026 – 3 Jan 2027");
  });

  test("closed days are a span of their own; one day is named; many spans are cut short and counted", () => {
    expect(explainDays(["2026-12-24", "2026-12-25", "2026-12-26"].map((day) => ({ day, why: "clinic closed" })), ZONE, () => false)).toEqual(["clinic closed 24–26 Dec"]);
    expect(explainDays([{ day: "2026-03-10", why: "Sam busy" }], ZONE, () => true)).toEqual(["Sam busy on Tue 10 Mar"]);
    const alternating = Array.from({ length: 10 }, (_, i) => ({ day: `2026-03-${String(9 + i).padStart(2, "0")}`, why: i % 2 ? "Sam busy" : "Cedar booked" }));
    const told = explainDays(alternating, ZONE, () => true);
    expect(told).toHaveLength(7);
    expect(told[6]).toBe("and on 4 other days");
  });
});
