import { describe, expect, test } from "vitest";
import { workerCount } from "@/lib/http/workers";
import { parseEnv } from "@/lib/env";

describe("how many processes serve the app (issue 16)", () => {
  test("PostgreSQL: one per core unless WEB_CONCURRENCY says otherwise", () => {
    expect(workerCount("postgres", undefined, 2)).toBe(2);
    expect(workerCount("postgres", undefined, 8)).toBe(8);
    expect(workerCount("postgres", 3, 2)).toBe(3);
    expect(workerCount("postgres", 1, 8)).toBe(1);
    expect(workerCount("postgres", undefined, 0)).toBe(1);
  });

  test("the embedded database is served by one process whatever is asked (it has one owner)", () => {
    expect(workerCount("pglite", undefined, 8)).toBe(1);
    expect(workerCount("pglite", 4, 8)).toBe(1);
  });

  test("WEB_CONCURRENCY is a whole number from 1 to 64, or unset", () => {
    expect(parseEnv({ WEB_CONCURRENCY: "4" }).WEB_CONCURRENCY).toBe(4);
    expect(parseEnv({ WEB_CONCURRENCY: "" }).WEB_CONCURRENCY).toBeUndefined();
    expect(parseEnv({}).WEB_CONCURRENCY).toBeUndefined();
    for (const bad of ["0", "65", "2.5", "many"]) expect(() => parseEnv({ WEB_CONCURRENCY: bad })).toThrow(/WEB_CONCURRENCY/);
  });
});
