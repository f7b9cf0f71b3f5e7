// P12 Safety screen before dosing: each partner who doses in a medicine session (the journeyer in
// Taking Turns, both partners in Low Dose Together) completes a PHQ-9 no more than `days`
// (setting, 7) days before it. If item 9 of a PHQ-9 taken in that time is above 0, a clinician
// records a safety review of it (proceed, postpone or refer) after that screen and before check-in.
//
// Which screens count: every PHQ-9 of the partner taken inside the window. The window opens on
// the clinic calendar date `days` days before the session's date, counted in calendar dates as
// P3 and P4 count theirs (calendar.ts, never spans of 24 hours): for a session on Tue 10 Mar
// with 7 days, a PHQ-9 taken any time on Tue 3 Mar (clinic time) counts, and one of Mon 2 Mar
// 23:59 does not. The window closes when the session starts: a PHQ-9 taken at the
// start counts, one taken after it (say, at a late check-in) does not.
//
// A concern raised inside the window is lifted only by a clinician: every screen in it whose
// item 9 is above 0 needs its own review that decided PROCEED. A later PHQ-9 with item 9 at 0
// (a retake from a one-time link, say) answers nothing; it never replaces an earlier screen nor
// what was decided about it. Which review answers a screen: the latest review of that screen
// made at or after the moment it was taken (a review cannot answer a screen that did not exist
// yet); of reviews made at the same instant, the most cautious decision counts. Only PROCEED
// lets the check-in go ahead; POSTPONE and REFER block it.
//
// What the verdict names, taking the screens in the window in order (earlier first; at the same
// instant, the lower id first): if any screen's review blocks, the first such screen ("blocked":
// a decision to stop dosing outweighs a review still to do); otherwise, if any screen with item
// 9 above 0 has no review, the first such screen ("reviewDue"; the others are named one by one
// as each is reviewed); otherwise P12 is met, with the latest screen in the window and, if any
// screen had item 9 above 0, the latest such screen and its PROCEED review.
//
// When it binds: never at booking or moving (the status panel shows the screen as due). The rule
// speaks only of medicine sessions that are checked in, as P3 does of a checked-in session's
// clearance: checking one in without P12 makes a violation that was not there before, so the
// engine refuses the check-in, and checkCycle flags a checked-in session whose screen no longer
// holds (a later POSTPONE, say). Completed sessions are history. With the setting off, nothing.
//
// Messages go to the front desk too (they check in), so they say what is missing and what was
// decided, never the answers to the PHQ-9.
import { addClinicDays, clinicDate, type ClinicDay } from "../calendar";
import { dosingPartners, standingMedicineSessions } from "../cycle";
import { day, describeSession } from "../describe";
import { safetyScreenSetting } from "../settings";
import type { CycleSnapshot, Partner, Rule, SafetyDecision, SnapshotSafetyReview, SnapshotScreen, SnapshotSession, Violation } from "../types";

/** What P12 finds for one dosing partner of one medicine session. */
export type SafetyScreenVerdict =
  /** No PHQ-9 in the window: one is due between `from` (a clinic date) and the session's start. */
  | { state: "noScreen"; from: ClinicDay }
  /**
   * Every screen in the window with item 9 above 0 has a review that decided to proceed. `screen`
   * is the latest screen in the window; `concern` the latest with item 9 above 0 and `review` its
   * review, or both null when every item 9 is 0.
   */
  | { state: "met"; screen: SnapshotScreen; concern: null; review: null }
  | { state: "met"; screen: SnapshotScreen; concern: SnapshotScreen; review: SnapshotSafetyReview & { decision: "PROCEED" } }
  /** The first screen in the window with item 9 above 0 that no review answers yet. */
  | { state: "reviewDue"; screen: SnapshotScreen }
  /** The first screen in the window whose review decided to postpone or to refer. */
  | { state: "blocked"; screen: SnapshotScreen; review: SnapshotSafetyReview & { decision: Exclude<SafetyDecision, "PROCEED"> } };

/** Higher is more cautious: of reviews made at the same instant, the most cautious counts. */
const CAUTION: Record<SafetyDecision, number> = { PROCEED: 0, POSTPONE: 1, REFER: 2 };

/** The clinic date the window opens on: `days` calendar days before the session's date. */
export function screenWindowOpens(snapshot: CycleSnapshot, m: SnapshotSession): ClinicDay {
  const zone = snapshot.settings.timeZone;
  return addClinicDays(clinicDate(m.startsAt, zone), -safetyScreenSetting(snapshot.settings).days, zone);
}

/** P12's order of screens: earlier first; at the same instant, the lower id first. */
function byTakenAt(a: SnapshotScreen, b: SnapshotScreen): number {
  // Stryker disable next-line EqualityOperator: screens are rows of MeasureResponse, whose ids are unique, so <= agrees with <; its twin (>=) is killed by the same-instant screensFor test
  return a.takenAt.getTime() - b.takenAt.getTime() || (a.id < b.id ? -1 : 1);
}

/** The partner's PHQ-9s in the window (see the header), in P12's order. */
export function screensFor(snapshot: CycleSnapshot, partnerId: string, m: SnapshotSession): SnapshotScreen[] {
  const opens = screenWindowOpens(snapshot, m);
  const zone = snapshot.settings.timeZone;
  // Stryker disable next-line ArrayDeclaration: a string has no clientId, so an extra element in the stand-in for a missing list is skipped like another partner's screen
  return (snapshot.screens ?? [])
    .filter((s) => s.clientId === partnerId && clinicDate(s.takenAt, zone) >= opens && s.takenAt.getTime() <= m.startsAt.getTime())
    .sort(byTakenAt);
}

/** The review that answers the screen (see the header), if any. */
export function reviewOf(snapshot: CycleSnapshot, screen: SnapshotScreen): SnapshotSafetyReview | undefined {
  let latest: SnapshotSafetyReview | undefined;
  // Stryker disable next-line ArrayDeclaration: a string has no screenId, so an extra element in the stand-in for a missing list is skipped like a review of another screen
  for (const r of snapshot.safetyReviews ?? []) {
    if (r.screenId !== screen.id || r.reviewedAt.getTime() < screen.takenAt.getTime()) continue;
    const later = !latest || r.reviewedAt.getTime() > latest.reviewedAt.getTime();
    // Stryker disable next-line EqualityOperator: with >=, a review made at the same instant with the same decision replaces its twin, which reads the same (screen, decision, instant)
    const asLateAndMoreCautious = latest && r.reviewedAt.getTime() === latest.reviewedAt.getTime() && CAUTION[r.decision] > CAUTION[latest.decision];
    if (later || asLateAndMoreCautious) latest = r;
  }
  return latest;
}

/** P12 for one dosing partner of one medicine session, whatever the session's status (see the header). */
export function safetyScreenVerdict(snapshot: CycleSnapshot, partner: Partner, m: SnapshotSession): SafetyScreenVerdict {
  const screens = screensFor(snapshot, partner.id, m);
  if (screens.length === 0) return { state: "noScreen", from: screenWindowOpens(snapshot, m) };
  let due: SnapshotScreen | undefined;
  let answered: { concern: SnapshotScreen; review: SnapshotSafetyReview & { decision: "PROCEED" } } | { concern: null; review: null } = { concern: null, review: null };
  for (const screen of screens) {
    if (screen.item9 <= 0) continue;
    const review = reviewOf(snapshot, screen);
    if (!review) due ??= screen;
    else if (review.decision === "PROCEED") answered = { concern: screen, review: { ...review, decision: review.decision } };
    else return { state: "blocked", screen, review: { ...review, decision: review.decision } };
  }
  if (due) return { state: "reviewDue", screen: due };
  return { state: "met", screen: screens[screens.length - 1], ...answered };
}

/** What a review that stops dosing decided, in words: "decided to postpone dosing". */
export function decidedWords(decision: Exclude<SafetyDecision, "PROCEED">, partnerName: string): string {
  return decision === "POSTPONE" ? "decided to postpone dosing" : `decided to refer ${partnerName} on`;
}

function message(snapshot: CycleSnapshot, partner: Partner, m: SnapshotSession, verdict: Exclude<SafetyScreenVerdict, { state: "met" }>): string {
  const what = describeSession(snapshot, m);
  switch (verdict.state) {
    case "noScreen": {
      const days = safetyScreenSetting(snapshot.settings).days;
      return `P12: ${partner.name} has no PHQ-9 in the ${days === 1 ? "day" : `${days} days`} before ${what} (from ${day(snapshot, verdict.from)} until it starts), so it can't be checked in.`;
    }
    case "reviewDue":
      return `P12: ${partner.name}'s PHQ-9 of ${day(snapshot, verdict.screen.takenAt)} needs a clinician's safety review before ${what} can be checked in.`;
    case "blocked":
      return `P12: the safety review of ${partner.name}'s PHQ-9 of ${day(snapshot, verdict.screen.takenAt)} ${decidedWords(verdict.review.decision, partner.name)}, so ${what} can't be checked in.`;
  }
}

export const p12SafetyScreen: Rule = (after) => {
  if (!safetyScreenSetting(after.settings).enabled) return [];
  const violations: Violation[] = [];
  for (const m of standingMedicineSessions(after).filter((s) => s.status === "CHECKED_IN")) {
    for (const partner of dosingPartners(after, m)) {
      const verdict = safetyScreenVerdict(after, partner, m);
      if (verdict.state === "met") continue;
      violations.push({ rule: "P12", sessionIds: [m.id], message: message(after, partner, m, verdict) });
    }
  }
  return violations;
};
