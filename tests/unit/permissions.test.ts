import { describe, expect, test } from "vitest";
import { can } from "@/lib/auth/permissions";

describe("P11 who may do what", () => {
  test.each([
    ["PSYCHIATRIST", "clearance:record", true],
    ["THERAPIST", "clearance:record", false],
    ["FRONT_DESK", "clearance:record", false],
    ["ADMIN", "clearance:revoke", false],
    ["FRONT_DESK", "clinical:read", false],
    ["FRONT_DESK", "session:book", true],
    ["THERAPIST", "cycle:plan", true],
    ["FRONT_DESK", "cycle:plan", false],
    ["ADMIN", "rooms:manage", true],
    ["THERAPIST", "rooms:manage", false],
    ["ADMIN", "couple:read", false],
  ] as const)("%s → %s: %s", (role, permission, expected) => {
    expect(can([role], permission)).toBe(expected);
  });

  test("a person with two roles holds the permissions of both", () => {
    expect(can(["ADMIN", "PSYCHIATRIST"], "clearance:record")).toBe(true);
    expect(can(["ADMIN", "PSYCHIATRIST"], "rooms:manage")).toBe(true);
    expect(can([], "calendar:read")).toBe(false);
  });
});
