// The outcome-measure forms, validated on the server. Answers arrive per instrument under its id
// ("PHQ9.q3": item 3's chosen position), in the clinician's form and in the partner's link form
// alike, and are scored into points by lib/measures/instruments.ts. Whether a date is in the
// future needs the clinic's day, so record-measure checks that.
import { z } from "zod";
import { RECORDS_BEGIN, yearsAfter, zCalendarDate, type DateBounds } from "../input/calendar-date";
import { ANSWERS, INSTRUMENT_IDS, type InstrumentId } from "./instruments";

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
/** A checkbox group arrives as nothing, one string or several. */
const listOf = <T extends z.ZodType>(item: T) => z.preprocess((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(item));

/** A measure's date: not before the clinic's records begin; the future is refused against the clinic's own day. */
export const MEASURE_DATES: DateBounds = (today) => ({ earliest: RECORDS_BEGIN, latest: yearsAfter(today, 1) });

const instrument = z.enum(INSTRUMENT_IDS, { error: "Choose a measure." });

/** Each instrument's answers as the form sent them, to be read by `answersOf`. */
const rawAnswers = { PHQ9: z.unknown().optional(), GAD7: z.unknown().optional(), CSI16: z.unknown().optional() };

export type AnswerIssue = { path: string[]; message: string };

/** One instrument's answers scored into points, or each item's problem under "<instrument>.q<n>". */
export function answersOf(id: InstrumentId, raw: unknown): { ok: true; points: number[] } | { ok: false; issues: AnswerIssue[] } {
  const parsed = ANSWERS[id].safeParse(raw);
  if (parsed.success) return { ok: true, points: parsed.data };
  return { ok: false, issues: parsed.error.issues.map((issue) => ({ path: [id, ...issue.path.map(String)], message: issue.message })) };
}

/** Field errors keyed as the form names its fields ("PHQ9.q3"). */
export function fieldErrorsOf(issues: readonly AnswerIssue[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of issues) (out[issue.path.join(".")] ??= []).push(issue.message);
  return out;
}

/** A clinician enters one measure for a partner, in a session or not; `answers` are points. */
export type TRecordMeasure = { clientId: string; instrument: InstrumentId; sessionId?: string; takenOn?: string; answers: number[] };

export const ZRecordMeasure = z
  .object({
    clientId: z.uuid({ error: "Choose the partner." }),
    instrument,
    sessionId: z.preprocess(blankToUndefined, z.uuid({ error: "Choose a session of this partner, or none." }).optional()),
    /** Blank: now. */
    takenOn: z.preprocess(blankToUndefined, zCalendarDate(MEASURE_DATES, "Enter the date as YYYY-MM-DD.").optional()),
    ...rawAnswers,
  })
  .transform((v, ctx): TRecordMeasure => {
    const answers = answersOf(v.instrument, v[v.instrument]);
    if (!answers.ok) {
      for (const issue of answers.issues) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
      return z.NEVER;
    }
    return { clientId: v.clientId, instrument: v.instrument, sessionId: v.sessionId, takenOn: v.takenOn, answers: answers.points };
  });

/** A clinician makes a one-time link for a partner to fill in one to three measures. */
export const ZMakeMeasureLink = z.object({
  clientId: z.uuid({ error: "Choose the partner." }),
  instruments: listOf(instrument)
    .refine((list) => list.length > 0, { error: "Choose at least one measure." })
    .transform((list) => INSTRUMENT_IDS.filter((id) => list.includes(id))),
});
export type TMakeMeasureLink = z.output<typeof ZMakeMeasureLink>;

/** The partner's answers from the link; which instruments it asks for is the link's (submit-measure-link). */
export const ZSubmitMeasureLink = z.object({
  token: z.string({ error: "This link is not valid. Ask the clinic for a new one." }).trim().max(200, { error: "This link is not valid. Ask the clinic for a new one." }),
  ...rawAnswers,
});
export type TSubmitMeasureLink = z.output<typeof ZSubmitMeasureLink>;
