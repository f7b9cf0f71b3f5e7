// The progress chart's geometry (issue 12): both partners' totals of one measure over time, the
// instrument's bands shaded behind them, the medicine sessions marked on the time axis. Pure, so
// the page draws it as SVG on the server with no chart library, and tests can check where
// things land.
import { INSTRUMENTS, type InstrumentId } from "./instruments";

export const CHART = { width: 720, height: 300, left: 44, right: 160, top: 16, bottom: 40 } as const;

/** Band names short enough for the chart's margin; the table beneath uses the full ones. */
const SHORT_BAND: Record<string, string> = {
  "Notable relationship dissatisfaction": "Notable dissatisfaction",
  "No notable dissatisfaction": "Above the cut-off",
};

const DAY = 86_400_000;

export type ChartSeries = { name: string; points: { takenAt: Date; total: number }[] };
export type ChartInput = {
  instrument: InstrumentId;
  series: ChartSeries[];
  medicine: { startsAt: Date; label: string }[];
  timeZone: string;
  /** The right end of the time axis when nothing later is shown (today). */
  now: Date;
};

export type ChartLayout = {
  plot: { x: number; y: number; width: number; height: number };
  bands: { y: number; height: number; label: string; severity: number }[];
  yTicks: { y: number; label: string }[];
  xTicks: { x: number; label: string }[];
  series: { name: string; path: string; points: { x: number; y: number; total: number; takenAt: Date }[] }[];
  medicine: { x: number; label: string }[];
  /** CSI-16's cut-off (51.5), drawn as a line; null for the other measures. */
  cutoff: { y: number; label: string } | null;
};

const round = (n: number) => Math.round(n * 10) / 10;

/** Where everything goes. An empty chart (no scores) still has its axes, so the page can say so beside it. */
export function chartLayout(input: ChartInput): ChartLayout {
  const instrument = INSTRUMENTS[input.instrument];
  const plot = { x: CHART.left, y: CHART.top, width: CHART.width - CHART.left - CHART.right, height: CHART.height - CHART.top - CHART.bottom };
  const times = [...input.series.flatMap((s) => s.points.map((p) => p.takenAt.getTime())), ...input.medicine.map((m) => m.startsAt.getTime())];
  let from = times.length > 0 ? Math.min(...times) : input.now.getTime() - 28 * DAY;
  let to = times.length > 0 ? Math.max(...times) : input.now.getTime();
  // At least two weeks wide, and a little room at each end so markers are not cut in half.
  if (to - from < 14 * DAY) {
    const middle = (from + to) / 2;
    from = middle - 7 * DAY;
    to = middle + 7 * DAY;
  }
  const pad = (to - from) * 0.04;
  from -= pad;
  to += pad;
  const x = (t: number) => round(plot.x + ((t - from) / (to - from)) * plot.width);
  const y = (score: number) => round(plot.y + plot.height - (score / instrument.maxTotal) * plot.height);

  // Totals are whole numbers: each band's shading runs half a point past its ends, so bands meet
  // without gaps and a total on a band's edge (5, say) sits inside its band (CSI-16's cut, 51.5,
  // is exactly where its two bands meet).
  const bands = instrument.bands.map((band, i) => {
    const top = i === instrument.bands.length - 1 ? instrument.maxTotal : band.max + 0.5;
    const bottom = i === 0 ? 0 : band.min - 0.5;
    // Severity 0 is the best band: the highest for CSI-16, the lowest for the others.
    const severity = instrument.higherIsBetter ? instrument.bands.length - 1 - i : i;
    return { y: y(top), height: round(y(bottom) - y(top)), label: SHORT_BAND[band.label] ?? band.label, severity };
  });
  const yTicks = [0, ...instrument.bands.slice(1).map((b) => b.min), instrument.maxTotal].map((v) => ({ y: y(v), label: String(v) }));

  const format = new Intl.DateTimeFormat("en-US", { timeZone: input.timeZone, month: "short", day: "numeric", ...(to - from > 300 * DAY ? { year: "2-digit" } : {}) });
  const tickCount = 5;
  const xTicks = Array.from({ length: tickCount }, (_, i) => {
    const t = from + pad + ((to - from - 2 * pad) * i) / (tickCount - 1);
    return { x: x(t), label: format.format(new Date(t)) };
  });

  const series = input.series.map((s) => {
    const points = [...s.points].sort((a, b) => a.takenAt.getTime() - b.takenAt.getTime()).map((p) => ({ x: x(p.takenAt.getTime()), y: y(p.total), total: p.total, takenAt: p.takenAt }));
    return { name: s.name, path: points.map((p, i) => `${i === 0 ? "M" : "L"}${p.x} ${p.y}`).join(" "), points };
  });
  const medicine = input.medicine.map((m) => ({ x: x(m.startsAt.getTime()), label: m.label }));
  const cutoff = instrument.id === "CSI16" ? { y: y(51.5), label: "51.5" } : null;
  return { plot, bands, yTicks, xTicks, series, medicine, cutoff };
}
