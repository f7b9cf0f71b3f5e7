// What the note page's forms send. The note's own fields are read against the session's kind in
// lib/notes (note-kinds.ts), once the session is loaded; here only their outer shape and size.
import { z } from "zod";
import type { FormLimits } from "../actions/form-input";
import { GOALS_MAX, NOTE_TEXT_MAX } from "./note-kinds";

const sessionId = z.uuid({ message: "Choose the session." });

export const ZNoteInput = z.object({
  sessionId,
  fields: z.record(z.string(), z.unknown()).optional(),
  goals: z.array(z.unknown()).optional(),
});
export type TNoteInput = z.output<typeof ZNoteInput>;

export const ZAddendumInput = z.object({
  sessionId,
  text: z
    .string({ error: "Write the addendum." })
    .trim()
    .min(1, "Write the addendum.")
    .max(NOTE_TEXT_MAX, `Keep the addendum under ${NOTE_TEXT_MAX.toLocaleString("en-US")} characters.`),
});
export type TAddendumInput = z.output<typeof ZAddendumInput>;

/** A note's form: long fields, and the integration note's goals as a list. */
export const NOTE_FORM_LIMITS: Partial<FormLimits> = {
  valueLength: NOTE_TEXT_MAX,
  fields: 60,
  lists: { goals: { max: GOALS_MAX, message: `An integration note takes at most ${GOALS_MAX} goals.` } },
};
