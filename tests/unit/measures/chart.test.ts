import { describe, expect, test } from "vitest";
import { CHART, chartLayout } from "@/lib/measures/chart";

// Where the progress chart puts things: scores on the instrument's scale (0 at the bottom, the
// maximum at the top), bands meeting without gaps, medicine sessions on the time axis.

const at = (iso: string) => new Date(iso);
const base = {
  timeZone: "America/Los_Angeles",
  now: at("2026-04-01T12:00:00Z"),
  medicine: [{ startsAt: at("2026-03-10T17:00:00Z"), label: "Medicine session, Tue 10 Mar" }],
};

describe("the progress chart's layout", () => {
  const layout = chartLayout({
    ...base,
    instrument: "PHQ9",
    series: [
      { name: "Sam", points: [{ takenAt: at("2026-03-20T17:00:00Z"), total: 4 }, { takenAt: at("2026-03-02T17:00:00Z"), total: 27 }] },
      { name: "Jordan", points: [{ takenAt: at("2026-03-02T18:00:00Z"), total: 0 }] },
    ],
  });
  const { plot } = layout;

  test("the maximum is at the top of the plot and 0 at its bottom", () => {
    const [first, last] = layout.series[0].points;
    expect(first.total).toBe(27);
    expect(first.y).toBe(plot.y);
    expect(layout.series[1].points[0].y).toBe(plot.y + plot.height);
    expect(last.y).toBeCloseTo(plot.y + plot.height * (1 - 4 / 27), 0);
  });

  test("points run in time order, inside the plot, and the line joins them", () => {
    const xs = layout.series[0].points.map((p) => p.x);
    expect(xs[0]).toBeLessThan(xs[1]);
    for (const x of [...xs, ...layout.medicine.map((m) => m.x)]) {
      expect(x).toBeGreaterThan(plot.x);
      expect(x).toBeLessThan(plot.x + plot.width);
    }
    expect(layout.series[0].path).toMatch(/^M[\d.]+ [\d.]+ L[\d.]+ [\d.]+$/);
    // The medicine session on 10 Mar lies between the scores of 2 Mar and 20 Mar.
    expect(layout.medicine[0].x).toBeGreaterThan(xs[0]);
    expect(layout.medicine[0].x).toBeLessThan(xs[1]);
  });

  test("PHQ-9's five bands cover the whole scale without gaps, a total on an edge inside its band", () => {
    expect(layout.bands.map((b) => b.label)).toEqual(["Minimal", "Mild", "Moderate", "Moderately severe", "Severe"]);
    const sorted = [...layout.bands].sort((a, b) => a.y - b.y);
    expect(sorted[0].y).toBe(plot.y);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i].y).toBeCloseTo(sorted[i - 1].y + sorted[i - 1].height, 0);
    const last = sorted.at(-1)!;
    expect(last.y + last.height).toBeCloseTo(plot.y + plot.height, 0);
    // 5 is mild: its y lies inside the Mild band.
    const mild = layout.bands[1];
    const y5 = plot.y + plot.height * (1 - 5 / 27);
    expect(y5).toBeGreaterThan(mild.y);
    expect(y5).toBeLessThan(mild.y + mild.height);
    expect(layout.bands.map((b) => b.severity)).toEqual([0, 1, 2, 3, 4]);
    expect(layout.cutoff).toBeNull();
  });

  test("CSI-16: the cut-off at 51.5 is where its two bands meet, and the satisfied band is the mildest", () => {
    const csi = chartLayout({ ...base, instrument: "CSI16", series: [{ name: "Sam", points: [{ takenAt: at("2026-03-11T18:00:00Z"), total: 60 }] }] });
    expect(csi.bands.map((b) => [b.label, b.severity])).toEqual([
      ["Notable dissatisfaction", 1],
      ["Above the cut-off", 0],
    ]);
    expect(csi.cutoff!.y).toBeCloseTo(csi.plot.y + csi.plot.height * (1 - 51.5 / 81), 0);
    expect(csi.bands[0].y).toBeCloseTo(csi.cutoff!.y, 0);
  });

  test("one score alone still gets a time axis two weeks wide, with five dated ticks", () => {
    const one = chartLayout({ ...base, medicine: [], instrument: "GAD7", series: [{ name: "Sam", points: [{ takenAt: at("2026-03-11T18:00:00Z"), total: 9 }] }] });
    expect(one.series[0].points[0].x).toBeCloseTo(one.plot.x + one.plot.width / 2, 0);
    expect(one.xTicks).toHaveLength(5);
    expect(one.xTicks[0].label).toBe("Mar 4");
    expect(one.xTicks[4].label).toBe("Mar 18");
    expect(CHART.width).toBeGreaterThan(one.plot.x + one.plot.width);
  });
});
