// P6 Together: in each Low Dose Together medicine session both partners dose (so P3 holds for
// both: see dosingPartners) and both attend; no single journeyer is named.
import { standingMedicineSessions } from "../cycle";
import { describeSession, joinNames } from "../describe";
import type { Rule, Violation } from "../types";

export const p6Together: Rule = (after) => {
  if (after.cycle.model !== "LOW_DOSE_TOGETHER") return [];
  const violations: Violation[] = [];
  const add = (sessionIds: string[], message: string) => violations.push({ rule: "P6", sessionIds, message });

  for (const m of standingMedicineSessions(after)) {
    if (m.kind !== "MEDICINE_LOW_DOSE") {
      add([m.id], `P6: this is a Low Dose Together cycle, but ${describeSession(after, m)} is booked as Taking Turns.`);
      continue;
    }
    const absent = after.couple.partners.filter((p) => !m.partnerIds.includes(p.id));
    if (absent.length > 0) {
      add([m.id], `P6: both partners dose together in ${describeSession(after, m)}; add ${joinNames(absent.map((p) => p.name))}.`);
    }
    if (m.journeyerId !== null) {
      add([m.id], `P6: both partners dose in ${describeSession(after, m)}, so it can't name a single journeyer.`);
    }
  }
  return violations;
};
