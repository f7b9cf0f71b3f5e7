// P12 Safety screen before dosing: each partner who doses in a medicine session (the journeyer in
// Taking Turns, both partners in Low Dose Together) completes a PHQ-9 no more than `days`
// (setting, 7) days before it. If its item 9 is above 0, a clinician records a safety review
// (proceed, postpone or refer) after that screen and before check-in.
//
// Which screen counts: the partner's latest PHQ-9 taken inside the window. The window opens on
// the clinic calendar date `days` days before the session's date, counted in calendar dates as
// P3 and P4 count theirs (calendar.ts, never spans of 24 hours): for a session on Tue 10 Mar
// with 7 days, a PHQ-9 taken any time on Tue 3 Mar (clinic time) counts, and one of Mon 2 Mar
// 23:59 does not. The window closes when the session starts: a PHQ-9 taken at the
// start counts, one taken after it (say, at a late check-in) does not. Two screens taken at the
// same instant: the one with the higher item 9 counts (the safe side), then the lower id.
//
// Which review counts: the latest review of that screen made at or after the moment it was taken
// (a review cannot answer a screen that did not exist yet). Reviews made at the same instant: the
// most cautious decision counts. Only PROCEED lets the check-in go ahead; POSTPONE and REFER
// block it. A later PHQ-9 in the window replaces the screen, and with it what was decided.
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
  /** The screen's item 9 is 0, or its review decided to proceed. */
  | { state: "met"; screen: SnapshotScreen; review: SnapshotSafetyReview | null }
  /** Item 9 is above 0 and no review answers the screen yet. */
  | { state: "reviewDue"; screen: SnapshotScreen }
  /** The review decided to postpone or to refer. */
  | { state: "blocked"; screen: SnapshotScreen; review: SnapshotSafetyReview & { decision: Exclude<SafetyDecision, "PROCEED"> } };

/** Higher is more cautious: of reviews made at the same instant, the most cautious counts. */
const CAUTION: Record<SafetyDecision, number> = { PROCEED: 0, POSTPONE: 1, REFER: 2 };

/** The clinic date the window opens on: `days` calendar days before the session's date. */
export function screenWindowOpens(snapshot: CycleSnapshot, m: SnapshotSession): ClinicDay {
  const zone = snapshot.settings.timeZone;
  return addClinicDays(clinicDate(m.startsAt, zone), -safetyScreenSetting(snapshot.settings).days, zone);
}

/** A before b in P12's order of screens: earlier first; at the same instant, lower item 9, then higher id. */
function screenBefore(a: SnapshotScreen, b: SnapshotScreen): boolean {
  // Stryker disable next-line EqualityOperator: reached only when the instants differ, so <= agrees with <; its twin (>=) is killed by the latest-screen tests
  if (a.takenAt.getTime() !== b.takenAt.getTime()) return a.takenAt.getTime() < b.takenAt.getTime();
  // Stryker disable next-line EqualityOperator: reached only when the items differ, so <= agrees with <; its twin (>=) is killed by the same-minute tests
  if (a.item9 !== b.item9) return a.item9 < b.item9;
  // Stryker disable next-line EqualityOperator: screens are rows of MeasureResponse, whose ids are unique, so >= agrees with >; its twin (<=) is killed by the same-minute, same-item test
  return a.id > b.id;
}

/** The screen that counts for the partner and session (see the header), if any. */
export function screenFor(snapshot: CycleSnapshot, partnerId: string, m: SnapshotSession): SnapshotScreen | undefined {
  const opens = screenWindowOpens(snapshot, m);
  let latest: SnapshotScreen | undefined;
  // Stryker disable next-line ArrayDeclaration: a string has no clientId, so an extra element in the stand-in for a missing list is skipped like another partner's screen
  for (const s of snapshot.screens ?? []) {
    if (s.clientId !== partnerId || clinicDate(s.takenAt, snapshot.settings.timeZone) < opens || s.takenAt.getTime() > m.startsAt.getTime()) continue;
    if (!latest || screenBefore(latest, s)) latest = s;
  }
  return latest;
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

/** P12 for one dosing partner of one medicine session, whatever the session's status. */
export function safetyScreenVerdict(snapshot: CycleSnapshot, partner: Partner, m: SnapshotSession): SafetyScreenVerdict {
  const screen = screenFor(snapshot, partner.id, m);
  if (!screen) return { state: "noScreen", from: screenWindowOpens(snapshot, m) };
  if (screen.item9 <= 0) return { state: "met", screen, review: null };
  const review = reviewOf(snapshot, screen);
  if (!review) return { state: "reviewDue", screen };
  if (review.decision === "PROCEED") return { state: "met", screen, review };
  return { state: "blocked", screen, review: { ...review, decision: review.decision } };
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
