import { describe, expect, it } from "vitest";
import {
  DEFAULT_SETTINGS,
  settingsFromClinic,
  safetyScreenSetting,
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
    expect(DEFAULT_SETTINGS.safetyScreen).toEqual({ enabled: true, days: 7 });
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
      weekdayOpensAtMinute: [480, 480, 480, 480, 480, 480, 480],
      weekdayClosesAtMinute: [1200, 1200, 1200, 1200, 1200, 1200, 1200],
      safetyScreenEnabled: true,
      safetyScreenDays: 7,
    });
    // Read back, every weekday has the one pair as its own hours.
    expect(settingsFromClinic(settingsToClinic(DEFAULT_SETTINGS))).toEqual({ ...DEFAULT_SETTINGS, hoursByWeekday: Array(7).fill({ opensAtMinute: 480, closesAtMinute: 1200 }) });
  });

  it("P12's setting, left out of a snapshot's settings, is PROTOCOL.md's default: on, 7 days", () => {
    const { safetyScreen: _omitted, ...older } = DEFAULT_SETTINGS;
    expect(safetyScreenSetting(older)).toEqual({ enabled: true, days: 7 });
    expect(settingsToClinic(older)).toMatchObject({ safetyScreenEnabled: true, safetyScreenDays: 7 });
    expect(safetyScreenSetting({ ...DEFAULT_SETTINGS, safetyScreen: { enabled: false, days: 3 } })).toEqual({ enabled: false, days: 3 });
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

/** Settings with one field (a dotted path) set to a value the admin form might send. */
function withField(path: string, value: unknown, base: ProtocolSettings = structuredClone(DEFAULT_SETTINGS)): unknown {
  const keys = path.split(".");
  let target = base as unknown as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
  target[keys[keys.length - 1]] = value;
  return base;
}

describe("ZProtocolSettings: each field says what is wrong with it, in its own words", () => {
  const allDay = withChange((s) => ((s.opensAtMinute = 0), (s.closesAtMinute = 1440)));

  it.each([
    ["INTAKE", "Intake length"],
    ["PREPARATION", "Preparation length"],
    ["MEDICAL_EVALUATION", "Medical evaluation length"],
    ["MEDICINE_TAKING_TURNS", "Taking Turns medicine session length"],
    ["MEDICINE_LOW_DOSE", "Low Dose Together medicine session length"],
    ["INTEGRATION", "Integration length"],
    ["COUPLES_THERAPY", "Couples therapy length"],
  ])("session length %s (%s): whole minutes, more than 0, at most one day", (kind, label) => {
    const path = `sessionMinutes.${kind}`;
    expect(problems(withField(path, "60"))).toEqual([`${path}: ${label}: enter a number of minutes`]);
    expect(problems(withField(path, null))).toEqual([`${path}: ${label}: enter a number of minutes`]);
    expect(problems(withField(path, 60.5))).toEqual([`${path}: ${label} must be whole minutes`]);
    expect(problems(withField(path, 0))).toEqual([`${path}: ${label} must be longer than 0 minutes`]);
    expect(problems(withField(path, 1441, structuredClone(allDay)))).toContain(`${path}: ${label} must fit in one day`);
    // The allowed side: one minute, and a whole day in a clinic open around the clock.
    expect(problems(withField(path, 1))).toEqual([]);
    expect(problems(withField(path, 1440, structuredClone(allDay)))).toEqual([]);
  });

  it.each([
    ["minPreparations.TAKING_TURNS", "Preparations before Taking Turns", 0],
    ["minPreparations.LOW_DOSE_TOGETHER", "Preparations before Low Dose Together", 0],
    ["clearanceValidityDays", "Clearance validity (days)", 1],
    ["integrationWindowDays.min", "Integration window: earliest day", 0],
    ["integrationWindowDays.max", "Integration window: latest day", 0],
    ["lowDoseSeries.min", "Low Dose Together series: fewest sessions", 1],
    ["lowDoseSeries.max", "Low Dose Together series: most sessions", 1],
  ])("count %s (%s): a whole number, at least %i", (path, label, least) => {
    expect(problems(withField(path, "2"))).toEqual([`${path}: ${label}: enter a number`]);
    expect(problems(withField(path, 2.5))).toContain(`${path}: ${label} must be a whole number`);
    expect(problems(withField(path, least - 1))).toContain(`${path}: ${label} must be at least ${least}`);
    // The allowed side: exactly the least value (with its pair's other end there too).
    const pair = path.replace(/\.(min|max)$/, "");
    const base = structuredClone(DEFAULT_SETTINGS);
    if (pair !== path) withField(`${pair}.min`, least, base);
    expect(problems(withField(path, least, base))).toEqual([]);
  });

  it.each([
    ["opensAtMinute", "Opening time"],
    ["closesAtMinute", "Closing time"],
  ])("time of day %s (%s): a whole minute from 00:00 to 24:00", (path, label) => {
    expect(problems(withField(path, "08:00"))).toEqual([`${path}: ${label}: enter a time`]);
    expect(problems(withField(path, 600.5))).toEqual([`${path}: ${label} must be a whole minute`]);
    expect(problems(withField(path, -1))).toContain(`${path}: ${label} must be a time of day`);
    expect(problems(withField(path, 1441))).toContain(`${path}: ${label} must be a time of day`);
    expect(problems(withChange((s) => ((s.opensAtMinute = 0), (s.closesAtMinute = 1440))))).toEqual([]);
  });

  it("P12's safety screen: on or off, and a window of 1 to 60 whole days", () => {
    const path = "safetyScreen.days";
    const label = "Safety screen window (days)";
    expect(problems(withField(path, "7"))).toEqual([`${path}: ${label}: enter a number`]);
    expect(problems(withField(path, 7.5))).toEqual([`${path}: ${label} must be a whole number`]);
    expect(problems(withField(path, 0))).toEqual([`${path}: ${label} must be at least 1`]);
    expect(problems(withField(path, 61))).toEqual([`${path}: ${label} must be at most 60`]);
    expect(problems(withField(path, 1))).toEqual([]);
    expect(problems(withField(path, 60))).toEqual([]);
    expect(problems(withField("safetyScreen.enabled", "on"))).toEqual(["safetyScreen.enabled: Safety screen before dosing (P12): choose on or off"]);
    expect(problems(withField("safetyScreen.enabled", false))).toEqual([]);
  });

  it("open days: whole weekdays 1 to 7", () => {
    expect(problems(withField("openWeekdays", [1, 2.5]))).toEqual(["openWeekdays.1: Open days are weekdays 1 (Monday) to 7 (Sunday)"]);
    // What the form reader makes of a day that is not a number ("0x2" → NaN) is refused in the same words.
    expect(problems(withField("openWeekdays", [1, Number.NaN, 3]))).toEqual(["openWeekdays.1: Open days are weekdays 1 (Monday) to 7 (Sunday)"]);
    expect(problems(withField("openWeekdays", ["2"]))).toEqual(["openWeekdays.0: Open days are weekdays 1 (Monday) to 7 (Sunday)"]);
    expect(problems(withField("openWeekdays", [0, 1]))).toEqual(["openWeekdays.0: Open days are weekdays 1 (Monday) to 7 (Sunday)"]);
    expect(problems(withField("openWeekdays", [7, 8]))).toEqual(["openWeekdays.1: Open days are weekdays 1 (Monday) to 7 (Sunday)"]);
    expect(problems(withField("openWeekdays", [1, 2, 3, 4, 5, 6, 7]))).toEqual([]);
  });
});

describe("ZProtocolSettings: what one field says about another", () => {
  const issues = (settings: unknown) => {
    const parsed = ZProtocolSettings.safeParse(settings);
    return parsed.success ? [] : parsed.error.issues.map(({ code, path, message }) => ({ code, path, message }));
  };

  it("a window or a series may be a single value; its latest before its earliest is refused on the latest", () => {
    expect(issues(withChange((s) => (s.integrationWindowDays = { min: 2, max: 2 })))).toEqual([]);
    expect(issues(withChange((s) => (s.lowDoseSeries = { min: 6, max: 6 })))).toEqual([]);
    expect(issues(withChange((s) => (s.integrationWindowDays = { min: 3, max: 2 })))).toEqual([
      { code: "custom", path: ["integrationWindowDays", "max"], message: "The integration window's latest day must not be before its earliest day" },
    ]);
    expect(issues(withChange((s) => (s.lowDoseSeries = { min: 7, max: 6 })))).toEqual([
      { code: "custom", path: ["lowDoseSeries", "max"], message: "A Low Dose Together series' most sessions must not be fewer than its fewest" },
    ]);
  });

  it("closing at the minute the clinic opens is refused on the closing time", () => {
    expect(issues(withChange((s) => ((s.opensAtMinute = 600), (s.closesAtMinute = 600))))).toEqual([
      { code: "custom", path: ["closesAtMinute"], message: "Closing time must be after opening time" },
    ]);
    // The allowed side: a clinic open for one minute, with one-minute sessions.
    const oneMinute = withChange((s) => {
      s.opensAtMinute = 600;
      s.closesAtMinute = 601;
      for (const kind of Object.keys(s.sessionMinutes) as (keyof ProtocolSettings["sessionMinutes"])[]) s.sessionMinutes[kind] = 1;
    });
    expect(issues(oneMinute)).toEqual([]);
  });

  it("a session kind may fill the open day exactly; a minute longer is refused on that kind", () => {
    // Open 10:00–13:00: the 180-minute Taking Turns session just fits.
    expect(issues(withChange((s) => ((s.opensAtMinute = 600), (s.closesAtMinute = 780))))).toEqual([]);
    expect(issues(withChange((s) => ((s.opensAtMinute = 600), (s.closesAtMinute = 779))))).toEqual([
      {
        code: "custom",
        path: ["sessionMinutes", "MEDICINE_TAKING_TURNS"],
        message: "Medicine: Taking Turns (180 min) is longer than the clinic's open day (179 min)",
      },
    ]);
  });
});

describe("the Clinic table's columns", () => {
  const row = {
    timeZone: "Pacific/Auckland",
    intakeMinutes: 45,
    preparationMinutes: 75,
    evaluationMinutes: 50,
    takingTurnsMinutes: 200,
    lowDoseMinutes: 110,
    integrationMinutes: 80,
    couplesTherapyMinutes: 55,
    minPreparationsTakingTurns: 3,
    minPreparationsLowDose: 1,
    clearanceValidityDays: 60,
    integrationMinDays: 0,
    integrationMaxDays: 3,
    lowDoseMinSessions: 4,
    lowDoseMaxSessions: 7,
    openWeekdays: [2, 4, 6],
    opensAtMinute: 540,
    closesAtMinute: 1140,
    // Saturday's own hours; the single pair is the open days' earliest opening and latest closing.
    weekdayOpensAtMinute: [540, 540, 540, 540, 540, 600, 540],
    weekdayClosesAtMinute: [1140, 1140, 1140, 1140, 1140, 1020, 1140],
    safetyScreenEnabled: false,
    safetyScreenDays: 5,
  };

  it("each column reads into its own setting, and back", () => {
    const settings = settingsFromClinic(row);
    expect(settings).toEqual({
      timeZone: "Pacific/Auckland",
      sessionMinutes: {
        INTAKE: 45,
        PREPARATION: 75,
        MEDICAL_EVALUATION: 50,
        MEDICINE_TAKING_TURNS: 200,
        MEDICINE_LOW_DOSE: 110,
        INTEGRATION: 80,
        COUPLES_THERAPY: 55,
      },
      minPreparations: { TAKING_TURNS: 3, LOW_DOSE_TOGETHER: 1 },
      clearanceValidityDays: 60,
      integrationWindowDays: { min: 0, max: 3 },
      lowDoseSeries: { min: 4, max: 7 },
      openWeekdays: [2, 4, 6],
      opensAtMinute: 540,
      closesAtMinute: 1140,
      hoursByWeekday: [
        ...Array(5).fill({ opensAtMinute: 540, closesAtMinute: 1140 }),
        { opensAtMinute: 600, closesAtMinute: 1020 },
        { opensAtMinute: 540, closesAtMinute: 1140 },
      ],
      safetyScreen: { enabled: false, days: 5 },
    });
    expect(problems(settings)).toEqual([]);
    expect(settingsToClinic(settings)).toEqual(row);
  });

  it("open days are stored in weekday order, without touching the settings' own list", () => {
    const settings = withChange((s) => (s.openWeekdays = [6, 1, 3]));
    expect(settingsToClinic(settings).openWeekdays).toEqual([1, 3, 6]);
    expect(settings.openWeekdays).toEqual([6, 1, 3]);
    const read = settingsFromClinic(row);
    read.openWeekdays.push(7);
    expect(row.openWeekdays).toEqual([2, 4, 6]);
  });
});
