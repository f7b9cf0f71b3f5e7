// P10 Order of a session's life: scheduled → checked in → completed, or cancelled / no-show from
// scheduled; nothing leaves completed, cancelled or no-show, and only a scheduled session moves.
// Sessions still to come lie inside opening hours (settings: hours per weekday) and outside the
// clinic's closures and their room's. A medicine session past check-in
// has a ride home recorded for each dosing partner: no driving until the next day. (The rest of
// the check-in gate, completed prerequisites and a valid clearance, is reported under P1, P2 and
// P3, the rules they belong to.) With `now`, nothing is booked into the past, a session is
// checked in on its own day, and none is completed or marked a no-show before it starts.
import { changedSessionIds, movesOf } from "../apply-change";
import { clinicDate } from "../calendar";
import { closureOver, describeClosure, formatOpeningHours, withinOpeningHours } from "../opening-hours";
import { dosingPartners, isMedicine, isStarted, isUpcoming, sessionById, STATUS_WORDS } from "../cycle";
import { capitalise, describeSession, describeSessionSlot } from "../describe";
import type { CycleSnapshot, ProposedChange, Rule, RuleContext, SessionStatus, SnapshotSession, Violation } from "../types";

type Transition = { from: SessionStatus; verb: string };

const TRANSITIONS: Partial<Record<ProposedChange["type"], Transition>> = {
  move: { from: "SCHEDULED", verb: "moved" },
  moveMany: { from: "SCHEDULED", verb: "moved" },
  cancel: { from: "SCHEDULED", verb: "cancelled" },
  checkIn: { from: "SCHEDULED", verb: "checked in" },
  complete: { from: "CHECKED_IN", verb: "completed" },
  noShow: { from: "SCHEDULED", verb: "marked as a no-show" },
};

function stateViolations(after: CycleSnapshot): Violation[] {
  const violations: Violation[] = [];
  const add = (ids: string[], message: string) => violations.push({ rule: "P10", sessionIds: ids, message });
  for (const s of after.sessions.filter(isUpcoming)) {
    if (s.endsAt.getTime() <= s.startsAt.getTime()) {
      add([s.id], `P10: ${capitalise(describeSession(after, s))} must end after it starts.`);
    } else if (!withinOpeningHours(s.startsAt, s.endsAt, after.settings)) {
      add([s.id], `P10: ${capitalise(describeSessionSlot(after, s))} is outside opening hours (${formatOpeningHours(after.settings)}).`);
    } else {
      // A holiday of the whole clinic, or the session's room out of service (telehealth meets only the clinic's).
      const closure = closureOver(after.settings, s.startsAt, s.endsAt, s.roomId);
      if (closure) add([s.id], `P10: ${capitalise(describeSessionSlot(after, s))} falls in a closure: ${describeClosure(closure, after.settings.timeZone)}.`);
    }
  }
  for (const m of after.sessions.filter((s) => isMedicine(s) && isStarted(s))) {
    for (const partner of dosingPartners(after, m)) {
      if (after.rideHomes.some((r) => r.sessionId === m.id && r.clientId === partner.id)) continue;
      add([m.id], `P10: record a ride home for ${partner.name} before checking in ${describeSession(after, m)}; no driving until the next day.`);
    }
  }
  return violations;
}

function changeViolations(after: CycleSnapshot, change: ProposedChange, ctx: RuleContext): Violation[] {
  const { before, now } = ctx;
  const violations: Violation[] = [];
  const add = (ids: string[], message: string) => violations.push({ rule: "P10", sessionIds: ids, message });

  if (change.type === "book") {
    const ids = changedSessionIds(change);
    for (const s of change.sessions) {
      // Stryker disable next-line StringLiteral: describeSession and describeSessionSlot read a session's kind, people and times, never its status; the status only makes the new session a SnapshotSession
      const asBooked: SnapshotSession = { ...s, status: "SCHEDULED" };
      const what = describeSession(after, asBooked);
      if (sessionById(before, s.id) || ids.filter((id) => id === s.id).length > 1) {
        add([s.id], `P10: ${capitalise(what)} is booked twice (session ${s.id} already exists).`);
      }
      if (s.status !== undefined && s.status !== "SCHEDULED") {
        add([s.id], `P10: ${capitalise(what)} must be booked as scheduled, not ${STATUS_WORDS[s.status]}.`);
      }
      if (now && s.startsAt.getTime() < now.getTime()) {
        add([s.id], `P10: ${capitalise(describeSessionSlot(after, asBooked))} is in the past.`);
      }
    }
    return violations;
  }

  const transition = TRANSITIONS[change.type]!;
  const ids = changedSessionIds(change);
  for (const [index, id] of ids.entries()) {
    const s = sessionById(before, id);
    if (!s) {
      add([id], `P10: there is no session ${id} in this couple's schedule.`);
      continue;
    }
    const what = capitalise(describeSession(before, s));
    if (ids.indexOf(id) !== index) add([id], `P10: ${what} is moved twice in one change.`);
    if (s.status !== transition.from) {
      add([id], `P10: ${what} is ${STATUS_WORDS[s.status]}; only a ${STATUS_WORDS[transition.from]} session can be ${transition.verb}.`);
    }
  }
  if (!now) return violations;
  for (const move of movesOf(change)) {
    const moved = sessionById(after, move.sessionId);
    if (moved && move.startsAt.getTime() < now.getTime()) {
      add([move.sessionId], `P10: ${capitalise(describeSessionSlot(after, moved))} is in the past.`);
    }
  }
  if (change.type === "checkIn" || change.type === "complete" || change.type === "noShow") {
    const s = sessionById(before, change.sessionId);
    if (!s) return violations;
    const zone = before.settings.timeZone;
    if (change.type === "checkIn" && clinicDate(now, zone) !== clinicDate(s.startsAt, zone)) {
      add([s.id], `P10: ${capitalise(describeSession(before, s))} can be checked in only on its day.`);
    }
    if (change.type !== "checkIn" && now.getTime() < s.startsAt.getTime()) {
      add([s.id], `P10: ${capitalise(describeSession(before, s))} has not started yet, so it can't be ${transition.verb}.`);
    }
  }
  return violations;
}

export const p10SessionLife: Rule = (after, change, ctx) => [
  ...stateViolations(after),
  ...(change ? changeViolations(after, change, ctx) : []),
];
