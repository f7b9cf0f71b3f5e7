// The cycle's status panel on the couple's page (therapists): for the next medicine session,
// each prerequisite as met, pending or missing (P12's safety screen as met, due or blocked), and
// for every medicine session whether its integration lies inside the window. It reads the same prerequisite helpers as the rules, so
// the panel and the engine never disagree.
import { clinicDate } from "./calendar";
import {
  canonicalSnapshot,
  dosingPartners,
  isUpcoming,
  MODEL_OF_MEDICINE_KIND,
  standingMedicineSessions,
} from "./cycle";
import { capitalise, day, describeSession, describeSessionSlot } from "./describe";
import { clearanceLastDay, intakesOf, pendingEvaluationOf, preparationsOf, validClearanceOf } from "./prerequisites";
import { integrationDays, integrationsOf, isInsideWindow } from "./rules/p4-integration-window";
import { decidedWords, safetyScreenVerdict } from "./rules/p12-safety-screen";
import { safetyScreenSetting } from "./settings";
import type { CycleSnapshot, Partner, RuleId, SnapshotSession } from "./types";

/** "due" and "blocked" are P12's: a PHQ-9 or its review still to do, or a review that stopped dosing. */
export type PrerequisiteState = "met" | "pending" | "missing" | "due" | "blocked";

export type PanelPrerequisite = {
  rule: RuleId;
  what: "intake" | "preparations" | "clearance" | "rideHome" | "safetyScreen";
  partnerId: string | null;
  state: PrerequisiteState;
  label: string;
  /** P12: the PHQ-9 in the session's window a clinician's safety review answers, or the latest when none needs one. */
  screenId?: string;
};

export type PanelIntegration = {
  medicineSessionId: string;
  integrationSessionId: string | null;
  state: "inside" | "outside" | "missing" | "duplicate";
  insideWindow: boolean;
  label: string;
};

export type CycleStatusPanel = {
  /** The earliest medicine session still to come; null when none is booked. */
  nextMedicineSession: { id: string; startsAt: Date; endsAt: Date; label: string } | null;
  prerequisites: PanelPrerequisite[];
  integrations: PanelIntegration[];
  allIntegrationsInWindow: boolean;
};

function intakeItem(snapshot: CycleSnapshot, partner: Partner, limit: Date | null): PanelPrerequisite {
  const base = { rule: "P1" as const, what: "intake" as const, partnerId: partner.id };
  // Stryker disable next-line StringLiteral: prerequisites.ts's counts() reads every strength but "booked" as completed, so "" asks the same question
  const completed = intakesOf(snapshot, partner, limit, "completed")[0];
  if (completed) return { ...base, state: "met", label: `${partner.name}'s intake: completed ${day(snapshot, completed.startsAt)}` };
  const booked = intakesOf(snapshot, partner, limit, "booked")[0];
  if (booked) return { ...base, state: "pending", label: `${partner.name}'s intake: booked ${day(snapshot, booked.startsAt)}` };
  return { ...base, state: "missing", label: `${partner.name}'s intake: not booked` };
}

function preparationsItem(snapshot: CycleSnapshot, limit: Date | null): PanelPrerequisite {
  const base = { rule: "P2" as const, what: "preparations" as const, partnerId: null };
  const required = snapshot.settings.minPreparations[snapshot.cycle.model];
  if (required <= 0) return { ...base, state: "met", label: "Joint preparations: none required" };
  // Stryker disable next-line StringLiteral: prerequisites.ts's counts() reads every strength but "booked" as completed, so "" asks the same question
  const completed = preparationsOf(snapshot, limit, "completed").length;
  const booked = preparationsOf(snapshot, limit, "booked").length - completed;
  const label = `Joint preparations: ${Math.min(completed, required)} of ${required} completed${booked > 0 ? `, ${booked} booked` : ""}`;
  const state = completed >= required ? "met" : completed + booked >= required ? "pending" : "missing";
  return { ...base, state, label };
}

function clearanceItem(snapshot: CycleSnapshot, partner: Partner, limit: Date | null, onDay: string, model = snapshot.cycle.model): PanelPrerequisite {
  const base = { rule: "P3" as const, what: "clearance" as const, partnerId: partner.id };
  const valid = validClearanceOf(snapshot, partner.id, onDay, model);
  if (valid) {
    return { ...base, state: "met", label: `${partner.name}'s clearance: valid until ${day(snapshot, clearanceLastDay(valid, snapshot))}` };
  }
  const evaluation = pendingEvaluationOf(snapshot, partner.id, limit, onDay);
  if (evaluation) {
    return { ...base, state: "pending", label: `${partner.name}'s clearance: medical evaluation ${day(snapshot, evaluation.startsAt)}` };
  }
  return { ...base, state: "missing", label: `${partner.name}'s clearance: none valid on ${day(snapshot, onDay)}` };
}

function rideHomeItem(snapshot: CycleSnapshot, partner: Partner, m: SnapshotSession, now: Date): PanelPrerequisite {
  const base = { rule: "P10" as const, what: "rideHome" as const, partnerId: partner.id };
  if (snapshot.rideHomes.some((r) => r.sessionId === m.id && r.clientId === partner.id)) {
    return { ...base, state: "met", label: `${partner.name}'s ride home: recorded` };
  }
  const zone = snapshot.settings.timeZone;
  // Recorded at check-in at the latest: still pending before the day, missing on it.
  return clinicDate(now, zone) < clinicDate(m.startsAt, zone)
    ? { ...base, state: "pending", label: `${partner.name}'s ride home: to record by check-in` }
    : { ...base, state: "missing", label: `${partner.name}'s ride home: not recorded` };
}

/**
 * P12 for one dosing partner. Clinicians only read the panel, so it may say why a review is
 * needed. The item's screen is the one a clinician's review answers (or would answer): the screen
 * still to review or whose review stopped dosing; once met, the latest screen with item 9 above 0
 * (a new decision about it still counts), or the latest screen when every item 9 is 0.
 */
function safetyScreenItem(snapshot: CycleSnapshot, partner: Partner, m: SnapshotSession): PanelPrerequisite {
  const base = { rule: "P12" as const, what: "safetyScreen" as const, partnerId: partner.id };
  const verdict = safetyScreenVerdict(snapshot, partner, m);
  if (verdict.state === "noScreen") {
    return { ...base, state: "due", label: `${partner.name}'s PHQ-9: due, from ${day(snapshot, verdict.from)} until the session starts` };
  }
  const taken = day(snapshot, verdict.screen.takenAt);
  switch (verdict.state) {
    case "met": {
      if (!verdict.concern) return { ...base, screenId: verdict.screen.id, state: "met", label: `${partner.name}'s PHQ-9: ${taken}` };
      const proceed = `safety review ${day(snapshot, verdict.review.reviewedAt)}: proceed`;
      // A later PHQ-9 does not lift the concern: the label names the screen the review answers.
      const label =
        verdict.concern === verdict.screen
          ? `${partner.name}'s PHQ-9: ${taken}, ${proceed}`
          : `${partner.name}'s PHQ-9: ${taken}; the one of ${day(snapshot, verdict.concern.takenAt)} had item 9 above 0, ${proceed}`;
      return { ...base, screenId: verdict.concern.id, state: "met", label };
    }
    case "reviewDue":
      return { ...base, screenId: verdict.screen.id, state: "due", label: `${partner.name}'s PHQ-9 of ${taken}: item 9 is above 0, a clinician's safety review is due before check-in` };
    case "blocked":
      return { ...base, screenId: verdict.screen.id, state: "blocked", label: `${partner.name}'s PHQ-9 of ${taken}: the safety review ${decidedWords(verdict.review.decision, partner.name)}` };
  }
}

/**
 * P12 for each dosing partner of a medicine session, as the panel and the dosing day show it;
 * nothing when the clinic has switched P12 off.
 */
export function safetyScreenItems(snapshot: CycleSnapshot, m: SnapshotSession): PanelPrerequisite[] {
  if (!safetyScreenSetting(snapshot.settings).enabled) return [];
  return dosingPartners(snapshot, m).map((p) => safetyScreenItem(snapshot, p, m));
}

function integrationItem(snapshot: CycleSnapshot, m: SnapshotSession): PanelIntegration {
  const linked = integrationsOf(snapshot, m);
  const what = capitalise(describeSession(snapshot, m));
  const days = integrationDays(snapshot, m);
  const due = days === null ? "its window holds no day the clinic is open" : `due ${days}`;
  if (linked.length === 0) {
    return { medicineSessionId: m.id, integrationSessionId: null, state: "missing", insideWindow: false, label: `${what}: no integration booked (${due})` };
  }
  const [first] = linked;
  if (linked.length > 1) {
    return { medicineSessionId: m.id, integrationSessionId: first.id, state: "duplicate", insideWindow: false, label: `${what}: ${linked.length} integrations, keep one` };
  }
  const inside = isInsideWindow(snapshot, m, first);
  return {
    medicineSessionId: m.id,
    integrationSessionId: first.id,
    state: inside ? "inside" : "outside",
    insideWindow: inside,
    label: inside
      ? `${what}: integration ${day(snapshot, first.startsAt)}, inside the window`
      : `${what}: integration ${day(snapshot, first.startsAt)} is outside the window (${due})`,
  };
}

export function cycleStatusPanel(snapshot: CycleSnapshot, now: Date): CycleStatusPanel {
  const cycle = canonicalSnapshot(snapshot);
  const zone = cycle.settings.timeZone;
  const medicine = standingMedicineSessions(cycle);
  const next = medicine.find((m) => isUpcoming(m) && m.endsAt.getTime() > now.getTime()) ?? null;
  const limit = next ? next.startsAt : null;

  const prerequisites: PanelPrerequisite[] = [
    ...cycle.couple.partners.map((p) => intakeItem(cycle, p, limit)),
    preparationsItem(cycle, limit),
  ];
  if (next) {
    const onDay = clinicDate(next.startsAt, zone);
    const model = MODEL_OF_MEDICINE_KIND[next.kind] ?? cycle.cycle.model;
    for (const p of dosingPartners(cycle, next)) prerequisites.push(clearanceItem(cycle, p, limit, onDay, model));
    for (const p of dosingPartners(cycle, next)) prerequisites.push(rideHomeItem(cycle, p, next, now));
    prerequisites.push(...safetyScreenItems(cycle, next));
  } else {
    // No medicine session yet: either partner may dose later, so show both as of today.
    for (const p of cycle.couple.partners) prerequisites.push(clearanceItem(cycle, p, null, clinicDate(now, zone)));
  }

  const integrations = medicine.map((m) => integrationItem(cycle, m));
  return {
    nextMedicineSession: next
      ? { id: next.id, startsAt: next.startsAt, endsAt: next.endsAt, label: capitalise(describeSessionSlot(cycle, next)) }
      : null,
    prerequisites,
    integrations,
    allIntegrationsInWindow: integrations.every((i) => i.insideWindow),
  };
}
