// P2 Preparation: joint preparation sessions (a number per model, from settings), each after
// both intakes, before the first medicine session. Booked-or-completed suffices at booking;
// a checked-in medicine session needs them completed (P10).
import { describeSession } from "../describe";
import { preparationsOf, prerequisiteTargets } from "../prerequisites";
import type { Rule, Violation } from "../types";

function preparations(n: number): string {
  return n === 1 ? "1 joint preparation" : `${n} joint preparations`;
}

export const p2Preparation: Rule = (after) => {
  const required = after.settings.minPreparations[after.cycle.model];
  // Stryker disable next-line ConditionalExpression,EqualityOperator: a shortcut only: with required <= 0 the loop below finds found >= required for every session (found is a count, never negative), so skipping it or not, at 0 or below, returns the same []
  if (required <= 0) return [];
  const violations: Violation[] = [];
  for (const [m, strength] of prerequisiteTargets(after)) {
    const found = preparationsOf(after, m.startsAt, strength).length;
    if (found >= required) continue;
    violations.push({
      rule: "P2",
      sessionIds: [m.id],
      message:
        strength === "booked"
          ? `P2: ${describeSession(after, m)} needs ${preparations(required)} with both partners after both intakes; ${found} ${found === 1 ? "is" : "are"} booked after both intakes and before it.`
          : `P2: only ${found} of the ${preparations(required)} before ${describeSession(after, m)} ${found === 1 ? "is" : "are"} completed, so it can't be checked in.`,
    });
  }
  return violations;
};
