import { describe, expect, test } from "vitest";
import { statementNames } from "@/lib/db/statement-names";

describe("prepared statements' names (lib/db/statement-names.ts)", () => {
  test("one name per SQL text, the same every time it comes back", () => {
    const name = statementNames();
    const a = name({ sql: "SELECT 1" });
    const b = name({ sql: "SELECT 2" });
    expect(a).toMatch(/^kap_/);
    expect(b).not.toBe(a);
    expect(name({ sql: "SELECT 1" })).toBe(a);
    expect(name({ sql: "SELECT 2" })).toBe(b);
  });

  test("past the cap, new texts go unnamed (planned each time) while known ones keep their names", () => {
    const name = statementNames(2);
    const [a, b] = [name({ sql: "a" }), name({ sql: "b" })];
    expect(name({ sql: "c" })).toBeUndefined();
    expect([name({ sql: "a" }), name({ sql: "b" })]).toEqual([a, b]);
    expect(new Set([a, b]).size).toBe(2);
  });

  test("each process's generator starts afresh: names are only ever compared within one connection's process", () => {
    expect(statementNames()({ sql: "x" })).toBe(statementNames()({ sql: "y" }));
  });
});
