// The clearance form, validated on the server. Whether the dates fit the clinic's settings (not in
// the future, valid-until within the validity period) needs the clinic, so record-clearance checks
// that; everything that can be said from the input alone is said here, on the field concerned.
import { z } from "zod";
import { measured, refineBloodPressure, ZVitalsFields } from "../dosing/input";
import { DATE_FIELDS, zCalendarDate } from "../input/calendar-date";
import { MAX_PLAUSIBLE_DOSE_MG } from "../dosing/input";
import { SCREENING_KEYS, screeningFrom, type ScreeningKey } from "./screening";

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
/** A checkbox group arrives as nothing, one string or several. */
const listOf = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(item));

export const ZClearanceInput = ZVitalsFields.extend({
  clientId: z.uuid({ message: "Choose the partner." }),
  /** The medical evaluation this clearance answers, when it was booked as a session. */
  evaluationSessionId: z.preprocess(blankToUndefined, z.uuid().optional()),
  /** Set when this clearance amends (supersedes) a signed one. */
  supersedesId: z.preprocess(blankToUndefined, z.uuid().optional()),
  evaluatedOn: zCalendarDate(DATE_FIELDS.clearance, "Enter the evaluation date as YYYY-MM-DD."),
  screening: listOf(z.enum(SCREENING_KEYS as [ScreeningKey, ...ScreeningKey[]], { message: "Unknown screening item." })).transform((keys) => screeningFrom(keys)),
  decision: z.enum(["CLEARED", "CLEARED_WITH_CONDITIONS", "NOT_CLEARED", "DEFERRED"], { message: "Choose a decision." }),
  conditions: z.preprocess((v) => (typeof v === "string" ? v : ""), z.string().trim().max(2000, "Keep the conditions under 2000 characters.")),
  models: listOf(z.enum(["TAKING_TURNS", "LOW_DOSE_TOGETHER"], { message: "Unknown model." })),
  maxDoseMg: z.preprocess(blankToUndefined, measured("the maximum dose", "mg", 0.01, MAX_PLAUSIBLE_DOSE_MG, { decimals: 2 }).optional()),
  route: z.preprocess(blankToUndefined, z.enum(["SUBLINGUAL_LOZENGE", "INTRAMUSCULAR"], { message: "Choose the route." }).optional()),
  /** Blank: the clinic's validity period from the evaluation date. */
  validUntil: z.preprocess(blankToUndefined, zCalendarDate(DATE_FIELDS.clearance, "Enter the date as YYYY-MM-DD.").optional()),
})
  .superRefine(refineBloodPressure)
  .superRefine((v, ctx) => {
    const dosing = v.decision === "CLEARED" || v.decision === "CLEARED_WITH_CONDITIONS";
    if (v.decision === "CLEARED_WITH_CONDITIONS" && v.conditions.length === 0) {
      ctx.addIssue({ code: "custom", path: ["conditions"], message: "State the conditions of this clearance." });
    }
    if (dosing && v.models.length === 0) ctx.addIssue({ code: "custom", path: ["models"], message: "Choose the model(s) this clearance covers." });
    if (dosing && v.maxDoseMg === undefined) ctx.addIssue({ code: "custom", path: ["maxDoseMg"], message: "Enter the maximum dose (mg)." });
    if (dosing && v.route === undefined) ctx.addIssue({ code: "custom", path: ["route"], message: "Choose the route." });
    if (v.validUntil !== undefined && v.validUntil < v.evaluatedOn) {
      ctx.addIssue({ code: "custom", path: ["validUntil"], message: "Valid until cannot be before the evaluation date." });
    }
  })
  .transform((v) => {
    // Not cleared or deferred lets nobody dose: models, dose and route say nothing then.
    const dosing = v.decision === "CLEARED" || v.decision === "CLEARED_WITH_CONDITIONS";
    return dosing ? v : { ...v, models: [], maxDoseMg: undefined, route: undefined };
  });
export type TClearanceInput = z.output<typeof ZClearanceInput>;

export const ZRevokeInput = z.object({
  clearanceId: z.uuid({ message: "Choose the clearance." }),
  reason: z.string().trim().min(5, "Give the reason for revoking (at least 5 characters).").max(2000, "Keep the reason under 2000 characters."),
});
export type TRevokeInput = z.output<typeof ZRevokeInput>;

export const ZSignInput = z.object({ clearanceId: z.uuid({ message: "Choose the clearance." }) });
