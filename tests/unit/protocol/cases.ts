// A table-driven case: a cycle, a change, and either "allowed" or the rule it must break with
// the facts its message must state. By default the result must name no other rule, so a case
// also catches a rule firing where it should not.
import { expect, it } from "vitest";
import { evaluateChange, type EvaluateOptions } from "@/lib/protocol/engine";
import type { CycleSnapshot, ProposedChange, RuleId } from "@/lib/protocol/types";

export type Case = {
  name: string;
  cycle: CycleSnapshot;
  change: ProposedChange;
  options?: EvaluateOptions;
} & (
  | { allowed: true; notices?: RuleId[] }
  | { refused: RuleId; says: (string | RegExp)[]; sessions?: string[]; alsoRules?: RuleId[] }
);

export function runCases(cases: Case[]) {
  it.each(cases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const result = evaluateChange(c.cycle, c.change, c.options);
    if ("allowed" in c) {
      expect(result.violations).toEqual([]);
      expect(result.notices.map((n) => n.rule)).toEqual(c.notices ?? []);
      return;
    }
    const rules = [...new Set(result.violations.map((v) => v.rule))].sort();
    expect(rules).toEqual([...new Set([c.refused, ...(c.alsoRules ?? [])])].sort());
    const mine = result.violations.filter((v) => v.rule === c.refused);
    for (const v of result.violations) expect(v.message.startsWith(`${v.rule}: `)).toBe(true);
    const matching = mine.filter((v) =>
      c.says.every((fact) => (typeof fact === "string" ? v.message.includes(fact) : fact.test(v.message))),
    );
    expect(matching, `no ${c.refused} message states ${c.says.join(" / ")}; got ${JSON.stringify(mine)}`).not.toEqual([]);
    if (c.sessions) expect(matching.some((v) => c.sessions!.every((id) => v.sessionIds.includes(id)))).toBe(true);
  });
}
