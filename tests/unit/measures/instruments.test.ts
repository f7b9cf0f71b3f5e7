import { describe, expect, test } from "vitest";
import {
  ANSWERS,
  bandOf,
  CSI16,
  CSI16_CUTOFF,
  GAD7,
  INSTRUMENTS,
  item9Positive,
  onScale,
  PHQ9,
  pointsAt,
  positionsOf,
  score,
  type InstrumentId,
} from "@/lib/measures/instruments";

// Worked examples from the instruments' published scoring rules: PHQ-9 (Kroenke et al. 2001) and
// GAD-7 (Spitzer et al. 2006) sum their items' 0–3 points, with bands at 5, 10, 15 (and 20 for
// PHQ-9); CSI-16 (Funk & Rogge 2007) sums 16 items (item 1 0–6, the rest 0–5) to 0–81, and a total
// below 51.5 marks notable relationship dissatisfaction.

/** Answers (points) that add up to `total`, filled from the first item. */
function pointsFor(id: InstrumentId, total: number): number[] {
  let left = total;
  return INSTRUMENTS[id].items.map((item) => {
    const top = Math.max(...item.options.map((o) => o.points));
    const p = Math.min(top, left);
    left -= p;
    return p;
  });
}

/** Form answers ({ q1: "2", … }) that choose these points. */
function formFor(id: InstrumentId, points: readonly number[]): Record<string, string> {
  return Object.fromEntries(positionsOf(id, points).map((position, i) => [`q${i + 1}`, String(position)]));
}

describe("the published items", () => {
  test.each([
    ["PHQ9", 9, 27],
    ["GAD7", 7, 21],
    ["CSI16", 16, 81],
  ] as const)("%s has %i items and a maximum of %i", (id, count, max) => {
    const instrument = INSTRUMENTS[id];
    expect(instrument.items).toHaveLength(count);
    expect(instrument.items.map((i) => i.number)).toEqual(Array.from({ length: count }, (_, i) => i + 1));
    expect(instrument.maxTotal).toBe(max);
    expect(instrument.items.reduce((sum, item) => sum + Math.max(...item.options.map((o) => o.points)), 0)).toBe(max);
    // Bands cover 0..max without gaps or overlaps.
    expect(instrument.bands[0].min).toBe(0);
    expect(instrument.bands.at(-1)!.max).toBe(max);
    for (let i = 1; i < instrument.bands.length; i++) expect(instrument.bands[i].min).toBe(instrument.bands[i - 1].max + 1);
  });

  test("PHQ-9 and GAD-7 answer how often, 0–3", () => {
    for (const item of [...PHQ9.items, ...GAD7.items]) {
      expect(item.options).toEqual([
        { label: "Not at all", points: 0 },
        { label: "Several days", points: 1 },
        { label: "More than half the days", points: 2 },
        { label: "Nearly every day", points: 3 },
      ]);
    }
    expect(PHQ9.items[8].text).toBe("Thoughts that you would be better off dead or of hurting yourself in some way");
    expect(GAD7.items[0].text).toBe("Feeling nervous, anxious or on edge");
  });

  test("CSI-16: item 1 scores 0–6, item 2 runs from 'All the time' (5) to 'Never' (0), items 3–10 0–5", () => {
    expect(CSI16.items[0].options.map((o) => [o.label, o.points])).toEqual([
      ["Extremely unhappy", 0],
      ["Fairly unhappy", 1],
      ["A little unhappy", 2],
      ["Happy", 3],
      ["Very happy", 4],
      ["Extremely happy", 5],
      ["Perfect", 6],
    ]);
    expect(CSI16.items[1].options.map((o) => o.points)).toEqual([5, 4, 3, 2, 1, 0]);
    expect(CSI16.items[1].options[0].label).toBe("All the time");
    for (const item of CSI16.items.slice(2, 10)) expect(item.options.map((o) => o.points)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  test.each([
    [11, "INTERESTING", "BORING", [5, 4, 3, 2, 1, 0]],
    [12, "BAD", "GOOD", [0, 1, 2, 3, 4, 5]],
    [13, "FULL", "EMPTY", [5, 4, 3, 2, 1, 0]],
    [14, "STURDY", "FRAGILE", [5, 4, 3, 2, 1, 0]],
    [15, "DISCOURAGING", "HOPEFUL", [0, 1, 2, 3, 4, 5]],
    [16, "ENJOYABLE", "MISERABLE", [5, 4, 3, 2, 1, 0]],
  ])("CSI-16 item %i, %s – %s: the satisfied pole scores 5 (positions left to right: %j)", (number, left, right, points) => {
    const item = CSI16.items[number - 1];
    expect(item.poles).toEqual({ left, right });
    expect(item.options.map((o) => o.points)).toEqual(points);
  });
});

describe("scores and bands", () => {
  test.each([
    ["PHQ9", 0, "Minimal"],
    ["PHQ9", 4, "Minimal"],
    ["PHQ9", 5, "Mild"],
    ["PHQ9", 9, "Mild"],
    ["PHQ9", 10, "Moderate"],
    ["PHQ9", 14, "Moderate"],
    ["PHQ9", 15, "Moderately severe"],
    ["PHQ9", 19, "Moderately severe"],
    ["PHQ9", 20, "Severe"],
    ["PHQ9", 27, "Severe"],
    ["GAD7", 0, "Minimal"],
    ["GAD7", 4, "Minimal"],
    ["GAD7", 5, "Mild"],
    ["GAD7", 9, "Mild"],
    ["GAD7", 10, "Moderate"],
    ["GAD7", 14, "Moderate"],
    ["GAD7", 15, "Severe"],
    ["GAD7", 21, "Severe"],
    ["CSI16", 0, "Notable relationship dissatisfaction"],
    ["CSI16", 51, "Notable relationship dissatisfaction"],
    ["CSI16", 52, "No notable dissatisfaction"],
    ["CSI16", 81, "No notable dissatisfaction"],
  ] as const)("%s total %i: %s", (id, total, label) => {
    const points = pointsFor(id, total);
    expect(score(id, points)).toMatchObject({ total, band: { label } });
    expect(bandOf(id, total).label).toBe(label);
  });

  test("PHQ-9 worked example: several days on items 1–5, more than half the days on 6 and 7 → 9, mild", () => {
    const points = pointsAt("PHQ9", [1, 1, 1, 1, 1, 2, 2, 0, 0]);
    expect(points).toEqual([1, 1, 1, 1, 1, 2, 2, 0, 0]);
    expect(score("PHQ9", points)).toEqual({ total: 9, band: { min: 5, max: 9, label: "Mild" }, item9: 0 });
  });

  test("PHQ-9 item 9: any answer above 'Not at all' is flagged, whatever the total", () => {
    const onlyItem9 = [0, 0, 0, 0, 0, 0, 0, 0, 1];
    expect(score("PHQ9", onlyItem9)).toMatchObject({ total: 1, band: { label: "Minimal" }, item9: 1 });
    expect(item9Positive(onlyItem9)).toBe(true);
    expect(item9Positive([3, 3, 3, 3, 3, 3, 3, 3, 0])).toBe(false);
    expect(score("PHQ9", [3, 3, 3, 3, 3, 3, 3, 3, 0])).toMatchObject({ total: 24, band: { label: "Severe" }, item9: 0 });
    expect(score("PHQ9", [3, 3, 3, 3, 3, 3, 3, 3, 3])).toMatchObject({ total: 27, item9: 3 });
  });

  test("GAD-7 worked example: nearly every day on items 1–3, several days on 4–7 → 13, moderate", () => {
    expect(score("GAD7", pointsAt("GAD7", [3, 3, 3, 1, 1, 1, 1]))).toEqual({ total: 13, band: { min: 10, max: 14, label: "Moderate" } });
  });

  test("CSI-16: the first answer of every item scores 25, because items 2, 11, 13, 14 and 16 put their 5 first", () => {
    const first = pointsAt("CSI16", Array(16).fill(0));
    expect(first).toEqual([0, 5, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 5, 5, 0, 5]);
    expect(score("CSI16", first)).toMatchObject({ total: 25, dissatisfied: true });
  });

  test("CSI-16: the last answer of every item scores 56 (Perfect is 6; 'Never', BORING, EMPTY, FRAGILE, MISERABLE are 0)", () => {
    const last = pointsAt("CSI16", CSI16.items.map((i) => i.options.length - 1));
    expect(last).toEqual([6, 0, 5, 5, 5, 5, 5, 5, 5, 5, 0, 5, 0, 0, 5, 0]);
    expect(score("CSI16", last)).toMatchObject({ total: 56, dissatisfied: false });
  });

  test("CSI-16: the most satisfied answer everywhere is 81; choosing BAD and DISCOURAGING instead costs 10", () => {
    const best = CSI16.items.map((i) => Math.max(...i.options.map((o) => o.points)));
    expect(score("CSI16", best)).toMatchObject({ total: 81, dissatisfied: false });
    const positions = positionsOf("CSI16", best);
    // BAD–GOOD and DISCOURAGING–HOPEFUL: the satisfied end is the last position.
    expect(positions[11]).toBe(5);
    expect(positions[14]).toBe(5);
    positions[11] = 0;
    positions[14] = 0;
    expect(score("CSI16", pointsAt("CSI16", positions)).total).toBe(71);
  });

  test(`CSI-16: ${CSI16_CUTOFF} is the cut — 51 is below it, 52 is not`, () => {
    expect(score("CSI16", pointsFor("CSI16", 51)).dissatisfied).toBe(true);
    expect(score("CSI16", pointsFor("CSI16", 52)).dissatisfied).toBe(false);
  });

  test("answers off the scale are not scored", () => {
    expect(onScale("PHQ9", [0, 0, 0, 0, 0, 0, 0, 0])).toBe(false);
    expect(onScale("PHQ9", [0, 0, 0, 0, 0, 0, 0, 0, 4])).toBe(false);
    expect(onScale("CSI16", [6, ...Array(15).fill(5)])).toBe(true);
    expect(onScale("CSI16", [5, 6, ...Array(14).fill(5)])).toBe(false);
    expect(onScale("GAD7", [0, 0, 0, 0, 0, 0, 0.5])).toBe(false);
    expect(() => score("GAD7", [0, 0, 0, 0, 0, 0, -1])).toThrow(RangeError);
    expect(() => bandOf("GAD7", 22)).toThrow(RangeError);
  });
});

describe("a form's answers", () => {
  test("positions become points, scored on the server", () => {
    const parsed = ANSWERS.CSI16.safeParse(formFor("CSI16", [6, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5]));
    expect(parsed).toMatchObject({ success: true, data: [6, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5] });
    expect(ANSWERS.PHQ9.parse({ q1: "3", q2: "3", q3: "0", q4: "0", q5: "0", q6: "0", q7: "0", q8: "0", q9: " 1 " })).toEqual([3, 3, 0, 0, 0, 0, 0, 0, 1]);
  });

  test.each([
    ["a missing item", { q3: undefined }, "q3"],
    ["an empty answer", { q3: "" }, "q3"],
    ["a position past the last answer", { q3: "4" }, "q3"],
    ["a negative position", { q7: "-1" }, "q7"],
    ["a fraction", { q5: "1.5" }, "q5"],
    ["words", { q9: "often" }, "q9"],
  ])("PHQ-9 refuses %s, naming the item", (_what, change, field) => {
    const answers: Record<string, string | undefined> = { ...formFor("PHQ9", Array(9).fill(0)), ...change };
    const parsed = ANSWERS.PHQ9.safeParse(answers);
    expect(parsed.success).toBe(false);
    const issues = parsed.error!.issues.map((i) => [i.path.join("."), i.message]);
    expect(issues).toEqual([[field, `Item ${field.slice(1)}: choose one of the answers.`]]);
  });

  test("nothing answered: every item is named", () => {
    const parsed = ANSWERS.GAD7.safeParse(undefined);
    expect(parsed.error!.issues.map((i) => i.message)).toEqual(GAD7.items.map((i) => `Item ${i.number}: choose one of the answers.`));
  });

  test("CSI-16 item 1 has a seventh answer (Perfect); item 2 has six", () => {
    const answers = formFor("CSI16", Array(16).fill(0).map((_, i) => (i === 1 ? 5 : 0)));
    expect(ANSWERS.CSI16.safeParse({ ...answers, q1: "6" }).success).toBe(true);
    const parsed = ANSWERS.CSI16.safeParse({ ...answers, q2: "6" });
    expect(parsed.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([["q2", "Item 2: choose one of the answers."]]);
  });
});
