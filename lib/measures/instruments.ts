// The outcome measures (PROTOCOL.md "Outcome measures"): each instrument's published items, its
// response options with their points, the total, and the bands. Pure TypeScript: the server
// scores with it, pages print the questions from it, the seed and tests build answers with it.
//
// A form sends, for each item, the POSITION of the chosen answer as the form prints it (0 for the
// first option, left to right); the server turns positions into points here. Answers are stored
// as points in the instrument's order, so the total is their sum (the database checks that too,
// MeasureResponse_answers_on_scale).
//
// Sources:
// - PHQ-9: Kroenke, Spitzer & Williams (2001), J Gen Intern Med 16:606–613; the Pfizer form
//   (no permission needed to reproduce). Bands 0–4, 5–9, 10–14, 15–19, 20–27.
// - GAD-7: Spitzer, Kroenke, Williams & Löwe (2006), Arch Intern Med 166:1092–1097; the Pfizer
//   form. Bands 0–4, 5–9, 10–14, 15–21.
// - CSI-16: Funk & Rogge (2007), J Fam Psychol 21:572–583; the authors' CSI-16 form (freely
//   available for clinical and research use). Total 0–81; below 51.5, notable dissatisfaction.
import { z } from "zod";

export const INSTRUMENT_IDS = ["PHQ9", "GAD7", "CSI16"] as const;
export type InstrumentId = (typeof INSTRUMENT_IDS)[number];

export type ResponseOption = { label: string; points: number };

export type Item = {
  /** 1-based, as printed. */
  number: number;
  text: string;
  /** In the order the form prints them, left to right. */
  options: readonly ResponseOption[];
  /**
   * A semantic differential (CSI-16 items 11–16): two opposite words with six positions between
   * them. The options' labels are the points the authors' form prints at each position.
   */
  poles?: { left: string; right: string };
};

export type Band = { min: number; max: number; label: string };

export type Instrument = {
  id: InstrumentId;
  name: string;
  /** What it measures, in a word or two. */
  measures: string;
  /** The question the items answer. */
  instructions: string;
  /** Further instructions printed before a group of items (CSI-16's semantic differentials). */
  groupInstructions?: { beforeItem: number; text: string };
  items: readonly Item[];
  maxTotal: number;
  /** PHQ-9 and GAD-7: a higher score is worse. CSI-16: a higher score is more satisfied. */
  higherIsBetter: boolean;
  /** Contiguous, from 0 to maxTotal. */
  bands: readonly Band[];
  citation: string;
};

const FREQUENCY: readonly ResponseOption[] = [
  { label: "Not at all", points: 0 },
  { label: "Several days", points: 1 },
  { label: "More than half the days", points: 2 },
  { label: "Nearly every day", points: 3 },
];

const items = (texts: readonly string[], options: readonly ResponseOption[]): Item[] => texts.map((text, i) => ({ number: i + 1, text, options }));

export const PHQ9: Instrument = {
  id: "PHQ9",
  name: "PHQ-9",
  measures: "depression",
  instructions: "Over the last 2 weeks, how often have you been bothered by any of the following problems?",
  items: items(
    [
      "Little interest or pleasure in doing things",
      "Feeling down, depressed, or hopeless",
      "Trouble falling or staying asleep, or sleeping too much",
      "Feeling tired or having little energy",
      "Poor appetite or overeating",
      "Feeling bad about yourself — or that you are a failure or have let yourself or your family down",
      "Trouble concentrating on things, such as reading the newspaper or watching television",
      "Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual",
      "Thoughts that you would be better off dead or of hurting yourself in some way",
    ],
    FREQUENCY,
  ),
  maxTotal: 27,
  higherIsBetter: false,
  bands: [
    { min: 0, max: 4, label: "Minimal" },
    { min: 5, max: 9, label: "Mild" },
    { min: 10, max: 14, label: "Moderate" },
    { min: 15, max: 19, label: "Moderately severe" },
    { min: 20, max: 27, label: "Severe" },
  ],
  citation: "Kroenke K, Spitzer RL, Williams JB. The PHQ-9: validity of a brief depression severity measure. J Gen Intern Med. 2001;16(9):606-13.",
};

export const GAD7: Instrument = {
  id: "GAD7",
  name: "GAD-7",
  measures: "anxiety",
  instructions: "Over the last 2 weeks, how often have you been bothered by the following problems?",
  items: items(
    [
      "Feeling nervous, anxious or on edge",
      "Not being able to stop or control worrying",
      "Worrying too much about different things",
      "Trouble relaxing",
      "Being so restless that it is hard to sit still",
      "Becoming easily annoyed or irritable",
      "Feeling afraid as if something awful might happen",
    ],
    FREQUENCY,
  ),
  maxTotal: 21,
  higherIsBetter: false,
  bands: [
    { min: 0, max: 4, label: "Minimal" },
    { min: 5, max: 9, label: "Mild" },
    { min: 10, max: 14, label: "Moderate" },
    { min: 15, max: 21, label: "Severe" },
  ],
  citation: "Spitzer RL, Kroenke K, Williams JB, Löwe B. A brief measure for assessing generalized anxiety disorder: the GAD-7. Arch Intern Med. 2006;166(10):1092-7.",
};

const labelled = (labels: readonly string[], points: readonly number[]): ResponseOption[] => labels.map((label, i) => ({ label, points: points[i] }));
const UP = [0, 1, 2, 3, 4, 5] as const;
const DOWN = [5, 4, 3, 2, 1, 0] as const;
const TRUE_SCALE = labelled(["Not at all true", "A little true", "Somewhat true", "Mostly true", "Almost completely true", "Completely true"], UP);
const DEGREE_SCALE = labelled(["Not at all", "A little", "Somewhat", "Mostly", "Almost completely", "Completely"], UP);

/**
 * A semantic differential as the authors print it: the left word, six positions carrying their
 * points, the right word. The satisfied pole scores 5 wherever it stands; on BAD–GOOD and
 * DISCOURAGING–HOPEFUL it stands on the right, so those two items are reverse-keyed relative to
 * the other four (the first position scores 0, not 5).
 */
const differential = (number: number, left: string, right: string, positiveOnLeft: boolean): Item => {
  const points = positiveOnLeft ? DOWN : UP;
  return { number, text: `${left} – ${right}`, poles: { left, right }, options: labelled(points.map(String), points) };
};

export const CSI16: Instrument = {
  id: "CSI16",
  name: "CSI-16",
  measures: "relationship satisfaction",
  instructions: "Please answer each question about your relationship with your partner.",
  groupInstructions: {
    beforeItem: 11,
    text: "For each of the following items, select the answer that best describes how you feel about your relationship. Base your responses on your first impressions and immediate feelings about the item.",
  },
  items: [
    {
      number: 1,
      text: "Please indicate the degree of happiness, all things considered, of your relationship.",
      options: labelled(["Extremely unhappy", "Fairly unhappy", "A little unhappy", "Happy", "Very happy", "Extremely happy", "Perfect"], [0, 1, 2, 3, 4, 5, 6]),
    },
    {
      number: 2,
      text: "In general, how often do you think that things between you and your partner are going well?",
      options: labelled(["All the time", "Most of the time", "More often than not", "Occasionally", "Rarely", "Never"], DOWN),
    },
    { number: 3, text: "Our relationship is strong", options: TRUE_SCALE },
    { number: 4, text: "My relationship with my partner makes me happy", options: TRUE_SCALE },
    { number: 5, text: "I have a warm and comfortable relationship with my partner", options: TRUE_SCALE },
    { number: 6, text: "I really feel like part of a team with my partner", options: TRUE_SCALE },
    { number: 7, text: "How rewarding is your relationship with your partner?", options: DEGREE_SCALE },
    { number: 8, text: "How well does your partner meet your needs?", options: DEGREE_SCALE },
    { number: 9, text: "To what extent has your relationship met your original expectations?", options: DEGREE_SCALE },
    { number: 10, text: "In general, how satisfied are you with your relationship?", options: DEGREE_SCALE },
    differential(11, "INTERESTING", "BORING", true),
    differential(12, "BAD", "GOOD", false),
    differential(13, "FULL", "EMPTY", true),
    differential(14, "STURDY", "FRAGILE", true),
    differential(15, "DISCOURAGING", "HOPEFUL", false),
    differential(16, "ENJOYABLE", "MISERABLE", true),
  ],
  maxTotal: 81,
  higherIsBetter: true,
  // The authors' cut-off is 51.5: totals are whole numbers, so 51 and below is under it.
  bands: [
    { min: 0, max: 51, label: "Notable relationship dissatisfaction" },
    { min: 52, max: 81, label: "No notable dissatisfaction" },
  ],
  citation:
    "Funk JL, Rogge RD. Testing the ruler with item response theory: increasing precision of measurement for relationship satisfaction with the Couples Satisfaction Index. J Fam Psychol. 2007;21(4):572-83.",
};

export const INSTRUMENTS: Readonly<Record<InstrumentId, Instrument>> = { PHQ9, GAD7, CSI16 };

/** CSI-16: a total below this marks notable relationship dissatisfaction. */
export const CSI16_CUTOFF = 51.5;

/** PHQ-9 item 9 (thoughts of being better off dead or of self-harm), 0-based: feeds P12. */
export const PHQ9_ITEM9_INDEX = 8;

export function isInstrumentId(value: unknown): value is InstrumentId {
  return typeof value === "string" && (INSTRUMENT_IDS as readonly string[]).includes(value);
}

/** Whether `points` is a complete set of answers on the instrument's scales, in its order. */
export function onScale(id: InstrumentId, points: readonly number[]): boolean {
  const { items } = INSTRUMENTS[id];
  return points.length === items.length && points.every((p, i) => Number.isInteger(p) && items[i].options.some((o) => o.points === p));
}

export function bandOf(id: InstrumentId, total: number): Band {
  const band = INSTRUMENTS[id].bands.find((b) => total >= b.min && total <= b.max);
  if (!band) throw new RangeError(`${INSTRUMENTS[id].name} has no total of ${total}.`);
  return band;
}

export type Score = {
  total: number;
  band: Band;
  /** PHQ-9 only: item 9's points (0–3). Above 0 asks for a safety review before dosing (P12). */
  item9?: number;
  /** CSI-16 only: below 51.5. */
  dissatisfied?: boolean;
};

/** The published scoring: the sum of the items' points, its band, and the instrument's flags. */
export function score(id: InstrumentId, points: readonly number[]): Score {
  if (!onScale(id, points)) throw new RangeError(`${INSTRUMENTS[id].name} needs ${INSTRUMENTS[id].items.length} answers on its scales.`);
  const total = points.reduce((sum, p) => sum + p, 0);
  return {
    total,
    band: bandOf(id, total),
    ...(id === "PHQ9" && { item9: points[PHQ9_ITEM9_INDEX] }),
    ...(id === "CSI16" && { dissatisfied: total < CSI16_CUTOFF }),
  };
}

/** Whether a PHQ-9's item 9 is above 0 (P12: a safety review before check-in). */
export function item9Positive(points: readonly number[]): boolean {
  return (points[PHQ9_ITEM9_INDEX] ?? 0) > 0;
}

/** The points of the options chosen at these positions (as the form prints them). */
export function pointsAt(id: InstrumentId, positions: readonly number[]): number[] {
  const { items } = INSTRUMENTS[id];
  if (positions.length !== items.length) throw new RangeError(`${INSTRUMENTS[id].name} has ${items.length} items.`);
  return positions.map((position, i) => {
    const option = items[i].options[position];
    if (!option) throw new RangeError(`Item ${i + 1} has no answer at position ${position}.`);
    return option.points;
  });
}

/** The positions at which the form prints these points: to show a stored measure's answers again. */
export function positionsOf(id: InstrumentId, points: readonly number[]): number[] {
  return points.map((p, i) => INSTRUMENTS[id].items[i].options.findIndex((o) => o.points === p));
}

/** A form field's name for an item: "q3", or "PHQ9.q3" when several instruments share a form. */
export function itemField(item: number, prefix?: InstrumentId): string {
  return prefix ? `${prefix}.q${item}` : `q${item}`;
}

export const itemMessage = (item: number) => `Item ${item}: choose one of the answers.`;

/**
 * One instrument's answers as a form sends them ({ q1: "0", q2: "3", … }: each item's chosen
 * position), checked item by item ("Item 3: choose one of the answers."), scored into points.
 */
export function answersSchema(id: InstrumentId) {
  const { items } = INSTRUMENTS[id];
  const shape: Record<string, z.ZodType<number>> = {};
  for (const item of items) {
    const message = itemMessage(item.number);
    shape[`q${item.number}`] = z.preprocess(
      (v) => (typeof v === "string" && /^\d{1,2}$/.test(v.trim()) ? Number(v.trim()) : v),
      z.number({ error: message }).int({ error: message }).min(0, { error: message }).max(item.options.length - 1, { error: message }),
    );
  }
  return z.preprocess((v) => v ?? {}, z.object(shape, { error: "Answer every item." })).transform((answers) =>
    pointsAt(
      id,
      items.map((item) => (answers as Record<string, number>)[`q${item.number}`]),
    ),
  );
}

/** The schema for each instrument, made once. */
export const ANSWERS: Readonly<Record<InstrumentId, ReturnType<typeof answersSchema>>> = {
  PHQ9: answersSchema("PHQ9"),
  GAD7: answersSchema("GAD7"),
  CSI16: answersSchema("CSI16"),
};
