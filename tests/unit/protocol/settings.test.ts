import { describe, expect, it } from "vitest";
import {
  DEFAULT_SETTINGS,
  settingsFromClinic,
  settingsToClinic,
  ZProtocolSettings,
} from "@/lib/protocol/settings";
import type { ProtocolSettings } from "@/lib/protocol/types";

function problems(settings: unknown): string[] {
  const parsed = ZProtocolSettings.safeParse(settings);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

const withChange = (change: (s: ProtocolSettings) => void): ProtocolSettings => {
  const s = structuredClone(DEFAULT_SETTINGS);
  change(s);
  return s;
};

describe("DEFAULT_SETTINGS match PROTOCOL.md", () => {
  it("has the rule book's defaults and passes its own validation", () => {
    expect(DEFAULT_SETTINGS.sessionMinutes).toEqual({
      INTAKE: 60,
      PREPARATION: 90,
      MEDICAL_EVALUATION: 60,
      MEDICINE_TAKING_TURNS: 180,
      MEDICINE_LOW_DOSE: 120,
      INTEGRATION: 90,
      COUPLES_THERAPY: 60,
    });
    expect(DEFAULT_SETTINGS.minPreparations).toEqual({ TAKING_TURNS: 2, LOW_DOSE_TOGETHER: 0 });
    expect(DEFAULT_SETTINGS.clearanceValidityDays).toBe(90);
    expect(DEFAULT_SETTINGS.integrationWindowDays).toEqual({ min: 1, max: 2 });
    expect(DEFAULT_SETTINGS.lowDoseSeries).toEqual({ min: 6, max: 8 });
    expect(DEFAULT_SETTINGS.openWeekdays).toEqual([1, 2, 3, 4, 5, 6]);
    expect([DEFAULT_SETTINGS.opensAtMinute, DEFAULT_SETTINGS.closesAtMinute]).toEqual([480, 1200]);
    expect(problems(DEFAULT_SETTINGS)).toEqual([]);
  });

  it("agrees with the Clinic table's column defaults", () => {
    expect(settingsToClinic(DEFAULT_SETTINGS)).toMatchObject({
      intakeMinutes: 60,
      preparationMinutes: 90,
      evaluationMinutes: 60,
      takingTurnsMinutes: 180,
      lowDoseMinutes: 120,
      integrationMinutes: 90,
      couplesTherapyMinutes: 60,
      minPreparationsTakingTurns: 2,
      minPreparationsLowDose: 0,
      clearanceValidityDays: 90,
      integrationMinDays: 1,
      integrationMaxDays: 2,
      lowDoseMinSessions: 6,
      lowDoseMaxSessions: 8,
      openWeekdays: [1, 2, 3, 4, 5, 6],
      opensAtMinute: 480,
      closesAtMinute: 1200,
    });
    expect(settingsFromClinic(settingsToClinic(DEFAULT_SETTINGS))).toEqual(DEFAULT_SETTINGS);
  });
});

describe("ZProtocolSettings: the admin form's validation", () => {
  it.each([
    ["window min > max", (s: ProtocolSettings) => (s.integrationWindowDays = { min: 3, max: 2 }), /integrationWindowDays\.max: .*latest day must not be before its earliest/],
    ["negative window", (s: ProtocolSettings) => (s.integrationWindowDays = { min: -1, max: 2 }), /earliest day must be at least 0/],
    ["series min > max", (s: ProtocolSettings) => (s.lowDoseSeries = { min: 9, max: 8 }), /lowDoseSeries\.max: .*most sessions must not be fewer/],
    ["empty series", (s: ProtocolSettings) => (s.lowDoseSeries = { min: 0, max: 8 }), /fewest sessions must be at least 1/],
    ["zero-length intake", (s: ProtocolSettings) => (s.sessionMinutes.INTAKE = 0), /sessionMinutes\.INTAKE: Intake length must be longer than 0 minutes/],
    ["fractional minutes", (s: ProtocolSettings) => (s.sessionMinutes.INTEGRATION = 90.5), /Integration length must be whole minutes/],
    ["negative preparations", (s: ProtocolSettings) => (s.minPreparations.TAKING_TURNS = -1), /Preparations before Taking Turns must be at least 0/],
    ["zero validity", (s: ProtocolSettings) => (s.clearanceValidityDays = 0), /Clearance validity \(days\) must be at least 1/],
    ["closes before it opens", (s: ProtocolSettings) => ((s.opensAtMinute = 1200), (s.closesAtMinute = 480)), /closesAtMinute: Closing time must be after opening time/],
    ["weekday 8", (s: ProtocolSettings) => (s.openWeekdays = [1, 8]), /weekdays 1 \(Monday\) to 7 \(Sunday\)/],
    ["weekday 0", (s: ProtocolSettings) => (s.openWeekdays = [0]), /weekdays 1 \(Monday\) to 7 \(Sunday\)/],
    ["no open day", (s: ProtocolSettings) => (s.openWeekdays = []), /open on at least one day/],
    ["repeated day", (s: ProtocolSettings) => (s.openWeekdays = [1, 1]), /Each open day must appear once/],
    ["unknown zone", (s: ProtocolSettings) => (s.timeZone = "Mars/Olympus"), /IANA name/],
    ["medicine longer than the open day", (s: ProtocolSettings) => ((s.opensAtMinute = 600), (s.closesAtMinute = 720)), /Medicine: Taking Turns \(180 min\) is longer than the clinic's open day \(120 min\)/],
  ])("rejects %s with a clear message", (_label, change, message) => {
    const found = problems(withChange(change));
    expect(found.join("\n")).toMatch(message);
  });

  it("accepts other valid settings", () => {
    expect(problems(withChange((s) => ((s.timeZone = "Australia/Lord_Howe"), (s.integrationWindowDays = { min: 0, max: 0 }))))).toEqual([]);
    expect(problems(withChange((s) => ((s.openWeekdays = [7]), (s.closesAtMinute = 1440))))).toEqual([]);
  });
});
