// P13 "Notes by session kind": what each session's note records, as fields, and the zod schemas
// that read a draft (anything may still be blank) and a note about to be signed (the kind's
// required fields written). Pure: no database, no React; the note page hands the shape to the
// editor as plain data.
//
// Shared goals: KapCycle.sharedGoals is free text. One goal per line (a leading "-", "*", "•"
// or "1." / "1)" is dropped, blank lines are skipped); the integration note takes them in that
// order and records insight against each one. A line is not split further: "a; b" is one goal.
import { z } from "zod";
import type { KapModel, SessionKind } from "../protocol/types";

/** The longest text any one field of a note (or an addendum) holds. */
export const NOTE_TEXT_MAX = 8_000;
/** A stop word is a word or a short phrase, said aloud. */
export const STOP_WORD_MAX = 100;
/** How many of the cycle's shared goals an integration note takes, and how long each may be. */
export const GOALS_MAX = 20;
export const GOAL_TEXT_MAX = 500;

/** Why a medical evaluation has no note of its own (P13). */
export const EVALUATION_HAS_NO_NOTE = "A medical evaluation has no note of its own: its record is the clearance the psychiatrist records and signs (P13).";

export type NoteKind = "INTAKE" | "PREPARATION" | "MEDICINE" | "INTEGRATION" | "COUPLES_THERAPY";

export type NoteField = {
  key: string;
  label: string;
  hint?: string;
  required: boolean;
  max: number;
  /** Rows of the text box: a stop word is one line. */
  rows: number;
};

export type NoteShape = {
  kind: NoteKind;
  /** "Intake note", "Progress note" … */
  title: string;
  fields: NoteField[];
  /** Integration only: the cycle's shared goals, each to be answered with insight; else null. */
  goals: string[] | null;
};

/** What shapes the form besides the kind: the cycle's model and goals, and who was there. */
export type NoteContext = {
  kind: SessionKind;
  model: KapModel | null;
  sharedGoals: string;
  /** First names, for the medicine session's observations. */
  journeyer?: string;
  sitter?: string;
  partnerA?: string;
  partnerB?: string;
};

/** What a note holds, as stored in SessionNote.content. */
export type NoteContent = {
  fields: Record<string, string>;
  /** Integration: each shared goal as it stood when the note was saved, with its insight. */
  goals?: { goal: string; insight: string }[];
  /** Medicine session: the dosing records of that day, linked when the note is signed. */
  dosingRecordIds?: string[];
};

const text = (key: string, label: string, required: boolean, hint?: string, rows = 5): NoteField => ({ key, label, required, hint, max: NOTE_TEXT_MAX, rows });

/** The cycle's shared goals, one per line, in order (see the header). */
export function splitSharedGoals(sharedGoals: string): string[] {
  return sharedGoals
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(/^\s*(?:[-*•]|\d{1,2}[.)])\s+/, "").trim())
    .filter((line) => line.length > 0)
    .slice(0, GOALS_MAX)
    .map((line) => (line.length > GOAL_TEXT_MAX ? `${line.slice(0, GOAL_TEXT_MAX - 1)}…` : line));
}

/** The note's fields for the session's kind, or null for a medical evaluation (its clearance is its record). */
export function noteShapeOf(context: NoteContext): NoteShape | null {
  switch (context.kind) {
    case "INTAKE":
      return {
        kind: "INTAKE",
        title: "Intake note",
        goals: null,
        fields: [
          text("personalHistory", "Personal history", true),
          text("intentions", "Intentions for the work", true),
          text("readiness", "Readiness", true),
          text("risksNoticed", "Risks noticed", true, "Write “None noticed” if there were none."),
        ],
      };
    case "PREPARATION": {
      const together = context.model === "LOW_DOSE_TOGETHER";
      return {
        kind: "PREPARATION",
        title: "Preparation note",
        goals: null,
        fields: [
          text("sharedGoals", "Shared goals as refined", true),
          together
            ? text("sitterRole", "Roles in the medicine session", false, "Low Dose Together: both partners dose, there is no sitter.", 3)
            : text("sitterRole", "Agreement: the sitter’s role", true, undefined, 3),
          text("touchAndConsent", "Agreement: touch and consent", true, undefined, 3),
          { key: "stopWord", label: "Agreement: the stop word", required: true, max: STOP_WORD_MAX, rows: 1 },
          text("openQuestions", "Questions still open", false, undefined, 3),
        ],
      };
    }
    case "MEDICINE_TAKING_TURNS":
      return {
        kind: "MEDICINE",
        title: "Medicine session note",
        goals: null,
        fields: [
          text("setAndSetting", "Set and setting", true),
          text("observedJourneyer", `What you observed of ${context.journeyer ?? "the journeyer"} (journeying)`, true),
          text("observedSitter", `What you observed of ${context.sitter ?? "the sitter"} (sitting)`, true),
          text("events", "Events", true, "Write “None” if nothing happened beyond the plan."),
        ],
      };
    case "MEDICINE_LOW_DOSE":
      return {
        kind: "MEDICINE",
        title: "Medicine session note",
        goals: null,
        fields: [
          text("setAndSetting", "Set and setting", true),
          text("observedPartnerA", `What you observed of ${context.partnerA ?? "the first partner"}`, true),
          text("observedPartnerB", `What you observed of ${context.partnerB ?? "the second partner"}`, true),
          text("events", "Events", true, "Write “None” if nothing happened beyond the plan."),
        ],
      };
    case "INTEGRATION":
      return {
        kind: "INTEGRATION",
        title: "Integration note",
        goals: splitSharedGoals(context.sharedGoals),
        fields: [text("whatEmerged", "What emerged", true), text("practices", "Practices until the next session", true, undefined, 3)],
      };
    case "COUPLES_THERAPY":
      return {
        kind: "COUPLES_THERAPY",
        title: "Progress note",
        goals: null,
        fields: [text("data", "Data", true, "What was said and observed."), text("assessment", "Assessment", true), text("plan", "Plan", true)],
      };
    case "MEDICAL_EVALUATION":
      return null;
  }
}

/** The words for an insight left blank, naming its goal (shortened). */
function goalWords(goal: string): string {
  return goal.length > 60 ? `${goal.slice(0, 59)}…` : goal;
}

const tooLong = (label: string, max: number) => `Keep “${label}” under ${max.toLocaleString("en-US")} characters.`;

/**
 * The schema of a note's input for this shape: a draft may leave anything blank; signing needs
 * each required field and, in an integration note, insight for every goal. The input is what the
 * form sends: `fields.<key>` and `goals.<n>.insight`; unknown fields are dropped.
 */
export function noteInputSchema(shape: NoteShape, mode: "draft" | "sign") {
  const fields = Object.fromEntries(
    shape.fields.map((f) => {
      const needed = mode === "sign" && f.required;
      const write = `Write “${f.label}” before signing.`;
      const bounded = z
        .string({ error: (issue) => (issue.input === undefined ? write : `“${f.label}” must be text.`) })
        .max(f.max, tooLong(f.label, f.max));
      return [f.key, needed ? bounded.refine((v) => v.trim().length > 0, write) : bounded.optional()];
    }),
  );
  const goals = shape.goals ?? [];
  // An integration note whose cycle has no goals written down still records insight, in one box.
  const answers = goals.length > 0 ? goals : shape.kind === "INTEGRATION" ? ["Insight"] : [];
  const insight = z.string({ error: "The insight must be text." }).max(NOTE_TEXT_MAX, tooLong("Insight", NOTE_TEXT_MAX));
  const goalSchema = z
    .array(z.object({ insight: insight.optional() }).optional(), { error: "The goals could not be read. Reload the page and try again." })
    .max(GOALS_MAX, `An integration note takes at most ${GOALS_MAX} goals.`)
    // A list even when none was sent, so that signing checks every goal beside the fields.
    .prefault([])
    .superRefine((list, ctx) => {
      if (mode !== "sign") return;
      answers.forEach((goal, i) => {
        if (!(list[i]?.insight ?? "").trim()) {
          ctx.addIssue({ code: "custom", path: [i, "insight"], message: goals.length > 0 ? `Write the insight for the goal “${goalWords(goal)}” before signing.` : "Write the insight before signing." });
        }
      });
    });
  return z.object({ fields: z.object(fields).prefault({}), goals: goalSchema });
}

export type NoteParse = { ok: true; content: NoteContent } | { ok: false; fieldErrors: Record<string, string[]> };

/**
 * Reads what the form sent into the content stored for this shape: only the shape's fields,
 * and for an integration note each goal with its insight (goals past the cycle's are dropped).
 */
export function parseNoteInput(shape: NoteShape, input: unknown, mode: "draft" | "sign"): NoteParse {
  const parsed = noteInputSchema(shape, mode).safeParse(input ?? {});
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[issue.path.join(".") || "form"] ??= []).push(issue.message);
    return { ok: false, fieldErrors };
  }
  const fields: Record<string, string> = {};
  const sent = parsed.data.fields as Record<string, string | undefined>;
  for (const f of shape.fields) fields[f.key] = sent[f.key] ?? "";
  const content: NoteContent = { fields };
  if (shape.kind === "INTEGRATION") {
    const goals = shape.goals && shape.goals.length > 0 ? shape.goals : [""];
    content.goals = goals.map((goal, i) => ({ goal, insight: parsed.data.goals?.[i]?.insight ?? "" }));
  }
  return { ok: true, content };
}

const ZStoredContent = z.object({
  fields: z.record(z.string(), z.string()).catch({}),
  goals: z.array(z.object({ goal: z.string(), insight: z.string() })).optional().catch(undefined),
  dosingRecordIds: z.array(z.string()).optional().catch(undefined),
});

/** A stored note's content, read defensively (the column is JSON): anything unreadable is empty. */
export function readNoteContent(stored: unknown): NoteContent {
  const parsed = ZStoredContent.safeParse(stored);
  return parsed.success ? parsed.data : { fields: {} };
}

/** Whether a draft holds anything worth keeping (the editor does not create empty notes). */
export function hasWriting(content: NoteContent): boolean {
  return Object.values(content.fields).some((v) => v.trim().length > 0) || (content.goals ?? []).some((g) => g.insight.trim().length > 0);
}
