// What staff type on a dosing day, validated with plausible ranges and units. The database has
// the same floor (VitalsReading_plausible, Administration_dose_positive); these give the words.
import { z } from "zod";
import { numberFromForm } from "../input/decimal";

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** A number typed into a form: required, in range, with the unit in every message. */
export function measured(what: string, unit: string, min: number, max: number, options: { integer?: boolean; decimals?: number } = {}) {
  const range = `${capitalise(what)} must be between ${min} and ${max} ${unit}.`;
  let n = z
    .number({ error: (issue) => (issue.input === undefined ? `Enter ${what} (${unit}).` : `Enter ${what} as a number (${unit}).`) })
    .min(min, range)
    .max(max, range);
  if (options.integer) n = n.int(`Enter ${what} as a whole number (${unit}).`);
  const decimals = options.decimals;
  const checked =
    decimals === undefined
      ? n
      : n.refine((v) => Math.abs(Math.round(v * 10 ** decimals) - v * 10 ** decimals) < 1e-6, `Enter ${what} with at most ${decimals} decimals (${unit}).`);
  return z.preprocess(numberFromForm, checked);
}

function capitalise(s: string) {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Blood pressure and heart rate, as taken at an evaluation or on a dosing day. */
export const ZVitalsFields = z.object({
  systolic: measured("the systolic pressure", "mmHg", 50, 300, { integer: true }),
  diastolic: measured("the diastolic pressure", "mmHg", 20, 200, { integer: true }),
  heartRate: measured("the heart rate", "beats per minute", 20, 250, { integer: true }),
});

/** Systolic above diastolic, reported on the diastolic field. */
export function refineBloodPressure(v: { systolic: number; diastolic: number }, ctx: z.RefinementCtx) {
  if (v.diastolic >= v.systolic) {
    ctx.addIssue({ code: "custom", path: ["diastolic"], message: "The diastolic pressure must be lower than the systolic pressure." });
  }
}

/** "HH:mm" on the session's day in the clinic's zone; blank means now. */
export const ZClockTime = z.preprocess(
  blankToUndefined,
  z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Enter the time as HH:MM (24-hour clock).")
    .optional(),
);

const uuid = (what: string) => z.uuid({ message: `Choose ${what}.` });

export const ZVitalsInput = ZVitalsFields.extend({
  sessionId: uuid("the session"),
  clientId: uuid("the partner"),
  phase: z.enum(["BEFORE_DOSING", "DURING", "BEFORE_DISCHARGE"], { message: "Choose when the reading was taken." }),
  time: ZClockTime,
}).superRefine(refineBloodPressure);
export type TVitalsInput = z.output<typeof ZVitalsInput>;

/** Ketamine for KAP: a single dose above 500 mg is not plausible by either route. */
export const MAX_PLAUSIBLE_DOSE_MG = 500;

export const ZAdministrationInput = z.object({
  sessionId: uuid("the session"),
  clientId: uuid("the partner"),
  doseMg: measured("the dose", "mg", 0.01, MAX_PLAUSIBLE_DOSE_MG, { decimals: 2 }),
  route: z.enum(["SUBLINGUAL_LOZENGE", "INTRAMUSCULAR"], { message: "Choose the route." }),
  lotId: uuid("the lot"),
  witnessedById: uuid("a witness"),
  time: ZClockTime,
});
export type TAdministrationInput = z.output<typeof ZAdministrationInput>;

const checked = (message: string) =>
  z.union([z.literal("on"), z.literal("true"), z.boolean()]).optional().transform((v) => v === true || v === "on" || v === "true").refine((v) => v, message);

export const ZDischargeInput = z.object({
  sessionId: uuid("the session"),
  clientId: uuid("the partner"),
  alertAndOriented: checked("Discharge only a partner who is alert and oriented."),
  escortPresent: checked("Discharge only into the care of the escort who drives them home."),
});
export type TDischargeInput = z.output<typeof ZDischargeInput>;

export const ZRideHomeInput = z.object({
  sessionId: uuid("the session"),
  clientId: uuid("the partner"),
  rideHomeName: z.string().trim().min(1, "Enter who drives the partner home.").max(100, "Keep the name under 100 characters."),
  rideHomePhone: z
    .string()
    .trim()
    .min(1, "Enter the driver’s phone number.")
    .max(30, "Keep the phone number under 30 characters.")
    .refine((v) => /^\+?[\d\s().-]+$/.test(v) && v.replace(/\D/g, "").length >= 7 && v.replace(/\D/g, "").length <= 15, "Enter a phone number of 7 to 15 digits."),
});
export type TRideHomeInput = z.output<typeof ZRideHomeInput>;

export const ZOverrideInput = z.object({
  sessionId: uuid("the session"),
  vitalsReadingId: uuid("the reading"),
  reason: z.string().trim().min(5, "Give the reason for letting the dose go ahead (at least 5 characters).").max(1000, "Keep the reason under 1000 characters."),
});
export type TOverrideInput = z.output<typeof ZOverrideInput>;
