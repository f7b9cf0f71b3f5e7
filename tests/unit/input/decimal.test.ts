import { describe, expect, it } from "vitest";
import { ZAdministrationInput } from "@/lib/dosing/input";
import { settingsCandidateOf } from "@/lib/clinic/settings-input";
import { numberFromForm, parseDecimal, wholeNumberOr } from "@/lib/input/decimal";
import { ZRoomInput } from "@/lib/rooms/rooms";
import { ZCorrectionInput } from "@/lib/substance-log/input";

// Number("0x10") is 16: a dose typed as 0x10 was recorded as 16 mg. Numbers are decimal only.
describe("parseDecimal", () => {
  it.each([
    ["16", 16],
    ["0", 0],
    ["007", 7],
    ["12.5", 12.5],
    ["0.01", 0.01],
    ["-3", -3],
    ["-0.25", -0.25],
    [" 16 ", 16],
    ["\t42\n", 42],
  ])("%j is %d", (text, value) => {
    expect(parseDecimal(text)).toBe(value);
  });

  it.each([["0x10"], ["0b11"], ["0o17"], ["1e2"], ["1E2"], ["Infinity"], ["-Infinity"], ["NaN"], ["1 6"], ["16mg"], ["16 mg"], ["+16"], ["--1"], [".5"], ["5."], ["1,5"], ["1_000"], [""], ["   "], ["١٦"]])(
    "%j is not a number",
    (text) => {
      expect(parseDecimal(text)).toBeNaN();
    },
  );
});

describe("numberFromForm", () => {
  it("blank is missing, text is read as a decimal, other values pass to the schema", () => {
    expect(numberFromForm("")).toBeUndefined();
    expect(numberFromForm("  ")).toBeUndefined();
    expect(numberFromForm("2.5")).toBe(2.5);
    expect(numberFromForm("0x10")).toBeNaN();
    expect(numberFromForm(7)).toBe(7);
    expect(numberFromForm(undefined)).toBeUndefined();
  });
});

describe("wholeNumberOr: a page's ?page=", () => {
  it.each([
    ["3", 3],
    ["0x10", 1],
    ["2.5", 1],
    ["1e3", 1],
    [undefined, 1],
    [["2", "3"], 1],
  ])("%j → %d", (value, page) => {
    expect(wholeNumberOr(value, 1)).toBe(page);
  });
});

describe("every number field refuses what is not a decimal, with its own words", () => {
  const dose = (doseMg: unknown) =>
    ZAdministrationInput.safeParse({
      sessionId: "5f1b7c3e-8a3d-4c9e-9d2a-1b2c3d4e5f60",
      clientId: "5f1b7c3e-8a3d-4c9e-9d2a-1b2c3d4e5f61",
      doseMg,
      route: "SUBLINGUAL_LOZENGE",
      lotId: "5f1b7c3e-8a3d-4c9e-9d2a-1b2c3d4e5f62",
      witnessedById: "5f1b7c3e-8a3d-4c9e-9d2a-1b2c3d4e5f63",
    });

  it.each([["0x10"], ["1e2"], ["Infinity"], ["1 6"], ["16mg"]])("a dose of %j", (text) => {
    const result = dose(text);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([["doseMg", "Enter the dose as a number (mg)."]]);
  });

  it("a dose typed as a decimal, with spaces around it, is read", () => {
    expect(dose(" 16 ").data?.doseMg).toBe(16);
    expect(dose("12.5").data?.doseMg).toBe(12.5);
    expect(dose("").error!.issues[0].message).toBe("Enter the dose (mg).");
    expect(dose("-5").error!.issues[0].message).toBe("The dose must be between 0.01 and 500 mg.");
  });

  it("a correction may be negative", () => {
    const correction = (quantityMg: string) => ZCorrectionInput.safeParse({ entryId: "5f1b7c3e-8a3d-4c9e-9d2a-1b2c3d4e5f60", quantityMg, reason: "Miscounted" });
    expect(correction("-2.5").data?.quantityMg).toBe(-2.5);
    expect(correction("-0x2").error!.issues[0].message).toBe("Enter the correction as a number (mg).");
  });

  it("a room's capacity", () => {
    expect(ZRoomInput.safeParse({ name: "Cedar", capacity: "4" }).data?.capacity).toBe(4);
    expect(ZRoomInput.safeParse({ name: "Cedar", capacity: "0x4" }).error!.issues[0].message).toBe("Capacity must be a number.");
    expect(ZRoomInput.safeParse({ name: "Cedar", capacity: "4e0" }).error!.issues[0].message).toBe("Capacity must be a number.");
  });

  it("the clinic's settings and open days", () => {
    const candidate = settingsCandidateOf({ sessionMinutes: { INTAKE: "0x3c", PREPARATION: " 90 " }, clearanceValidityDays: "1e2", openWeekdays: ["1", "0x2", "3"] });
    expect(candidate.sessionMinutes.INTAKE).toBeNaN();
    expect(candidate.sessionMinutes.PREPARATION).toBe(90);
    expect(candidate.clearanceValidityDays).toBeNaN();
    expect(candidate.openWeekdays).toEqual([1, Number.NaN, 3]);
  });
});
