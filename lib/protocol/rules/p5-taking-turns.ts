// P5 Taking turns: each Taking Turns medicine session has exactly one journeyer, a partner, and
// the other partner attends as sitter. A full cycle has one medicine session per partner and no
// partner journeys twice in a row; a single experience has one medicine session. A full cycle
// that goes beyond two medicine sessions is a P7 notice, but the turns must still alternate.
// Only a Taking Turns medicine session names a journeyer.
import { isStanding, MEDICINE_KINDS, partnerById, standingMedicineSessions } from "../cycle";
import { day, describeSession, joinNames } from "../describe";
import type { Rule, Violation } from "../types";

export const p5TakingTurns: Rule = (after) => {
  const violations: Violation[] = [];
  const add = (sessionIds: string[], message: string) => violations.push({ rule: "P5", sessionIds, message });
  const [a, b] = after.couple.partners;

  for (const s of after.sessions.filter(isStanding)) {
    if (s.journeyerId !== null && !MEDICINE_KINDS.includes(s.kind)) {
      add([s.id], `P5: only a Taking Turns medicine session has a journeyer; ${describeSession(after, s)} can't have one.`);
    }
  }
  if (after.cycle.model !== "TAKING_TURNS") return violations;

  const medicine = standingMedicineSessions(after);
  for (const m of medicine) {
    if (m.kind !== "MEDICINE_TAKING_TURNS") {
      add([m.id], `P5: this is a Taking Turns cycle, but ${describeSession(after, m)} is booked as Low Dose Together.`);
      continue;
    }
    const journeyer = partnerById(after, m.journeyerId);
    if (!journeyer) {
      add(
        [m.id],
        m.journeyerId === null
          ? `P5: ${describeSession(after, m)} needs one journeyer, ${a.name} or ${b.name}.`
          : `P5: the journeyer of ${describeSession(after, m)} must be ${a.name} or ${b.name}.`,
      );
      continue;
    }
    const sitter = journeyer.id === a.id ? b : a;
    const absent = [journeyer, sitter].filter((p) => !m.partnerIds.includes(p.id));
    if (absent.length > 0) {
      add(
        [m.id],
        `P5: ${describeSession(after, m)} needs ${journeyer.name} as journeyer and ${sitter.name} as sitter; add ${joinNames(absent.map((p) => p.name))}.`,
      );
    }
  }

  const turns = medicine.filter((m) => m.kind === "MEDICINE_TAKING_TURNS" && partnerById(after, m.journeyerId));
  if (after.cycle.format === "SINGLE_EXPERIENCE") {
    if (turns.length > 1) {
      add(
        turns.map((m) => m.id),
        `P5: a single experience has one medicine session; this cycle would have ${turns.length} (${turns.map((m) => day(after, m.startsAt)).join(", ")}).`,
      );
    }
    return violations;
  }
  for (let i = 1; i < turns.length; i++) {
    const [previous, current] = [turns[i - 1], turns[i]];
    if (previous.journeyerId !== current.journeyerId) continue;
    const name = partnerById(after, current.journeyerId)!.name;
    const other = current.journeyerId === a.id ? b.name : a.name;
    add(
      [previous.id, current.id],
      `P5: ${name} can't journey twice in a row (${day(after, previous.startsAt)} and ${day(after, current.startsAt)}); it is ${other}'s turn.`,
    );
  }
  return violations;
};

