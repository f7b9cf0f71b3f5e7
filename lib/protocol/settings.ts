// The clinic's protocol settings (PROTOCOL.md, marked "(setting)"): the defaults, the admin
// form's validation, and the mapping to the Clinic table's columns. The engine reads settings,
// it never hard-codes them.
import { z } from "zod";
import { SESSION_KIND_LABELS } from "./labels";
import type { ClinicClosure, DayHours, KapModel, ProtocolSettings, SessionKind } from "./types";

export { MODEL_LABELS, SESSION_KIND_LABELS } from "./labels";

/** P12's longest window a clinic may set (the Clinic table's CHECK says the same). */
export const SAFETY_SCREEN_MAX_DAYS = 60;

/** P12: on, a PHQ-9 within 7 days before each medicine session (PROTOCOL.md). */
export const DEFAULT_SAFETY_SCREEN = { enabled: true, days: 7 } as const satisfies ProtocolSettings["safetyScreen"];

/** P12's setting as the engine reads it: a snapshot that leaves it out gets PROTOCOL.md's default, the safe side. */
export function safetyScreenSetting(settings: ProtocolSettings): { enabled: boolean; days: number } {
  return settings.safetyScreen ?? DEFAULT_SAFETY_SCREEN;
}

export const DEFAULT_SETTINGS: ProtocolSettings = {
  // PROTOCOL.md gives no default zone; the clinic's own zone is always set on the Clinic row.
  timeZone: "America/Los_Angeles",
  sessionMinutes: {
    INTAKE: 60,
    PREPARATION: 90,
    MEDICAL_EVALUATION: 60,
    MEDICINE_TAKING_TURNS: 180,
    MEDICINE_LOW_DOSE: 120,
    INTEGRATION: 90,
    COUPLES_THERAPY: 60,
  },
  minPreparations: { TAKING_TURNS: 2, LOW_DOSE_TOGETHER: 0 },
  clearanceValidityDays: 90,
  integrationWindowDays: { min: 1, max: 2 },
  lowDoseSeries: { min: 6, max: 8 },
  openWeekdays: [1, 2, 3, 4, 5, 6],
  opensAtMinute: 8 * 60,
  closesAtMinute: 20 * 60,
  safetyScreen: { ...DEFAULT_SAFETY_SCREEN },
};

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: name });
    return true;
  } catch /* Stryker disable next-line BlockStatement: isTimeZone is read only by zod's refine, which refuses undefined as it refuses false */ {
    return false;
  }
}

const minutes = (label: string) =>
  z
    .number({ error: `${label}: enter a number of minutes` })
    .int({ error: `${label} must be whole minutes` })
    .positive({ error: `${label} must be longer than 0 minutes` })
    .max(24 * 60, { error: `${label} must fit in one day` });

const count = (label: string, least: number) =>
  z
    .number({ error: `${label}: enter a number` })
    .int({ error: `${label} must be a whole number` })
    .min(least, { error: `${label} must be at least ${least}` });

const minuteOfDay = (label: string) =>
  z
    .number({ error: `${label}: enter a time` })
    .int({ error: `${label} must be a whole minute` })
    .min(0, { error: `${label} must be a time of day` })
    .max(24 * 60, { error: `${label} must be a time of day` });

export const WEEKDAY_FULL_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;

const dayHours = z.object({ opensAtMinute: minuteOfDay("Opening time"), closesAtMinute: minuteOfDay("Closing time") });

/**
 * The earliest opening and latest closing of the open days: what the Clinic table's single pair
 * of columns keeps beside the hours per weekday (its CHECK wants a pair that opens before it closes).
 */
export function openingSpan(s: Pick<ProtocolSettings, "openWeekdays" | "opensAtMinute" | "closesAtMinute" | "hoursByWeekday">): DayHours {
  if (!s.hoursByWeekday) return { opensAtMinute: s.opensAtMinute, closesAtMinute: s.closesAtMinute };
  const open = s.hoursByWeekday.filter((_, i) => s.openWeekdays.includes(i + 1));
  if (open.length === 0) return { opensAtMinute: s.opensAtMinute, closesAtMinute: s.closesAtMinute };
  return { opensAtMinute: Math.min(...open.map((h) => h.opensAtMinute)), closesAtMinute: Math.max(...open.map((h) => h.closesAtMinute)) };
}

export const ZProtocolSettings = z
  .object({
    timeZone: z.string().refine(isTimeZone, { error: "Time zone must be an IANA name such as America/Los_Angeles" }),
    sessionMinutes: z.object({
      INTAKE: minutes("Intake length"),
      PREPARATION: minutes("Preparation length"),
      MEDICAL_EVALUATION: minutes("Medical evaluation length"),
      MEDICINE_TAKING_TURNS: minutes("Taking Turns medicine session length"),
      MEDICINE_LOW_DOSE: minutes("Low Dose Together medicine session length"),
      INTEGRATION: minutes("Integration length"),
      COUPLES_THERAPY: minutes("Couples therapy length"),
    }),
    minPreparations: z.object({
      TAKING_TURNS: count("Preparations before Taking Turns", 0),
      LOW_DOSE_TOGETHER: count("Preparations before Low Dose Together", 0),
    }),
    clearanceValidityDays: count("Clearance validity (days)", 1),
    integrationWindowDays: z.object({
      min: count("Integration window: earliest day", 0),
      max: count("Integration window: latest day", 0),
    }),
    lowDoseSeries: z.object({
      min: count("Low Dose Together series: fewest sessions", 1),
      max: count("Low Dose Together series: most sessions", 1),
    }),
    openWeekdays: z
      // One message for every way a day can be wrong, a day that is not a number too (the form
      // reader makes "0x2" NaN): zod gives a schema's own error to its checks.
      .array(z.number({ error: "Open days are weekdays 1 (Monday) to 7 (Sunday)" }).int().min(1).max(7))
      .min(1, { error: "The clinic must be open on at least one day" })
      .refine((days) => new Set(days).size === days.length, { error: "Each open day must appear once" }),
    opensAtMinute: minuteOfDay("Opening time"),
    closesAtMinute: minuteOfDay("Closing time"),
    /** Hours per weekday, Monday first; every day's, so a day ticked open again has its hours. */
    hoursByWeekday: z.array(dayHours).length(7, { error: "Give opening hours for each of the seven days" }).optional(),
    safetyScreen: z.object({
      enabled: z.boolean({ error: "Safety screen before dosing (P12): choose on or off" }),
      days: count("Safety screen window (days)", 1).max(SAFETY_SCREEN_MAX_DAYS, { error: `Safety screen window (days) must be at most ${SAFETY_SCREEN_MAX_DAYS}` }),
    }),
  })
  .superRefine((s, ctx) => {
    if (s.integrationWindowDays.min > s.integrationWindowDays.max) {
      ctx.addIssue({
        code: "custom",
        path: ["integrationWindowDays", "max"],
        message: "The integration window's latest day must not be before its earliest day",
      });
    }
    if (s.lowDoseSeries.min > s.lowDoseSeries.max) {
      ctx.addIssue({
        code: "custom",
        path: ["lowDoseSeries", "max"],
        message: "A Low Dose Together series' most sessions must not be fewer than its fewest",
      });
    }
    let openMinutes: number;
    if (s.hoursByWeekday) {
      let broken = false;
      s.hoursByWeekday.forEach((h, i) => {
        // A time that is not one has its own message already.
        if (!Number.isFinite(h.opensAtMinute) || !Number.isFinite(h.closesAtMinute) || h.opensAtMinute < h.closesAtMinute) return;
        broken = true;
        ctx.addIssue({ code: "custom", path: ["hoursByWeekday", i, "closesAtMinute"], message: `${WEEKDAY_FULL_NAMES[i]}: closing time must be after opening time` });
      });
      if (broken) return;
      // The longest open day is the longest session the clinic can hold.
      openMinutes = Math.max(0, ...s.hoursByWeekday.filter((_, i) => s.openWeekdays.includes(i + 1)).map((h) => h.closesAtMinute - h.opensAtMinute));
    } else {
      if (s.opensAtMinute >= s.closesAtMinute) {
        ctx.addIssue({ code: "custom", path: ["closesAtMinute"], message: "Closing time must be after opening time" });
        return;
      }
      openMinutes = s.closesAtMinute - s.opensAtMinute;
    }
    // A session kind longer than the open day could never be booked.
    for (const [kind, length] of Object.entries(s.sessionMinutes) as [SessionKind, number][]) {
      if (length > openMinutes) {
        ctx.addIssue({
          code: "custom",
          path: ["sessionMinutes", kind],
          message: `${SESSION_KIND_LABELS[kind]} (${length} min) is longer than the clinic's open day (${openMinutes} min)`,
        });
      }
    }
  });

export type TProtocolSettings = z.infer<typeof ZProtocolSettings>;

/** The Clinic table's protocol columns (prisma/schema.prisma), without importing Prisma. */
export type ClinicSettingsColumns = {
  timeZone: string;
  intakeMinutes: number;
  preparationMinutes: number;
  evaluationMinutes: number;
  takingTurnsMinutes: number;
  lowDoseMinutes: number;
  integrationMinutes: number;
  couplesTherapyMinutes: number;
  minPreparationsTakingTurns: number;
  minPreparationsLowDose: number;
  clearanceValidityDays: number;
  integrationMinDays: number;
  integrationMaxDays: number;
  lowDoseMinSessions: number;
  lowDoseMaxSessions: number;
  openWeekdays: number[];
  opensAtMinute: number;
  closesAtMinute: number;
  /** Hours per ISO weekday, Monday first (7 each); a row from before them has none. */
  weekdayOpensAtMinute?: number[];
  weekdayClosesAtMinute?: number[];
  safetyScreenEnabled: boolean;
  safetyScreenDays: number;
};

/** A row of the Closure table as the engine reads it (lib/clinic/closures.ts loads them). */
export type ClosureRow = { id: string; roomId: string | null; startsAt: Date; endsAt: Date; reason: string; room?: { name: string } | null };

export function closureOf(row: ClosureRow): ClinicClosure {
  return { id: row.id, roomId: row.roomId, roomName: row.room?.name ?? null, startsAt: row.startsAt, endsAt: row.endsAt, reason: row.reason };
}

function hoursOfRow(c: ClinicSettingsColumns): DayHours[] | undefined {
  const opens = c.weekdayOpensAtMinute;
  const closes = c.weekdayClosesAtMinute;
  if (!opens || !closes || opens.length !== 7 || closes.length !== 7) return undefined;
  return opens.map((o, i) => ({ opensAtMinute: o, closesAtMinute: closes[i] }));
}

/** Settings read from a clinic row: every setting stated, P12's too. */
export type ClinicProtocolSettings = ProtocolSettings & Required<Pick<ProtocolSettings, "safetyScreen">>;

/**
 * The engine's settings from a clinic row: with the row's closures when the caller read them
 * (the engine's snapshot reads those that can still matter), none otherwise.
 */
export function settingsFromClinic(c: ClinicSettingsColumns & { closures?: ClosureRow[] }): ClinicProtocolSettings {
  const hoursByWeekday = hoursOfRow(c);
  return {
    timeZone: c.timeZone,
    sessionMinutes: {
      INTAKE: c.intakeMinutes,
      PREPARATION: c.preparationMinutes,
      MEDICAL_EVALUATION: c.evaluationMinutes,
      MEDICINE_TAKING_TURNS: c.takingTurnsMinutes,
      MEDICINE_LOW_DOSE: c.lowDoseMinutes,
      INTEGRATION: c.integrationMinutes,
      COUPLES_THERAPY: c.couplesTherapyMinutes,
    },
    minPreparations: { TAKING_TURNS: c.minPreparationsTakingTurns, LOW_DOSE_TOGETHER: c.minPreparationsLowDose },
    clearanceValidityDays: c.clearanceValidityDays,
    integrationWindowDays: { min: c.integrationMinDays, max: c.integrationMaxDays },
    lowDoseSeries: { min: c.lowDoseMinSessions, max: c.lowDoseMaxSessions },
    openWeekdays: [...c.openWeekdays],
    opensAtMinute: c.opensAtMinute,
    closesAtMinute: c.closesAtMinute,
    ...(hoursByWeekday && { hoursByWeekday }),
    ...(c.closures && { closures: c.closures.map(closureOf) }),
    safetyScreen: { enabled: c.safetyScreenEnabled, days: c.safetyScreenDays },
  };
}

export function settingsToClinic(s: ProtocolSettings): ClinicSettingsColumns {
  return {
    timeZone: s.timeZone,
    intakeMinutes: s.sessionMinutes.INTAKE,
    preparationMinutes: s.sessionMinutes.PREPARATION,
    evaluationMinutes: s.sessionMinutes.MEDICAL_EVALUATION,
    takingTurnsMinutes: s.sessionMinutes.MEDICINE_TAKING_TURNS,
    lowDoseMinutes: s.sessionMinutes.MEDICINE_LOW_DOSE,
    integrationMinutes: s.sessionMinutes.INTEGRATION,
    couplesTherapyMinutes: s.sessionMinutes.COUPLES_THERAPY,
    minPreparationsTakingTurns: s.minPreparations.TAKING_TURNS,
    minPreparationsLowDose: s.minPreparations.LOW_DOSE_TOGETHER,
    clearanceValidityDays: s.clearanceValidityDays,
    integrationMinDays: s.integrationWindowDays.min,
    integrationMaxDays: s.integrationWindowDays.max,
    lowDoseMinSessions: s.lowDoseSeries.min,
    lowDoseMaxSessions: s.lowDoseSeries.max,
    openWeekdays: [...s.openWeekdays].sort((a, b) => a - b),
    ...openingSpan(s),
    weekdayOpensAtMinute: s.hoursByWeekday ? s.hoursByWeekday.map((h) => h.opensAtMinute) : Array.from({ length: 7 }, () => s.opensAtMinute),
    weekdayClosesAtMinute: s.hoursByWeekday ? s.hoursByWeekday.map((h) => h.closesAtMinute) : Array.from({ length: 7 }, () => s.closesAtMinute),
    safetyScreenEnabled: safetyScreenSetting(s).enabled,
    safetyScreenDays: safetyScreenSetting(s).days,
  };
}
