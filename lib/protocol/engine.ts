// The protocol engine: judges a proposed change against the rule book (PROTOCOL.md, P1–P12).
// It applies the change and its consequences to a copy, runs every rule on the result and
// returns what the change would break. Empty violations means allowed.
//
// A change is judged by what it does, not by the cycle's history: it is refused when it
// breaks something that held before, leaves a session it books or moves in breach of any rule,
// or is not allowed as such (a session's life order, who may do it). So a revoked clearance
// flags its medicine sessions (see checkCycle) without blocking an unrelated booking. Recording
// what happened (complete, no-show) is refused only for the change itself: the facts stand, and
// anything they leave unmet shows in checkCycle and on the status panel.
import { applyChange, changedSessionIds } from "./apply-change";
import { canonicalSnapshot } from "./cycle";
import { cycleSizeNotices } from "./rules/p7-cycle-size";
import { RULES } from "./rules";
import type { Actor, CycleSnapshot, EngineRuleId, Notice, ProposedChange, RuleContext, RuleId, Violation } from "./types";

export type EvaluateOptions = { actor?: Actor; now?: Date };
export type Evaluation = { violations: Violation[]; notices: Notice[] };

const RULE_ORDER = Object.keys(RULES) as EngineRuleId[];
/** Rule-book order of any rule id: the engine's rules first, in RULES' order. */
const RULE_RANK: readonly RuleId[] = RULE_ORDER;

function keyOf(v: Violation): string {
  return `${v.rule}|${v.sessionIds.join(",")}|${v.message}`;
}

/** Rule-book order, then the sessions concerned, then the message; duplicates dropped. */
export function sortViolations(violations: Violation[]): Violation[] {
  const unique = new Map<string, Violation>();
  for (const v of violations) {
    const normal = { ...v, sessionIds: [...new Set(v.sessionIds)].sort() };
    unique.set(keyOf(normal), normal);
  }
  return [...unique.values()].sort(
    (a, b) =>
      RULE_RANK.indexOf(a.rule) - RULE_RANK.indexOf(b.rule) ||
      (a.sessionIds.join(",") < b.sessionIds.join(",") ? -1 : a.sessionIds.join(",") > b.sessionIds.join(",") ? 1 : 0) ||
      (a.message < b.message
        ? -1
        : // Stryker disable next-line ConditionalExpression,EqualityOperator: reached only when a.message >= b.message with rule and sessions equal, and such a tie was merged above, so a.message > b.message here; 1 or 0 sorts alike, as V8's sort only asks whether the result is negative
          a.message > b.message ? 1 : 0),
  );
}

function runRules(after: CycleSnapshot, change: ProposedChange | null, ctx: RuleContext): Violation[] {
  return sortViolations(RULE_ORDER.flatMap((id) => RULES[id](after, change, ctx)));
}

/** Every rule the cycle breaks as it stands: flags for the calendar, the panel, a revocation. */
export function checkCycle(snapshot: CycleSnapshot, options: EvaluateOptions = {}): Violation[] {
  const cycle = canonicalSnapshot(snapshot);
  return runRules(cycle, null, { before: cycle, ...options });
}

/**
 * Judges a proposed change to one couple's cycle. `actor` enables P11 (who may do it); `now`
 * enables P10's checks against the clock. Empty `violations` means allowed; `notices` (P7) never
 * block. Call inside the transaction that writes the change, with `consequencesOf` applied too.
 */
export function evaluateChange(
  snapshot: CycleSnapshot,
  change: ProposedChange,
  options: EvaluateOptions = {},
): Evaluation {
  const before = canonicalSnapshot(snapshot);
  const after = canonicalSnapshot(applyChange(before, change));
  const ctx: RuleContext = { before, actor: options.actor, now: options.now };

  const brokenBefore = new Set(runRules(before, null, ctx).map(keyOf));
  const brokenAfter = runRules(after, null, ctx);
  const brokenAfterKeys = new Set(brokenAfter.map(keyOf));
  // What only the change itself breaks: life order, permissions, the past.
  const ofChange = runRules(after, change, ctx).filter((v) => !brokenAfterKeys.has(keyOf(v)));

  const recordsFact = change.type === "complete" || change.type === "noShow";
  // Sessions the change books or moves must come out clean, whatever held before.
  // Stryker disable next-line ArrayDeclaration: a session named "Stryker was here" never exists, so an extra id in an otherwise empty set matches no violation
  const shaped = new Set(change.type === "book" || change.type === "move" || change.type === "moveMany" ? changedSessionIds(change) : []);
  const ofState = recordsFact
    ? []
    : brokenAfter.filter((v) => !brokenBefore.has(keyOf(v)) || v.sessionIds.some((id) => shaped.has(id)));

  const noticedBefore = new Set(cycleSizeNotices(before).map((n) => n.message));
  const notices = cycleSizeNotices(after)
    .filter((n) => !noticedBefore.has(n.message))
    .sort((a, b) =>
      a.message < b.message
        ? -1
        : // Stryker disable next-line ConditionalExpression,EqualityOperator: P7 gives at most one notice per part, each naming its part, so messages never tie and a.message > b.message here; 1 or 0 sorts alike, as V8's sort only asks whether the result is negative
          a.message > b.message ? 1 : 0,
    );

  return { violations: sortViolations([...ofChange, ...ofState]), notices };
}
