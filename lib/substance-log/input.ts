import { z } from "zod";
import { measured } from "../dosing/input";
import { DATE_FIELDS, yearsAfter, zCalendarDate } from "../input/calendar-date";

const reason = (required: string) => z.string().trim().min(3, required).max(500, "Keep it under 500 characters.");

/** A lot as supplied: Schedule III ketamine, at most 100 g in one receipt. */
export const ZReceiveInput = z.object({
  lotNumber: z
    .string()
    .trim()
    .min(1, "Enter the lot number.")
    .max(60, "Keep the lot number under 60 characters.")
    .regex(/^[A-Za-z0-9][A-Za-z0-9 ./_-]*$/, "Use letters, digits and - . / _ in the lot number."),
  quantityMg: measured("the quantity received", "mg", 1, 100_000, { decimals: 2 }),
  note: z.preprocess((v) => (typeof v === "string" ? v : ""), z.string().trim().max(500, "Keep the note under 500 characters.")),
});
export type TReceiveInput = z.output<typeof ZReceiveInput>;

export const ZWasteInput = z.object({
  lotId: z.uuid({ message: "Choose the lot." }),
  quantityMg: measured("the quantity wasted", "mg", 0.01, 100_000, { decimals: 2 }),
  reason: reason("Say why it was wasted (at least 3 characters)."),
  witnessedById: z.uuid({ message: "Choose a witness." }),
});
export type TWasteInput = z.output<typeof ZWasteInput>;

export const ZCountInput = z.object({
  lotId: z.uuid({ message: "Choose the lot." }),
  countedMg: measured("the quantity counted", "mg", 0, 100_000, { decimals: 2 }),
  note: z.preprocess((v) => (typeof v === "string" ? v : ""), z.string().trim().max(500, "Keep the note under 500 characters.")),
});
export type TCountInput = z.output<typeof ZCountInput>;

/** A correction moves the balance by a signed amount and names the entry it corrects. */
export const ZCorrectionInput = z.object({
  entryId: z.uuid({ message: "Choose the entry to correct." }),
  quantityMg: measured("the correction", "mg", -100_000, 100_000, { decimals: 2 }).refine((v) => v !== 0, "A correction changes the balance: enter a positive or negative amount (mg)."),
  reason: reason("Say what was wrong (at least 3 characters)."),
});
export type TCorrectionInput = z.output<typeof ZCorrectionInput>;

/** The longest report: a decade of the log is already far more than an inspection asks for. */
export const MAX_REPORT_YEARS = 10;

export const ZReportRange = z
  .object({
    from: zCalendarDate(DATE_FIELDS.records, "Enter the first day as YYYY-MM-DD."),
    to: zCalendarDate(DATE_FIELDS.records, "Enter the last day as YYYY-MM-DD."),
  })
  .refine((r) => r.from <= r.to, { path: ["to"], message: "The last day cannot be before the first." })
  .refine((r) => r.to < yearsAfter(r.from, MAX_REPORT_YEARS), { path: ["to"], message: `A report covers at most ${MAX_REPORT_YEARS} years.` });
export type TReportRange = z.output<typeof ZReportRange>;
