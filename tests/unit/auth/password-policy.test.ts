import { describe, expect, test } from "vitest";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordProblem } from "@/lib/auth/password-policy";

describe("the password policy", () => {
  test.each([
    ["a long passphrase", "river otter lantern cobalt", null],
    ["exactly the minimum", "x7#kq!Lm2@pZ", null],
    ["64 characters", "a-b".repeat(21) + "z", null],
    ["the maximum", Array.from({ length: PASSWORD_MAX_LENGTH }, (_, i) => String.fromCharCode(97 + ((i * 7) % 26))).join(""), null],
  ])("accepts %s", (_name, password, expected) => {
    expect(passwordProblem(password)).toBe(expected);
  });

  test("refuses passwords shorter than the minimum or longer than the maximum", () => {
    expect(passwordProblem("x".repeat(PASSWORD_MIN_LENGTH - 1))).toMatch(/at least 12/);
    expect(passwordProblem("Zq9!".repeat(PASSWORD_MAX_LENGTH / 4) + "a")).toMatch(/at most 128/);
  });

  test("counts characters, not UTF-16 units", () => {
    expect(passwordProblem("🦦".repeat(11))).toMatch(/at least/);
    expect(passwordProblem("🦦🌊🏮🔵 otter sea")).toBeNull();
  });

  test.each(["qwertyuiop1234", "1qaz2wsx3edc", "123456789012", "Password2024!", "iloveyou1234", "!!Sunshine2024"])("refuses the common password %s", (password) => {
    expect(passwordProblem(password)).toMatch(/common|pattern/);
  });

  test("refuses simple patterns", () => {
    expect(passwordProblem("abcabcabcabc")).toMatch(/pattern/);
    expect(passwordProblem("abcdefghijklm")).toMatch(/pattern|common/);
    expect(passwordProblem("zzzzzzzzzzzzzz")).toMatch(/pattern|common/);
  });

  test("refuses a password built on the person's own name or email", () => {
    expect(passwordProblem("rosadiaz-at-work", { email: "rosa.diaz@clinic.test", name: "Rosa Diaz" })).toMatch(/name or email/);
    expect(passwordProblem("whitfield river 9", { name: "Sam Whitfield" })).toMatch(/name or email/);
    expect(passwordProblem("river otter lantern", { name: "Sam Whitfield", email: "sam@clinic.test" })).toBeNull();
  });
});
