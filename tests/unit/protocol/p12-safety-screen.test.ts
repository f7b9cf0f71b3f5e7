// P12 Safety screen before dosing: each dosing partner's PHQ-9 from `days` (7) clinic calendar
// days before the medicine session's date until it starts; item 9 above 0 needs a clinician's
// safety review since that screen that says proceed: every such screen, as a later PHQ-9 never
// lifts a concern raised in the window. Booking never needs it; check-in does.
import { describe, expect, it } from "vitest";
import { runCases, type Case } from "./cases";
import { ALEX, asNew, at, clearance, completed, fullPlan, groundwork, make, phq9, review, SAM, snapshot, without } from "./fixtures";
import { checkCycle, evaluateChange } from "@/lib/protocol/engine";
import { p12SafetyScreen, reviewOf, safetyScreenVerdict, screensFor } from "@/lib/protocol/rules/p12-safety-screen";
import { cycleStatusPanel, safetyScreenItems } from "@/lib/protocol/status-panel";
import type { CycleSnapshot, ProtocolSettings, SnapshotSafetyReview, SnapshotScreen, SnapshotSession } from "@/lib/protocol/types";

const ON: ProtocolSettings["safetyScreen"] = { enabled: true, days: 7 };
const checkIn = { type: "checkIn" as const, sessionId: "med-1" };

/** Sam journeys Tue 10 Mar 10:00–13:00, everything before it done, rides home recorded: only P12 is left to hold. */
function readyForSam(screens: SnapshotScreen[], safetyReviews: SnapshotSafetyReview[] = [], settings: Partial<ProtocolSettings> = { safetyScreen: ON }): CycleSnapshot {
  return snapshot({
    sessions: completed(fullPlan(), "in-sam", "in-alex", "prep-1", "prep-2"),
    rideHomes: [{ sessionId: "med-1", clientId: SAM.id }],
    screens,
    safetyReviews,
    settings,
  });
}

/** Both partners dose Tue 10 Mar 10:00–12:00 (Low Dose Together), rides home recorded. */
function lowDoseReady(screens: SnapshotScreen[], safetyReviews: SnapshotSafetyReview[] = []): CycleSnapshot {
  return snapshot({
    model: "LOW_DOSE_TOGETHER",
    sessions: [...completed(without(groundwork(), "prep-1", "prep-2"), "in-sam", "in-alex"), make.lowDose("ld-1", "2026-03-10"), make.integration("int-1", "ld-1", "2026-03-11")],
    clearances: [clearance("c-sam", SAM), clearance("c-alex", ALEX)],
    rideHomes: [
      { sessionId: "ld-1", clientId: SAM.id },
      { sessionId: "ld-1", clientId: ALEX.id },
    ],
    screens,
    safetyReviews,
    settings: { safetyScreen: ON },
  });
}

const NO_SCREEN = "P12: Sam has no PHQ-9 in the 7 days before Sam's medicine session on Tue 10 Mar (from Tue 3 Mar until it starts), so it can't be checked in.";
const reviewDue = (day: string) => `P12: Sam's PHQ-9 of ${day} needs a clinician's safety review before Sam's medicine session on Tue 10 Mar can be checked in.`;
const postponed = (day: string) => `P12: the safety review of Sam's PHQ-9 of ${day} decided to postpone dosing, so Sam's medicine session on Tue 10 Mar can't be checked in.`;
const referred = (day: string) => `P12: the safety review of Sam's PHQ-9 of ${day} decided to refer Sam on, so Sam's medicine session on Tue 10 Mar can't be checked in.`;
const POSTPONED = postponed("Mon 9 Mar");
const REFERRED = referred("Mon 9 Mar");

const allowed = (name: string, screens: SnapshotScreen[], reviews: SnapshotSafetyReview[] = []): Case => ({ name, cycle: readyForSam(screens, reviews), change: checkIn, allowed: true });
const refused = (name: string, says: string, screens: SnapshotScreen[], reviews: SnapshotSafetyReview[] = []): Case => ({
  name,
  cycle: readyForSam(screens, reviews),
  change: checkIn,
  refused: "P12",
  says: [says],
  sessions: ["med-1"],
});

describe("P12 which PHQ-9 counts: from 7 clinic calendar days before the session's date until it starts", () => {
  runCases([
    refused("no PHQ-9 at all", NO_SCREEN, []),
    allowed("a PHQ-9 the day before, item 9 = 0", [phq9("s1", SAM, "2026-03-09")]),
    allowed("a PHQ-9 exactly 7 calendar days before, at its first minute", [phq9("s1", SAM, "2026-03-03", "00:00")]),
    allowed("a PHQ-9 exactly 7 calendar days before, at its last minute", [phq9("s1", SAM, "2026-03-03", "23:59")]),
    refused("a PHQ-9 8 days before, at the last minute of that day, is too old", NO_SCREEN, [phq9("s1", SAM, "2026-03-02", "23:59")]),
    // Calendar days, not spans of 24 hours: the spring change (Sun 8 Mar) lies in the window, so
    // 7 × 24 hours back from the session's midnight reaches Mon 2 Mar 23:00, which must not count.
    refused("across the spring change, Mon 2 Mar 23:30 is still 8 days before", NO_SCREEN, [phq9("s1", SAM, "2026-03-02", "23:30")]),
    allowed("on the session's own day, before it starts", [phq9("s1", SAM, "2026-03-10", "08:00")]),
    allowed("exactly at the session's start", [phq9("s1", SAM, "2026-03-10", "10:00")]),
    refused("a minute after the session's start (at a late check-in) does not count", NO_SCREEN, [phq9("s1", SAM, "2026-03-10", "10:01")]),
    refused("only the sitter's PHQ-9", NO_SCREEN, [phq9("s1", ALEX, "2026-03-09")]),
    allowed("an old PHQ-9 beside a recent one", [phq9("s0", SAM, "2026-02-20", "09:00", 3), phq9("s1", SAM, "2026-03-09")]),
  ]);
});

describe("P12 item 9 and the safety review", () => {
  const screen = phq9("s1", SAM, "2026-03-09", "09:00", 1);
  runCases([
    refused("item 9 = 1 with no review", reviewDue("Mon 9 Mar"), [screen]),
    refused("item 9 = 3 with no review", reviewDue("Mon 9 Mar"), [phq9("s1", SAM, "2026-03-09", "09:00", 3)]),
    allowed("item 9 = 1, reviewed: proceed", [screen], [review("s1", "PROCEED", "2026-03-09", "09:30")]),
    allowed("a review at the very minute of the screen counts", [screen], [review("s1", "PROCEED", "2026-03-09", "09:00")]),
    refused("a review from before the screen does not answer it", reviewDue("Mon 9 Mar"), [screen], [review("s1", "PROCEED", "2026-03-09", "08:59")]),
    refused("a review of another screen does not answer it", reviewDue("Mon 9 Mar"), [screen, phq9("s0", SAM, "2026-03-05", "09:00", 1)], [review("s0", "PROCEED", "2026-03-09", "09:30")]),
    allowed("a review made after the session started still counts (it is there at check-in)", [screen], [review("s1", "PROCEED", "2026-03-10", "10:30")]),
    refused("postpone blocks, in words", POSTPONED, [screen], [review("s1", "POSTPONE", "2026-03-09", "09:30")]),
    refused("refer blocks, in words", REFERRED, [screen], [review("s1", "REFER", "2026-03-09", "09:30")]),
    allowed("the latest review wins: postpone, then proceed", [screen], [review("s1", "POSTPONE", "2026-03-09", "09:30"), review("s1", "PROCEED", "2026-03-09", "11:00")]),
    refused("the latest review wins: proceed, then refer", REFERRED, [screen], [review("s1", "PROCEED", "2026-03-09", "09:30"), review("s1", "REFER", "2026-03-09", "11:00")]),
    refused("reviews at the same minute: the most cautious counts (proceed and postpone)", POSTPONED, [screen], [review("s1", "PROCEED", "2026-03-09", "09:30"), review("s1", "POSTPONE", "2026-03-09", "09:30")]),
    refused("reviews at the same minute: the most cautious counts (refer and postpone)", REFERRED, [screen], [review("s1", "REFER", "2026-03-09", "09:30"), review("s1", "POSTPONE", "2026-03-09", "09:30")]),
    refused("reviews at the same minute, listed the other way", REFERRED, [screen], [review("s1", "POSTPONE", "2026-03-09", "09:30"), review("s1", "REFER", "2026-03-09", "09:30")]),
    // Until the lead's decision a later PHQ-9 replaced an earlier one and what it needed; now every
    // screen in the window with item 9 above 0 needs its own review (the next describe states it).
    refused("a later PHQ-9 with item 9 = 0 does not replace an unreviewed one", reviewDue("Thu 5 Mar"), [phq9("s0", SAM, "2026-03-05", "09:00", 2), phq9("s1", SAM, "2026-03-09")]),
    refused("a later PHQ-9 with item 9 above 0 needs its own review", reviewDue("Mon 9 Mar"), [phq9("s0", SAM, "2026-03-05"), screen], [review("s0", "PROCEED", "2026-03-05", "09:30")]),
    refused("a reviewed PHQ-9 followed by an unreviewed one", reviewDue("Mon 9 Mar"), [phq9("s0", SAM, "2026-03-05", "09:00", 1), screen], [review("s0", "PROCEED", "2026-03-05", "09:30")]),
    // Two PHQ-9s at the same minute: the one with item 9 above 0 needs its review, whichever is listed first.
    refused("two PHQ-9s at the same minute: the one with item 9 above 0 needs its review", reviewDue("Mon 9 Mar"), [phq9("s1", SAM, "2026-03-09"), phq9("s2", SAM, "2026-03-09", "09:00", 1)]),
    refused("two PHQ-9s at the same minute, listed the other way", reviewDue("Mon 9 Mar"), [phq9("s2", SAM, "2026-03-09", "09:00", 1), phq9("s1", SAM, "2026-03-09")]),
    // Until the lead's decision the lower id alone counted here; now each needs its own review.
    refused("same minute, same item 9: a review of the lower id does not answer the higher", reviewDue("Mon 9 Mar"), [phq9("s1", SAM, "2026-03-09", "09:00", 1), phq9("s2", SAM, "2026-03-09", "09:00", 1)], [review("s1", "PROCEED", "2026-03-09", "09:30")]),
    refused("same minute, same item 9: a review of the higher id does not answer the lower", reviewDue("Mon 9 Mar"), [phq9("s2", SAM, "2026-03-09", "09:00", 1), phq9("s1", SAM, "2026-03-09", "09:00", 1)], [review("s2", "PROCEED", "2026-03-09", "09:30")]),
    allowed("same minute, same item 9: both reviewed, proceed", [phq9("s1", SAM, "2026-03-09", "09:00", 1), phq9("s2", SAM, "2026-03-09", "09:00", 1)], [review("s1", "PROCEED", "2026-03-09", "09:30"), review("s2", "PROCEED", "2026-03-09", "09:30")]),
  ]);
});

describe("P12 a concern raised in the window is lifted only by a clinician's review, never by a later PHQ-9", () => {
  // Thu 5 Mar: item 9 = 2 (at the clinic); Mon 9 Mar: a retake from a one-time link, item 9 = 0.
  const concern = phq9("s0", SAM, "2026-03-05", "09:00", 2);
  const retake = phq9("s1", SAM, "2026-03-09", "20:00");
  const second = phq9("s2", SAM, "2026-03-09", "09:00", 1);
  runCases([
    refused("a retake with item 9 = 0 after an unreviewed screen: the review is still due, naming that screen", reviewDue("Thu 5 Mar"), [concern, retake]),
    refused("a retake on the session's own day, before it starts, changes nothing", reviewDue("Thu 5 Mar"), [concern, phq9("s1", SAM, "2026-03-10", "08:00")]),
    refused("a retake after a postpone: still blocked", postponed("Thu 5 Mar"), [concern, retake], [review("s0", "POSTPONE", "2026-03-05", "10:00")]),
    refused("a retake after a referral: still blocked", referred("Thu 5 Mar"), [retake, concern], [review("s0", "REFER", "2026-03-05", "10:00")]),
    allowed("a proceed on the earlier screen, then a clean retake: met", [concern, retake], [review("s0", "PROCEED", "2026-03-05", "10:00")]),
    allowed("a postpone, then a proceed on the earlier screen, then a clean retake: met", [concern, retake], [review("s0", "POSTPONE", "2026-03-05", "10:00"), review("s0", "PROCEED", "2026-03-09", "21:00")]),
    refused("a review of the retake does not answer the earlier screen", reviewDue("Thu 5 Mar"), [concern, second], [review("s2", "PROCEED", "2026-03-09", "09:30")]),
    refused("two screens with item 9 above 0, the earlier reviewed: the later still needs its own", reviewDue("Mon 9 Mar"), [concern, second], [review("s0", "PROCEED", "2026-03-05", "10:00")]),
    allowed("two screens with item 9 above 0, two reviews saying proceed: met", [second, concern], [review("s0", "PROCEED", "2026-03-05", "10:00"), review("s2", "PROCEED", "2026-03-09", "09:30")]),
    refused("two screens unreviewed: the earlier is named", reviewDue("Thu 5 Mar"), [second, concern]),
    refused("a postpone outweighs a review still to do (the later blocked)", POSTPONED, [concern, second], [review("s2", "POSTPONE", "2026-03-09", "09:30")]),
    refused("a postpone outweighs a review still to do (the earlier blocked)", postponed("Thu 5 Mar"), [second, concern], [review("s0", "POSTPONE", "2026-03-05", "10:00")]),
    refused("two screens blocked: the earlier is named", referred("Thu 5 Mar"), [second, concern], [review("s2", "POSTPONE", "2026-03-09", "09:30"), review("s0", "REFER", "2026-03-05", "10:00")]),
    refused("a later screen blocked after an earlier one that may proceed", POSTPONED, [concern, second, retake], [review("s0", "PROCEED", "2026-03-05", "10:00"), review("s2", "POSTPONE", "2026-03-09", "09:30")]),
    // The window is as before: a concern from before it, or after the session started, does not count.
    allowed("a postponed screen before the window does not count", [phq9("s0", SAM, "2026-03-02", "23:59", 3), retake], [review("s0", "POSTPONE", "2026-03-03", "08:00")]),
    allowed("an unreviewed screen before the window does not count", [phq9("s0", SAM, "2026-02-28", "09:00", 1), retake]),
    allowed("a screen with item 9 above 0 after the session started does not count", [retake, phq9("s2", SAM, "2026-03-10", "10:01", 2)]),
  ]);
});

describe("P12 who doses, and when it binds", () => {
  runCases([
    {
      name: "Taking Turns: only the journeyer is screened, not the sitter",
      cycle: readyForSam([phq9("s1", SAM, "2026-03-09")]),
      change: checkIn,
      allowed: true,
    },
    {
      name: "Low Dose Together: both partners need their screen",
      cycle: lowDoseReady([phq9("s1", SAM, "2026-03-09")]),
      change: { type: "checkIn", sessionId: "ld-1" },
      refused: "P12",
      says: ["P12: Alex has no PHQ-9 in the 7 days before the low-dose medicine session on Tue 10 Mar (from Tue 3 Mar until it starts), so it can't be checked in."],
      sessions: ["ld-1"],
    },
    {
      name: "Low Dose Together: both screened",
      cycle: lowDoseReady([phq9("s1", SAM, "2026-03-09"), phq9("s2", ALEX, "2026-03-10", "07:00")]),
      change: { type: "checkIn", sessionId: "ld-1" },
      allowed: true,
    },
    {
      name: "Low Dose Together: one partner's review does not answer the other's screen",
      cycle: lowDoseReady([phq9("s1", SAM, "2026-03-09", "09:00", 1), phq9("s2", ALEX, "2026-03-09", "09:00", 1)], [review("s1", "PROCEED", "2026-03-09", "09:30")]),
      change: { type: "checkIn", sessionId: "ld-1" },
      refused: "P12",
      says: ["P12: Alex's PHQ-9 of Mon 9 Mar needs a clinician's safety review before the low-dose medicine session on Tue 10 Mar can be checked in."],
    },
    {
      name: "booking a medicine session is never refused for want of a screen",
      cycle: snapshot({ sessions: groundwork(), settings: { safetyScreen: ON } }),
      change: { type: "book", sessions: [make.turns("med-1", SAM, "2026-03-10"), make.integration("int-1", "med-1", "2026-03-11")].map(asNew) },
      allowed: true,
    },
    {
      name: "moving a medicine session is never refused for want of a screen",
      cycle: snapshot({ sessions: fullPlan(), settings: { safetyScreen: ON } }),
      change: {
        type: "moveMany",
        moves: [
          { sessionId: "med-1", startsAt: at("2026-03-12", "10:00"), endsAt: at("2026-03-12", "13:00") },
          { sessionId: "int-1", startsAt: at("2026-03-13", "10:00"), endsAt: at("2026-03-13", "11:30") },
        ],
      },
      allowed: true,
    },
    {
      name: "with the setting off, nothing is checked",
      cycle: readyForSam([], [], { safetyScreen: { enabled: false, days: 7 } }),
      change: checkIn,
      allowed: true,
    },
    {
      name: "a snapshot without the setting gets the default: on",
      cycle: readyForSam([], [], { safetyScreen: undefined }),
      change: checkIn,
      refused: "P12",
      says: [NO_SCREEN],
    },
    {
      name: "a shorter window (3 days): 3 days before counts",
      cycle: readyForSam([phq9("s1", SAM, "2026-03-07", "00:00")], [], { safetyScreen: { enabled: true, days: 3 } }),
      change: checkIn,
      allowed: true,
    },
    {
      name: "a shorter window (3 days): 4 days before does not, and the message says so",
      cycle: readyForSam([phq9("s1", SAM, "2026-03-06", "23:59")], [], { safetyScreen: { enabled: true, days: 3 } }),
      change: checkIn,
      refused: "P12",
      says: ["P12: Sam has no PHQ-9 in the 3 days before Sam's medicine session on Tue 10 Mar (from Sat 7 Mar until it starts)"],
    },
    {
      name: "a one-day window says 'the day before'",
      cycle: readyForSam([], [], { safetyScreen: { enabled: true, days: 1 } }),
      change: checkIn,
      refused: "P12",
      says: ["P12: Sam has no PHQ-9 in the day before Sam's medicine session on Tue 10 Mar (from Mon 9 Mar until it starts)"],
    },
    {
      name: "the refusal names every partner and rule together with P10's",
      cycle: { ...readyForSam([]), rideHomes: [] },
      change: checkIn,
      refused: "P12",
      says: [NO_SCREEN],
      alsoRules: ["P10"],
    },
  ]);

  it("checkCycle flags a checked-in medicine session whose screen does not hold, not a scheduled or completed one", () => {
    const withStatus = (status: SnapshotSession["status"], reviews: SnapshotSafetyReview[] = []) => {
      const cycle = readyForSam([phq9("s1", SAM, "2026-03-09", "09:00", 2)], reviews);
      return { ...cycle, sessions: cycle.sessions.map((s) => (s.id === "med-1" ? { ...s, status } : s)) };
    };
    expect(checkCycle(withStatus("SCHEDULED")).filter((v) => v.rule === "P12")).toEqual([]);
    expect(checkCycle(withStatus("COMPLETED")).filter((v) => v.rule === "P12")).toEqual([]);
    expect(checkCycle(withStatus("CHECKED_IN")).filter((v) => v.rule === "P12")).toEqual([{ rule: "P12", sessionIds: ["med-1"], message: reviewDue("Mon 9 Mar") }]);
    // A postponement recorded after check-in shows on the checked-in session.
    expect(checkCycle(withStatus("CHECKED_IN", [review("s1", "POSTPONE", "2026-03-10", "10:30")])).map((v) => v.message)).toContain(
      "P12: the safety review of Sam's PHQ-9 of Mon 9 Mar decided to postpone dosing, so Sam's medicine session on Tue 10 Mar can't be checked in.",
    );
    // A cancelled or no-show medicine session, or one of another cycle, is not screened.
    for (const s of [{ status: "CANCELLED" as const }, { status: "NO_SHOW" as const }, { status: "CHECKED_IN" as const, cycleId: "cycle-0" }]) {
      const cycle = readyForSam([]);
      const other = { ...cycle, sessions: cycle.sessions.map((x) => (x.id === "med-1" ? { ...x, ...s } : x)) };
      expect(checkCycle(other).filter((v) => v.rule === "P12")).toEqual([]);
    }
  });

  it("a checked-in session whose screen holds leaves nothing to flag, and the rule returns nothing else", () => {
    const cycle = readyForSam([phq9("s1", SAM, "2026-03-09", "09:00", 1)], [review("s1", "PROCEED", "2026-03-09")]);
    const checkedIn = { ...cycle, sessions: cycle.sessions.map((s) => (s.id === "med-1" ? { ...s, status: "CHECKED_IN" as const } : s)) };
    expect(p12SafetyScreen(checkedIn, null, { before: checkedIn })).toEqual([]);
    expect(checkCycle(checkedIn)).toEqual([]);
  });

  it("a checked-in session without its screen does not block completing it, nor an unrelated booking", () => {
    const cycle = readyForSam([]);
    const checkedIn = { ...cycle, sessions: cycle.sessions.map((s) => (s.id === "med-1" ? { ...s, status: "CHECKED_IN" as const } : s)) };
    expect(evaluateChange(checkedIn, { type: "complete", sessionId: "med-1" }).violations).toEqual([]);
    expect(evaluateChange(checkedIn, { type: "book", sessions: [asNew(make.couples("ct-1", "2026-03-12"))] }).violations).toEqual([]);
  });
});

describe("the screen and review that count, as the status panel and the dosing page read them", () => {
  const m = make.turns("med-1", SAM, "2026-03-10");
  const cycle = (screens: SnapshotScreen[], reviews: SnapshotSafetyReview[] = []) => snapshot({ sessions: [m], screens, safetyReviews: reviews, settings: { safetyScreen: ON } });

  it("screensFor: the partner's screens in the window, earlier first, whatever the order listed", () => {
    const screens = [phq9("a", SAM, "2026-03-04"), phq9("b", SAM, "2026-03-08"), phq9("c", SAM, "2026-03-06"), phq9("d", ALEX, "2026-03-09"), phq9("e", SAM, "2026-03-02")];
    expect(screensFor(cycle(screens), SAM.id, m).map((s) => s.id)).toEqual(["a", "c", "b"]);
    expect(screensFor(cycle([...screens].reverse()), SAM.id, m).map((s) => s.id)).toEqual(["a", "c", "b"]);
    expect(screensFor(cycle(screens), ALEX.id, m).map((s) => s.id)).toEqual(["d"]);
    // At the same instant, the lower id first.
    const same = [phq9("s2", SAM, "2026-03-09", "09:00", 1), phq9("s1", SAM, "2026-03-09", "09:00", 0), phq9("s3", SAM, "2026-03-09")];
    expect(screensFor(cycle(same), SAM.id, m).map((s) => s.id)).toEqual(["s1", "s2", "s3"]);
    expect(screensFor(cycle([...same].reverse()), SAM.id, m).map((s) => s.id)).toEqual(["s1", "s2", "s3"]);
    expect(screensFor(snapshot({ sessions: [m], settings: { safetyScreen: ON } }), SAM.id, m)).toEqual([]);
    const noLists: CycleSnapshot = { ...cycle([]), screens: undefined, safetyReviews: undefined };
    expect(screensFor(noLists, SAM.id, m)).toEqual([]);
  });

  it("reviewOf: the latest since the screen; none without reviews", () => {
    const screen = phq9("s1", SAM, "2026-03-09", "09:00", 1);
    const reviews = [review("s1", "PROCEED", "2026-03-09", "12:00"), review("s1", "REFER", "2026-03-09", "10:00")];
    expect(reviewOf(cycle([screen], reviews), screen)?.decision).toBe("PROCEED");
    expect(reviewOf(cycle([screen], [...reviews].reverse()), screen)?.decision).toBe("PROCEED");
    expect(reviewOf({ ...cycle([screen]), safetyReviews: undefined }, screen)).toBeUndefined();
  });

  it("safetyScreenVerdict says which state, with the screen and review", () => {
    const screen = phq9("s1", SAM, "2026-03-09", "09:00", 1);
    expect(safetyScreenVerdict(cycle([]), SAM, m)).toEqual({ state: "noScreen", from: "2026-03-03" });
    expect(safetyScreenVerdict(cycle([phq9("s0", SAM, "2026-03-09")]), SAM, m)).toEqual({ state: "met", screen: phq9("s0", SAM, "2026-03-09"), concern: null, review: null });
    expect(safetyScreenVerdict(cycle([screen]), SAM, m)).toEqual({ state: "reviewDue", screen });
    const proceed = review("s1", "PROCEED", "2026-03-09");
    expect(safetyScreenVerdict(cycle([screen], [proceed]), SAM, m)).toEqual({ state: "met", screen, concern: screen, review: proceed });
    const refer = review("s1", "REFER", "2026-03-09");
    expect(safetyScreenVerdict(cycle([screen], [refer]), SAM, m)).toEqual({ state: "blocked", screen, review: refer });
  });

  it("once met, the latest screen, and the latest with item 9 above 0 with its proceed", () => {
    const early = phq9("s0", SAM, "2026-03-04", "09:00", 3);
    const later = phq9("s1", SAM, "2026-03-06", "09:00", 1);
    const clean = phq9("s2", SAM, "2026-03-09");
    const proceeds = [review("s0", "PROCEED", "2026-03-04"), review("s1", "PROCEED", "2026-03-06")];
    expect(safetyScreenVerdict(cycle([clean, later, early], proceeds), SAM, m)).toEqual({ state: "met", screen: clean, concern: later, review: proceeds[1] });
    expect(safetyScreenVerdict(cycle([clean, early], proceeds), SAM, m)).toEqual({ state: "met", screen: clean, concern: early, review: proceeds[0] });
    // Still due: the earliest screen no review answers; blocked: the earliest whose review stops dosing.
    expect(safetyScreenVerdict(cycle([clean, later, early]), SAM, m)).toEqual({ state: "reviewDue", screen: early });
    expect(safetyScreenVerdict(cycle([clean, later, early], [proceeds[0]]), SAM, m)).toEqual({ state: "reviewDue", screen: later });
    const postpone = review("s1", "POSTPONE", "2026-03-06");
    expect(safetyScreenVerdict(cycle([clean, later, early], [postpone]), SAM, m)).toEqual({ state: "blocked", screen: later, review: postpone });
  });
});

describe("P12 on the status panel: met, due or blocked for each dosing partner of the next medicine session", () => {
  const now = at("2026-03-09", "12:00");
  const p12 = (cycle: CycleSnapshot) => cycleStatusPanel(cycle, now).prerequisites.filter((p) => p.rule === "P12");

  it("due while no PHQ-9 is in the window, with the day it opens", () => {
    expect(p12(readyForSam([phq9("s0", SAM, "2026-03-01")]))).toEqual([
      { rule: "P12", what: "safetyScreen", partnerId: SAM.id, state: "due", label: "Sam's PHQ-9: due, from Tue 3 Mar until the session starts" },
    ]);
  });

  it("met with item 9 = 0, or with a review that says proceed", () => {
    expect(p12(readyForSam([phq9("s1", SAM, "2026-03-09")]))).toEqual([
      { rule: "P12", what: "safetyScreen", partnerId: SAM.id, state: "met", label: "Sam's PHQ-9: Mon 9 Mar", screenId: "s1" },
    ]);
    expect(p12(readyForSam([phq9("s1", SAM, "2026-03-08", "09:00", 1)], [review("s1", "PROCEED", "2026-03-09")]))).toEqual([
      { rule: "P12", what: "safetyScreen", partnerId: SAM.id, state: "met", label: "Sam's PHQ-9: Sun 8 Mar, safety review Mon 9 Mar: proceed", screenId: "s1" },
    ]);
  });

  it("met after a clean retake names the screen the proceed answers, and offers that screen for a new review", () => {
    const concern = phq9("s0", SAM, "2026-03-05", "09:00", 2);
    const retake = phq9("s1", SAM, "2026-03-08");
    expect(p12(readyForSam([retake, concern], [review("s0", "PROCEED", "2026-03-06")]))).toEqual([
      { rule: "P12", what: "safetyScreen", partnerId: SAM.id, state: "met", label: "Sam's PHQ-9: Sun 8 Mar; the one of Thu 5 Mar had item 9 above 0, safety review Fri 6 Mar: proceed", screenId: "s0" },
    ]);
    // Without the proceed, the earlier screen is still due; after a postpone, still blocked.
    expect(p12(readyForSam([retake, concern]))[0]).toMatchObject({ state: "due", screenId: "s0", label: "Sam's PHQ-9 of Thu 5 Mar: item 9 is above 0, a clinician's safety review is due before check-in" });
    expect(p12(readyForSam([retake, concern], [review("s0", "POSTPONE", "2026-03-06")]))[0]).toMatchObject({
      state: "blocked",
      screenId: "s0",
      label: "Sam's PHQ-9 of Thu 5 Mar: the safety review decided to postpone dosing",
    });
  });

  it("due while item 9 is above 0 and no review answers it; blocked by postpone or refer", () => {
    const screen = phq9("s1", SAM, "2026-03-09", "09:00", 1);
    expect(p12(readyForSam([screen]))).toEqual([
      {
        rule: "P12",
        what: "safetyScreen",
        partnerId: SAM.id,
        state: "due",
        label: "Sam's PHQ-9 of Mon 9 Mar: item 9 is above 0, a clinician's safety review is due before check-in",
        screenId: "s1",
      },
    ]);
    expect(p12(readyForSam([screen], [review("s1", "POSTPONE", "2026-03-09")]))).toEqual([
      { rule: "P12", what: "safetyScreen", partnerId: SAM.id, state: "blocked", label: "Sam's PHQ-9 of Mon 9 Mar: the safety review decided to postpone dosing", screenId: "s1" },
    ]);
    expect(p12(readyForSam([screen], [review("s1", "REFER", "2026-03-09")]))[0]).toMatchObject({ state: "blocked", label: "Sam's PHQ-9 of Mon 9 Mar: the safety review decided to refer Sam on" });
  });

  it("both partners in Low Dose Together, after their other prerequisites", () => {
    const panel = cycleStatusPanel(lowDoseReady([phq9("s2", ALEX, "2026-03-09")]), now);
    expect(panel.prerequisites.map((p) => `${p.rule} ${p.what} ${p.partnerId ?? ""}`.trim()).slice(-2)).toEqual(["P12 safetyScreen p-sam", "P12 safetyScreen p-alex"]);
    expect(panel.prerequisites.filter((p) => p.rule === "P12").map((p) => p.state)).toEqual(["due", "met"]);
  });

  it("safetyScreenItems: any medicine session's dosing partners, as the dosing day shows them", () => {
    const cycle = readyForSam([phq9("s1", SAM, "2026-03-09"), phq9("s2", ALEX, "2026-03-16", "09:00", 1)]);
    const med2 = cycle.sessions.find((s) => s.id === "med-2")!;
    expect(safetyScreenItems(cycle, med2)).toEqual([
      {
        rule: "P12",
        what: "safetyScreen",
        partnerId: ALEX.id,
        state: "due",
        label: "Alex's PHQ-9 of Mon 16 Mar: item 9 is above 0, a clinician's safety review is due before check-in",
        screenId: "s2",
      },
    ]);
    expect(safetyScreenItems({ ...cycle, settings: { ...cycle.settings, safetyScreen: { enabled: false, days: 7 } } }, med2)).toEqual([]);
  });

  it("nothing for P12 with the setting off, or with no medicine session to come", () => {
    expect(p12(readyForSam([], [], { safetyScreen: { enabled: false, days: 7 } }))).toEqual([]);
    expect(p12(snapshot({ sessions: groundwork(), settings: { safetyScreen: ON } }))).toEqual([]);
  });
});
