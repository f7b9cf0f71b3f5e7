// P1 Intake first: before a couple's first medicine session of a cycle, each partner has an
// individual intake with their own KAP therapist. At booking an intake scheduled earlier (or
// completed) is enough; a medicine session past its check-in needs the intakes completed (P10).
import { describeSession } from "../describe";
import { intakesOf, prerequisiteTargets } from "../prerequisites";
import type { Rule, Violation } from "../types";

export const p1IntakeFirst: Rule = (after) => {
  const violations: Violation[] = [];
  for (const [m, strength] of prerequisiteTargets(after)) {
    for (const partner of after.couple.partners) {
      if (intakesOf(after, partner, m.startsAt, strength).length > 0) continue;
      violations.push({
        rule: "P1",
        sessionIds: [m.id],
        message:
          strength === "booked"
            ? `P1: ${partner.name} needs an individual intake with their KAP therapist before ${describeSession(after, m)}.`
            : `P1: ${partner.name} has no completed intake with their KAP therapist before ${describeSession(after, m)}, so it can't be checked in.`,
      });
    }
  }
  return violations;
};
