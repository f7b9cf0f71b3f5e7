import { chartLayout, CHART, type ChartInput } from "@/lib/measures/chart";
import { INSTRUMENTS } from "@/lib/measures/instruments";

// The couple's progress on one measure, drawn on the server as SVG (no chart library, no script):
// both partners' totals over time, the instrument's bands shaded, the medicine sessions marked
// on the time axis. Partners differ by line style and marker as well as colour. The figures are
// all in the table the page shows beneath it; the SVG's title and description say what it shows.

// Lighter for a milder band; the colour repeats what the band's label says.
const BAND_FILLS = ["#ecfdf5", "#fefce8", "#fff7ed", "#fef2f2", "#fee2e2"];
const SERIES_STYLES = [
  { stroke: "#245952", dash: undefined, marker: "circle" as const },
  { stroke: "#b45309", dash: "6 4", marker: "square" as const },
];

export function ProgressChart({ input, title, description }: ChartInputProps) {
  const layout = chartLayout(input);
  const instrument = INSTRUMENTS[input.instrument];
  const { plot } = layout;
  const titleId = `chart-title-${input.instrument}`;
  const descId = `chart-desc-${input.instrument}`;
  return (
    <svg
      viewBox={`0 0 ${CHART.width} ${CHART.height}`}
      role="img"
      aria-labelledby={`${titleId} ${descId}`}
      className="h-auto w-full max-w-3xl"
      data-testid="measure-chart"
      fontFamily="ui-sans-serif, system-ui, sans-serif"
      fontSize="11"
    >
      <title id={titleId}>{title}</title>
      <desc id={descId}>{description}</desc>
      {layout.bands.map((band) => (
        <g key={band.label}>
          <rect x={plot.x} y={band.y} width={plot.width} height={band.height} fill={BAND_FILLS[Math.min(band.severity, BAND_FILLS.length - 1)]} />
          <text x={plot.x + plot.width + 6} y={band.y + band.height / 2} dominantBaseline="middle" fill="#44403c">
            {band.label}
          </text>
        </g>
      ))}
      {layout.cutoff && (
        <g>
          <line x1={plot.x} x2={plot.x + plot.width} y1={layout.cutoff.y} y2={layout.cutoff.y} stroke="#b91c1c" strokeDasharray="3 3" />
          <text x={plot.x + 4} y={layout.cutoff.y - 4} fill="#b91c1c">
            cut-off {layout.cutoff.label}
          </text>
        </g>
      )}
      <rect x={plot.x} y={plot.y} width={plot.width} height={plot.height} fill="none" stroke="#a8a29e" />
      {layout.yTicks.map((tick) => (
        <text key={tick.label} x={plot.x - 6} y={tick.y} textAnchor="end" dominantBaseline="middle" fill="#44403c">
          {tick.label}
        </text>
      ))}
      {layout.xTicks.map((tick, i) => (
        <text key={i} x={tick.x} y={plot.y + plot.height + 16} textAnchor="middle" fill="#44403c">
          {tick.label}
        </text>
      ))}
      {layout.medicine.map((m, i) => (
        <g key={i} data-testid="chart-medicine">
          <title>{m.label}</title>
          <line x1={m.x} x2={m.x} y1={plot.y} y2={plot.y + plot.height} stroke="#6d28d9" strokeDasharray="2 3" />
          <path d={`M${m.x} ${plot.y + plot.height + 22} l-5 8 h10 z`} fill="#6d28d9" />
        </g>
      ))}
      {layout.series.map((s, i) => {
        const style = SERIES_STYLES[i % SERIES_STYLES.length];
        return (
          <g key={s.name} data-testid="chart-series">
            <path d={s.path} fill="none" stroke={style.stroke} strokeWidth="2" strokeDasharray={style.dash} />
            {s.points.map((p, j) =>
              style.marker === "circle" ? (
                <circle key={j} cx={p.x} cy={p.y} r="4" fill={style.stroke}>
                  <title>{`${s.name}: ${p.total}`}</title>
                </circle>
              ) : (
                <rect key={j} x={p.x - 4} y={p.y - 4} width="8" height="8" fill={style.stroke}>
                  <title>{`${s.name}: ${p.total}`}</title>
                </rect>
              ),
            )}
          </g>
        );
      })}
      <g transform={`translate(${plot.x + plot.width + 6}, ${CHART.height - 30})`}>
        {layout.series.map((s, i) => {
          const style = SERIES_STYLES[i % SERIES_STYLES.length];
          return (
            <g key={s.name} transform={`translate(0, ${i * 14 - 10})`}>
              <line x1="0" x2="18" y1="0" y2="0" stroke={style.stroke} strokeWidth="2" strokeDasharray={style.dash} />
              <text x="22" y="0" dominantBaseline="middle" fill="#1c1917">
                {s.name}
              </text>
            </g>
          );
        })}
        <g transform="translate(0, 18)">
          <path d="M9 -4 l-5 8 h10 z" fill="#6d28d9" />
          <text x="22" y="0" dominantBaseline="middle" fill="#1c1917">
            Medicine session
          </text>
        </g>
      </g>
      <text x={12} y={plot.y + plot.height / 2} transform={`rotate(-90 12 ${plot.y + plot.height / 2})`} textAnchor="middle" fill="#44403c">
        {instrument.name} total (0–{instrument.maxTotal})
      </text>
    </svg>
  );
}

type ChartInputProps = { input: ChartInput; title: string; description: string };
