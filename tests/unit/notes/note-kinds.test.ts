import { describe, expect, test } from "vitest";
import {
  GOAL_TEXT_MAX,
  GOALS_MAX,
  hasWriting,
  NOTE_TEXT_MAX,
  noteShapeOf,
  parseNoteInput,
  readNoteContent,
  splitSharedGoals,
  STOP_WORD_MAX,
  type NoteContext,
  type NoteShape,
} from "@/lib/notes/note-kinds";

// P13 "Notes by session kind": each kind's fields, what signing needs, the bounds, and how the
// cycle's shared goals become the integration note's goal-by-goal insight.

const context = (kind: NoteContext["kind"], extra: Partial<NoteContext> = {}): NoteContext => ({ kind, model: "TAKING_TURNS", sharedGoals: "", ...extra });
const shape = (kind: NoteContext["kind"], extra: Partial<NoteContext> = {}) => noteShapeOf(context(kind, extra)) as NoteShape;
const keys = (s: NoteShape) => s.fields.map((f) => f.key);
const required = (s: NoteShape) => s.fields.filter((f) => f.required).map((f) => f.key);
const filled = (s: NoteShape, value = "Written.") => Object.fromEntries(s.fields.map((f) => [f.key, value]));

describe("the fields of each kind (PROTOCOL.md, Notes by session kind)", () => {
  test.each([
    ["INTAKE", ["personalHistory", "intentions", "readiness", "risksNoticed"], ["personalHistory", "intentions", "readiness", "risksNoticed"]],
    ["PREPARATION", ["sharedGoals", "sitterRole", "touchAndConsent", "stopWord", "openQuestions"], ["sharedGoals", "sitterRole", "touchAndConsent", "stopWord"]],
    ["MEDICINE_TAKING_TURNS", ["setAndSetting", "observedJourneyer", "observedSitter", "events"], ["setAndSetting", "observedJourneyer", "observedSitter", "events"]],
    ["MEDICINE_LOW_DOSE", ["setAndSetting", "observedPartnerA", "observedPartnerB", "events"], ["setAndSetting", "observedPartnerA", "observedPartnerB", "events"]],
    ["INTEGRATION", ["whatEmerged", "practices"], ["whatEmerged", "practices"]],
    ["COUPLES_THERAPY", ["data", "assessment", "plan"], ["data", "assessment", "plan"]],
  ] as const)("%s: fields and the ones signing needs", (kind, fields, needed) => {
    const s = shape(kind);
    expect(keys(s)).toEqual(fields);
    expect(required(s)).toEqual(needed);
  });

  test("a medical evaluation has no note: its record is the clearance", () => {
    expect(noteShapeOf(context("MEDICAL_EVALUATION"))).toBeNull();
  });

  test("in Low Dose Together there is no sitter: the roles field is optional", () => {
    expect(required(shape("PREPARATION", { model: "LOW_DOSE_TOGETHER" }))).toEqual(["sharedGoals", "touchAndConsent", "stopWord"]);
  });

  test("the medicine session's observations name the partners", () => {
    expect(shape("MEDICINE_TAKING_TURNS", { journeyer: "Sam", sitter: "Jordan" }).fields.map((f) => f.label)).toEqual([
      "Set and setting",
      "What you observed of Sam (journeying)",
      "What you observed of Jordan (sitting)",
      "Events",
    ]);
    expect(shape("MEDICINE_LOW_DOSE", { partnerA: "Drew", partnerB: "Skyler" }).fields.map((f) => f.label)).toContain("What you observed of Skyler");
  });

  test("every field is bounded: 8,000 characters, the stop word 100", () => {
    for (const kind of ["INTAKE", "PREPARATION", "MEDICINE_TAKING_TURNS", "MEDICINE_LOW_DOSE", "INTEGRATION", "COUPLES_THERAPY"] as const) {
      for (const f of shape(kind).fields) expect(f.max).toBe(f.key === "stopWord" ? STOP_WORD_MAX : NOTE_TEXT_MAX);
    }
  });
});

describe("shared goals, one per line", () => {
  test.each([
    ["", []],
    ["   \n\n  ", []],
    ["Repair after pursue-withdraw.", ["Repair after pursue-withdraw."]],
    ["Repair after pursue-withdraw.\nRebuild trust in repair attempts.", ["Repair after pursue-withdraw.", "Rebuild trust in repair attempts."]],
    ["- Listen with less reactivity\r\n* More warmth\r\n• Name needs", ["Listen with less reactivity", "More warmth", "Name needs"]],
    ["1. First\n2) Second\n\n  3. Third  ", ["First", "Second", "Third"]],
    // A line is one goal, whatever punctuation it holds.
    ["Repair; rebuild trust", ["Repair; rebuild trust"]],
    // A number that starts a sentence is kept.
    ["2026 is the year we travel", ["2026 is the year we travel"]],
  ])("%j", (text, goals) => {
    expect(splitSharedGoals(text)).toEqual(goals);
  });

  test(`at most ${GOALS_MAX} goals, each at most ${GOAL_TEXT_MAX} characters`, () => {
    const many = Array.from({ length: GOALS_MAX + 5 }, (_, i) => `Goal ${i + 1}`).join("\n");
    expect(splitSharedGoals(many)).toHaveLength(GOALS_MAX);
    const [long] = splitSharedGoals("x".repeat(GOAL_TEXT_MAX + 50));
    expect(long).toHaveLength(GOAL_TEXT_MAX);
    expect(long.endsWith("…")).toBe(true);
  });

  test("the integration note takes the cycle's goals in order", () => {
    expect(shape("INTEGRATION", { sharedGoals: "Repair\nTrust" }).goals).toEqual(["Repair", "Trust"]);
  });
});

describe("drafts and signing", () => {
  test("a draft may be partial, and keeps exactly the shape's fields", () => {
    const s = shape("INTAKE");
    const parsed = parseNoteInput(s, { fields: { personalHistory: "Grew up by the sea.", somethingElse: "dropped" } }, "draft");
    expect(parsed).toEqual({ ok: true, content: { fields: { personalHistory: "Grew up by the sea.", intentions: "", readiness: "", risksNoticed: "" } } });
    expect(parseNoteInput(s, {}, "draft")).toMatchObject({ ok: true });
  });

  test("signing needs every required field, each named in words", () => {
    const s = shape("INTAKE");
    const parsed = parseNoteInput(s, { fields: { personalHistory: "Written.", intentions: "   " } }, "sign");
    expect(parsed).toEqual({
      ok: false,
      fieldErrors: {
        "fields.intentions": ["Write “Intentions for the work” before signing."],
        "fields.readiness": ["Write “Readiness” before signing."],
        "fields.risksNoticed": ["Write “Risks noticed” before signing."],
      },
    });
    expect(parseNoteInput(s, undefined, "sign")).toMatchObject({ ok: false, fieldErrors: { "fields.personalHistory": ["Write “Personal history” before signing."] } });
  });

  test("optional fields may stay blank when signing", () => {
    const s = shape("PREPARATION");
    expect(parseNoteInput(s, { fields: { ...filled(s), openQuestions: "" } }, "sign")).toMatchObject({ ok: true });
  });

  test("too long is refused in a draft too, with the field's words", () => {
    const s = shape("COUPLES_THERAPY");
    expect(parseNoteInput(s, { fields: { data: "x".repeat(NOTE_TEXT_MAX) } }, "draft")).toMatchObject({ ok: true });
    expect(parseNoteInput(s, { fields: { data: "x".repeat(NOTE_TEXT_MAX + 1) } }, "draft")).toEqual({
      ok: false,
      fieldErrors: { "fields.data": ["Keep “Data” under 8,000 characters."] },
    });
    const prep = shape("PREPARATION");
    expect(parseNoteInput(prep, { fields: { stopWord: "w".repeat(STOP_WORD_MAX + 1) } }, "draft")).toEqual({
      ok: false,
      fieldErrors: { "fields.stopWord": ["Keep “Agreement: the stop word” under 100 characters."] },
    });
  });

  test("a value that is not text is refused, not stored", () => {
    expect(parseNoteInput(shape("INTAKE"), { fields: { readiness: ["a", "b"] } }, "draft")).toEqual({
      ok: false,
      fieldErrors: { "fields.readiness": ["“Readiness” must be text."] },
    });
  });

  test("integration: insight goal by goal, each needed to sign, stored with its goal", () => {
    const s = shape("INTEGRATION", { sharedGoals: "Repair after pursue-withdraw\nRebuild trust" });
    const fields = filled(s);
    expect(parseNoteInput(s, { fields, goals: [{ insight: "Named the pattern." }] }, "sign")).toEqual({
      ok: false,
      fieldErrors: { "goals.1.insight": ["Write the insight for the goal “Rebuild trust” before signing."] },
    });
    const signed = parseNoteInput(s, { fields, goals: [{ insight: "Named the pattern." }, { insight: "Asked for help." }, { insight: "beyond the goals" }] }, "sign");
    expect(signed).toEqual({
      ok: true,
      content: {
        fields,
        goals: [
          { goal: "Repair after pursue-withdraw", insight: "Named the pattern." },
          { goal: "Rebuild trust", insight: "Asked for help." },
        ],
      },
    });
  });

  test("signing an empty integration note names every field and every goal at once", () => {
    const s = shape("INTEGRATION", { sharedGoals: "Repair\nTrust" });
    const parsed = parseNoteInput(s, {}, "sign");
    expect(parsed.ok ? [] : Object.keys(parsed.fieldErrors)).toEqual(["fields.whatEmerged", "fields.practices", "goals.0.insight", "goals.1.insight"]);
  });

  test("integration without goals written down: one insight box, still needed to sign", () => {
    const s = shape("INTEGRATION", { sharedGoals: "" });
    expect(parseNoteInput(s, { fields: filled(s) }, "sign")).toEqual({ ok: false, fieldErrors: { "goals.0.insight": ["Write the insight before signing."] } });
    expect(parseNoteInput(s, { fields: filled(s), goals: [{ insight: "Closer." }] }, "sign")).toMatchObject({ ok: true, content: { goals: [{ goal: "", insight: "Closer." }] } });
  });

  test(`the goal list is bounded (${GOALS_MAX})`, () => {
    const s = shape("INTEGRATION", { sharedGoals: "One" });
    const goals = Array.from({ length: GOALS_MAX + 1 }, () => ({ insight: "x" }));
    expect(parseNoteInput(s, { goals }, "draft")).toEqual({ ok: false, fieldErrors: { goals: [`An integration note takes at most ${GOALS_MAX} goals.`] } });
  });

  test("stored content is read defensively", () => {
    expect(readNoteContent(null)).toEqual({ fields: {} });
    expect(readNoteContent({ fields: { data: "x" }, goals: "nonsense" })).toEqual({ fields: { data: "x" }, goals: undefined, dosingRecordIds: undefined });
    expect(hasWriting({ fields: { data: "  " } })).toBe(false);
    expect(hasWriting({ fields: {}, goals: [{ goal: "g", insight: "i" }] })).toBe(true);
  });
});
