import { z } from "zod";
import { numberFromForm, parseDecimal } from "../input/decimal";
import { DEFAULT_SETTINGS, settingsFromClinic, settingsToClinic, ZProtocolSettings, type ClinicSettingsColumns, type TProtocolSettings } from "../protocol";

// The admin's clinic settings form: the protocol's settings (PROTOCOL.md, "(setting)"), validated
// by the engine's own ZProtocolSettings, plus the clinic's other settings (dosing-day vitals and
// discharge, sign-in time-outs), validated here. Field names are the settings' paths
// ("integrationWindowDays.min"), so a zod issue's path is the form field it belongs to.

const amount = (n: number, unit: string) => `${n} ${n === 1 ? unit.replace(/s$/, "") : unit}`;

/** A whole number of `unit` between `least` and `most`, its messages naming the setting. */
export const whole = (label: string, unit: string, least: number, most: number) =>
  z
    .number({ error: `${label}: enter a number of ${unit}.` })
    .int({ error: `${label} must be a whole number of ${unit}.` })
    .min(least, { error: `${label} must be at least ${amount(least, unit)}.` })
    .max(most, { error: `${label} must be at most ${amount(most, unit)}.` });

export const ZClinicLimits = z
  .object({
    maxSystolic: whole("The systolic blood pressure limit", "mmHg", 80, 250),
    maxDiastolic: whole("The diastolic blood pressure limit", "mmHg", 40, 150),
    maxHeartRate: whole("The heart rate limit", "beats per minute", 40, 200),
    vitalsIntervalMinMinutes: whole("The shortest interval between vitals", "minutes", 1, 240),
    vitalsIntervalMaxMinutes: whole("The longest interval between vitals", "minutes", 1, 240),
    dischargeMinMinutes: whole("The time from the last dose to discharge", "minutes", 1, 24 * 60),
    idleTimeoutMinutes: whole("The idle sign-out", "minutes", 1, 24 * 60),
    absoluteTimeoutHours: whole("The longest sign-in", "hours", 1, 7 * 24),
    // P13: the Clinic table's CHECK allows 1 hour to 90 days.
    noteLateHours: whole("The time after which a note is late", "hours", 1, 90 * 24),
    // Calendar feeds: partners' full names in clinicians' own feeds (off: initials, as in every feed).
    feedFullNames: z.boolean({ error: "Say whether clinicians' own feeds show full names." }),
    // Email reminders (issue 15): the Clinic table's CHECK allows 1 to 14 days, any time of day.
    reminderDaysBefore: whole("The appointment reminder's lead", "days", 1, 14),
    reminderAtMinute: z
      .number({ error: "Enter the time reminders are sent as HH:MM." })
      .refine((m) => Number.isInteger(m) && m >= 0 && m < 24 * 60, { error: "Enter the time reminders are sent as HH:MM." }),
    preparationText: z.string({ error: "Enter the preparation text, or leave it empty." }).trim().max(2000, { error: "Keep the preparation text under 2,000 characters." }),
    contactPhone: z
      .string()
      .trim()
      .regex(/^[0-9+()\-. ]{7,20}$/, { error: "Enter the clinic's phone of digits, spaces and + ( ) - only, or leave it empty." })
      .nullable(),
    contactEmail: z.string().trim().toLowerCase().email({ error: "Enter a valid email address for the clinic, or leave it empty." }).nullable(),
    // The clinicians' morning digest (issue 15): the Clinic table's CHECK allows any time of day.
    staffDigestOn: z.boolean({ error: "Say whether clinicians get a morning digest." }),
    staffDigestAtMinute: z
      .number({ error: "Enter the time the morning digest is sent as HH:MM." })
      .refine((m) => Number.isInteger(m) && m >= 0 && m < 24 * 60, { error: "Enter the time the morning digest is sent as HH:MM." }),
  })
  .superRefine((s, ctx) => {
    if (s.maxDiastolic >= s.maxSystolic) {
      ctx.addIssue({ code: "custom", path: ["maxDiastolic"], message: "The diastolic limit must be below the systolic limit." });
    }
    if (s.vitalsIntervalMinMinutes > s.vitalsIntervalMaxMinutes) {
      ctx.addIssue({
        code: "custom",
        path: ["vitalsIntervalMinMinutes"],
        message: "The shortest interval between vitals must not be longer than the longest.",
      });
    }
    if (s.idleTimeoutMinutes > s.absoluteTimeoutHours * 60) {
      ctx.addIssue({ code: "custom", path: ["idleTimeoutMinutes"], message: "The idle sign-out must not be later than the longest sign-in." });
    }
  });
export type TClinicLimits = z.output<typeof ZClinicLimits>;

/** Every setting an admin edits: the protocol's and the clinic's other limits, on one form. */
export const ZClinicSettings = z.intersection(ZProtocolSettings, ZClinicLimits);
export type TClinicSettings = TProtocolSettings & TClinicLimits;
/** The time zone is the clinic's own and not edited here: every booked date depends on it. */
export type TClinicSettingsInput = Omit<TClinicSettings, "timeZone">;

export type ClinicSettingsRow = ClinicSettingsColumns & TClinicLimits;

export const LIMIT_COLUMNS = [
  "maxSystolic",
  "maxDiastolic",
  "maxHeartRate",
  "vitalsIntervalMinMinutes",
  "vitalsIntervalMaxMinutes",
  "dischargeMinMinutes",
  "idleTimeoutMinutes",
  "absoluteTimeoutHours",
  "noteLateHours",
  "feedFullNames",
  "reminderDaysBefore",
  "reminderAtMinute",
  "preparationText",
  "contactPhone",
  "contactEmail",
  "staffDigestOn",
  "staffDigestAtMinute",
] as const satisfies readonly (keyof TClinicLimits)[];

export function clinicSettingsOf(row: ClinicSettingsRow): TClinicSettings {
  const limits = Object.fromEntries(LIMIT_COLUMNS.map((k) => [k, row[k]])) as TClinicLimits;
  return { ...settingsFromClinic(row), ...limits };
}

export function clinicColumnsOf(s: TClinicSettings): ClinicSettingsRow {
  const limits = Object.fromEntries(LIMIT_COLUMNS.map((k) => [k, s[k]])) as TClinicLimits;
  return { ...settingsToClinic(s), ...limits };
}

/** "08:30" as minutes after midnight; anything else is NaN, which zod reports as "enter a time". */
export function minuteOfDay(value: unknown): number {
  if (typeof value !== "string") return Number.NaN;
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value.trim());
  return match ? Number(match[1]) * 60 + Number(match[2]) : Number.NaN;
}

/** Minutes after midnight as "08:30", for a time input. */
export function timeOfDay(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

const number = (value: unknown) => (typeof value === "string" ? numberFromForm(value) : undefined);
/** A checkbox: sent as "on" when ticked, not sent at all when not. */
const ticked = (value: unknown) => value === "on";
/** An optional text field: empty is none. */
const blankToNull = (value: unknown) => (typeof value === "string" && value.trim() !== "" ? value : null);
const list = (value: unknown) => (value === undefined || value === "" ? [] : Array.isArray(value) ? value : [value]);

/** The settings form's per-weekday hours: "hoursByWeekday.0.opensAtMinute" is Monday's opening time … 6 is Sunday. */
export const SETTINGS_FORM_LIMITS = { lists: { hoursByWeekday: { max: 7, message: "A week has seven days." } } };

/**
 * The opening hours' fields: the open days (a checkbox group) and each weekday's opening and
 * closing time. A closed day whose times are left empty keeps the default hours, so unticking a
 * day never asks for its times. A form with one pair (opensAtMinute, closesAtMinute) and no day's
 * own hours gives every day that pair. The single pair kept beside the days' hours is the open
 * days' earliest opening and latest closing.
 */
function openingHoursOf(form: Record<string, unknown>): Pick<TClinicSettingsInput, "openWeekdays" | "opensAtMinute" | "closesAtMinute" | "hoursByWeekday"> {
  const openWeekdays = list(form.openWeekdays).map((d) => (typeof d === "string" ? parseDecimal(d) : Number.NaN));
  const days = form.hoursByWeekday;
  if (!days || typeof days !== "object") return { openWeekdays, opensAtMinute: minuteOfDay(form.opensAtMinute), closesAtMinute: minuteOfDay(form.closesAtMinute) };
  const hoursByWeekday = Array.from({ length: 7 }, (_, i) => {
    const day = (days as Record<string, unknown>)[i];
    const field = (name: string) => (day && typeof day === "object" ? (day as Record<string, unknown>)[name] : undefined);
    const hours = { opensAtMinute: minuteOfDay(field("opensAtMinute")), closesAtMinute: minuteOfDay(field("closesAtMinute")) };
    const closed = !openWeekdays.includes(i + 1);
    return closed && (Number.isNaN(hours.opensAtMinute) || Number.isNaN(hours.closesAtMinute)) ? { opensAtMinute: DEFAULT_SETTINGS.opensAtMinute, closesAtMinute: DEFAULT_SETTINGS.closesAtMinute } : hours;
  });
  const open = hoursByWeekday.filter((h, i) => openWeekdays.includes(i + 1) && Number.isFinite(h.opensAtMinute) && Number.isFinite(h.closesAtMinute));
  return {
    openWeekdays,
    opensAtMinute: open.length ? Math.min(...open.map((h) => h.opensAtMinute)) : DEFAULT_SETTINGS.opensAtMinute,
    closesAtMinute: open.length ? Math.max(...open.map((h) => h.closesAtMinute)) : DEFAULT_SETTINGS.closesAtMinute,
    hoursByWeekday,
  };
}

/**
 * The form's fields (strings; open days a checkbox group) as a settings candidate, unvalidated:
 * an empty or non-numeric field becomes a value zod refuses with the field's own message.
 */
export function settingsCandidateOf(form: Record<string, unknown>): TClinicSettingsInput {
  // Field names are paths ("integrationWindowDays.min"); the action's form reader nests them.
  const at = (path: string) => path.split(".").reduce<unknown>((node, key) => (node && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined), form);
  const n = (path: string) => number(at(path)) as number;
  return {
    sessionMinutes: {
      INTAKE: n("sessionMinutes.INTAKE"),
      PREPARATION: n("sessionMinutes.PREPARATION"),
      MEDICAL_EVALUATION: n("sessionMinutes.MEDICAL_EVALUATION"),
      MEDICINE_TAKING_TURNS: n("sessionMinutes.MEDICINE_TAKING_TURNS"),
      MEDICINE_LOW_DOSE: n("sessionMinutes.MEDICINE_LOW_DOSE"),
      INTEGRATION: n("sessionMinutes.INTEGRATION"),
      COUPLES_THERAPY: n("sessionMinutes.COUPLES_THERAPY"),
    },
    minPreparations: { TAKING_TURNS: n("minPreparations.TAKING_TURNS"), LOW_DOSE_TOGETHER: n("minPreparations.LOW_DOSE_TOGETHER") },
    clearanceValidityDays: n("clearanceValidityDays"),
    integrationWindowDays: { min: n("integrationWindowDays.min"), max: n("integrationWindowDays.max") },
    lowDoseSeries: { min: n("lowDoseSeries.min"), max: n("lowDoseSeries.max") },
    ...openingHoursOf(form),
    safetyScreen: { enabled: ticked(at("safetyScreen.enabled")), days: n("safetyScreen.days") },
    maxSystolic: n("maxSystolic"),
    maxDiastolic: n("maxDiastolic"),
    maxHeartRate: n("maxHeartRate"),
    vitalsIntervalMinMinutes: n("vitalsIntervalMinMinutes"),
    vitalsIntervalMaxMinutes: n("vitalsIntervalMaxMinutes"),
    dischargeMinMinutes: n("dischargeMinMinutes"),
    idleTimeoutMinutes: n("idleTimeoutMinutes"),
    absoluteTimeoutHours: n("absoluteTimeoutHours"),
    noteLateHours: n("noteLateHours"),
    feedFullNames: ticked(form.feedFullNames),
    reminderDaysBefore: n("reminderDaysBefore"),
    reminderAtMinute: minuteOfDay(form.reminderAtMinute),
    preparationText: typeof form.preparationText === "string" ? form.preparationText : "",
    contactPhone: blankToNull(form.contactPhone),
    contactEmail: blankToNull(form.contactEmail),
    staffDigestOn: ticked(form.staffDigestOn),
    staffDigestAtMinute: minuteOfDay(form.staffDigestAtMinute),
  };
}

/** The action's input: the form as a candidate. Validation is the domain function's (updateClinicSettings). */
export const ZClinicSettingsForm = z.record(z.string(), z.unknown()).transform(settingsCandidateOf);
