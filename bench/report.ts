// The bench's figures as JSON and as a markdown table, each budget marked met or missed.
import type { PaintResult } from "./browser";
import type { BackupRun } from "./backup";
import type { BaselineResult } from "./baseline";
import type { PageJs } from "./first-load-js";
import type { LoadResult } from "./load";
import type { CpuUse } from "./cpu-use";
import type { Floor, WorkersRun } from "./workers";

export type DatabaseRun = {
  database: "PostgreSQL" | "PGlite";
  generation: { sessions: number; seconds: number };
  /** With the cores each side used meanwhile (cpu-use.ts); absent in results from before it was measured. */
  calendar: LoadResult & { connections: number; cpu?: CpuUse };
  booking: LoadResult & { connections: number };
  baseline: BaselineResult & { connections: number };
  planner: { what: string; plans: number; p50Ms: number; p95Ms: number; lastPlan: Record<string, number> };
  sql: { calendar: number; booking: number; couplePage: number };
  /** The couple page of a couple with a full clinical record, one request at a time (p50). */
  couplePage: { ms: number; notes: number; measures: number };
  paint: PaintResult;
  /**
   * One request at a time (p50) on a warm server, and the calendar page for a week with no
   * sessions under load. `floorMs` and `cold` (the first requests after start) are absent in
   * results from before they were measured; runs before 2026-11-30 13:00 timed only cold requests.
   */
  unloaded: {
    calendarMs: number; bookingMs: number; emptyWeek: LoadResult & { connections: number }; floorMs?: number;
    cold?: { calendarMs: number; couplePageMs: number; bookingMs: number };
  };
  /** `npm run db:backup` of the whole clinic and its restore into an empty database of the same kind. */
  backup: BackupRun;
  /** What the framework itself serves (issue 16): a signed-in page with no data, a page with no session. */
  floor: Floor;
  /** Resident memory of the serving process (MB), at rest and after the load. */
  rssMb: { atRest: number[]; afterLoad: number[] };
  /** The same load with one worker per core: PostgreSQL only. */
  workers?: WorkersRun;
  /** The board's day view, every room a column (issue 14); absent in results from before the board. */
  day?: LoadResult & { connections: number; oneAtATimeMs: number };
};

export type Report = { at: string; cores: number; cpu: string; loadAverage: number[]; node: string; size: string; runs: DatabaseRun[]; firstLoadJs: PageJs[] };

/** A budget's value for one run; undefined where it does not apply (one worker per core on PGlite). */
type Budget = { name: string; value: (run: DatabaseRun) => number | undefined; limit: number; unit: string; atMost: boolean };

const ratio = (a: number, b: number) => Math.round((100 * a) / b) / 100;

export const BUDGETS: Budget[] = [
  { name: "Calendar week p95", value: (r) => r.calendar.p95Ms, limit: 100, unit: "ms", atMost: true },
  { name: "Booking p95", value: (r) => r.booking.p95Ms, limit: 30, unit: "ms", atMost: true },
  { name: "Booking throughput vs plain SQL", value: (r) => Math.round((100 * r.booking.perSecond) / r.baseline.perSecond), limit: 50, unit: "%", atMost: false },
  { name: "Planner p95", value: (r) => r.planner.p95Ms, limit: 50, unit: "ms", atMost: true },
  { name: "SQL statements, calendar page", value: (r) => r.sql.calendar, limit: 4, unit: "", atMost: true },
  { name: "Couple page with a full record, one request at a time (p50, warm)", value: (r) => r.couplePage.ms, limit: 40, unit: "ms", atMost: true },
  { name: "SQL statements, couple page", value: (r) => r.sql.couplePage, limit: 4, unit: "", atMost: true },
  { name: "Calendar LCP (p50)", value: (r) => r.paint.lcpP50Ms, limit: 1000, unit: "ms", atMost: true },
  { name: "Calendar CLS (max)", value: (r) => r.paint.clsMax, limit: 0.02, unit: "", atMost: true },
  { name: "Backup of the whole clinic", value: (r) => r.backup.backupSeconds, limit: 30, unit: " s", atMost: true },
  { name: "Restore into an empty database", value: (r) => r.backup.restoreSeconds, limit: 30, unit: " s", atMost: true },
  // Issue 16.
  { name: "One request at a time (p50, warm): calendar week", value: (r) => r.unloaded.calendarMs, limit: 15, unit: "ms", atMost: true },
  { name: "One request at a time (p50, warm): booking", value: (r) => r.unloaded.bookingMs, limit: 20, unit: "ms", atMost: true },
  { name: "Calendar week throughput vs the signed-in floor", value: (r) => Math.round((100 * r.calendar.perSecond) / r.floor.signedIn.perSecond), limit: 40, unit: "%", atMost: false },
  { name: "Calendar week throughput, a worker per core vs one", value: (r) => r.workers && ratio(r.workers.calendar.perSecond, r.calendar.perSecond), limit: 1.5, unit: "×", atMost: false },
  { name: "Booking throughput, a worker per core vs one", value: (r) => r.workers && ratio(r.workers.booking.perSecond, r.booking.perSecond), limit: 1.5, unit: "×", atMost: false },
  { name: "Calendar week p95, a worker per core (10 connections)", value: (r) => r.workers?.calendar.p95Ms, limit: 100, unit: "ms", atMost: true },
  { name: "Booking p95, a worker per core (20 connections)", value: (r) => r.workers?.booking.p95Ms, limit: 150, unit: "ms", atMost: true },
  { name: "Booking throughput, a worker per core, vs plain SQL", value: (r) => r.workers && Math.round((100 * r.workers.booking.perSecond) / r.baseline.perSecond), limit: 25, unit: "%", atMost: false },
  {
    name: "500 bookings of one room and time across the workers: booked, and 5xx",
    value: (r) => r.workers && (r.workers.conflicting.booked === 1 && r.workers.conflicting.serverErrors === 0 && r.workers.conflicting.sessionsInDatabase === 1 ? 1 : 0),
    limit: 1,
    unit: "",
    atMost: false,
  },
];
export const JS_BUDGET_KB = 150;

const mark = (ok: boolean) => (ok ? "✅" : "❌");
const met = (b: Budget, v: number) => (b.atMost ? v <= b.limit : v >= b.limit);
const shown = (b: Budget, v: number | undefined) => (v === undefined ? "n/a (one process)" : `${v}${b.unit} ${mark(met(b, v))}`);

export function markdown(report: Report): string {
  const runs = report.runs;
  const head = `| measure | budget | ${runs.map((r) => r.database).join(" | ")} |\n| --- | --- | ${runs.map(() => "---").join(" | ")} |`;
  const budgetRows = BUDGETS.map((b) => `| ${b.name} | ${b.atMost ? "≤" : "≥"} ${b.limit}${b.unit} | ${runs.map((r) => shown(b, b.value(r))).join(" | ")} |`);
  const info = (name: string, value: (r: DatabaseRun) => string) => `| ${name} | | ${runs.map(value).join(" | ")} |`;
  const infoRows = [
    info("Calendar week p50 · req/s (10 connections)", (r) => `${r.calendar.p50Ms} ms · ${r.calendar.perSecond}/s (${r.calendar.ok} ok, ${r.calendar.failed} failed)`),
    info("One request at a time on a warm server, p50: the floor (Help page) · calendar week · booking", (r) => `${r.unloaded.floorMs ?? "n/a"} ms · ${r.unloaded.calendarMs} ms · ${r.unloaded.bookingMs} ms`),
    info("The first 5 requests after the server starts (cold), p50: calendar week · couple page · booking", (r) =>
      r.unloaded.cold ? `${r.unloaded.cold.calendarMs} ms · ${r.unloaded.cold.couplePageMs} ms · ${r.unloaded.cold.bookingMs} ms` : "n/a"),
    info("The board's day, every room as a column: one at a time p50 · at 10 connections p50 · p95 · req/s", (r) =>
      r.day ? `${r.day.oneAtATimeMs} ms · ${r.day.p50Ms} ms · ${r.day.p95Ms} ms · ${r.day.perSecond}/s` : "n/a"),
    info("Calendar, a week with no sessions: p50 · p95 · req/s (10 connections)", (r) => `${r.unloaded.emptyWeek.p50Ms} ms · ${r.unloaded.emptyWeek.p95Ms} ms · ${r.unloaded.emptyWeek.perSecond}/s`),
    info("Booking p50 · bookings/s (20 connections)", (r) => `${r.booking.p50Ms} ms · ${r.booking.perSecond}/s (${r.booking.ok} ok, ${r.booking.failed} failed)`),
    info("Plain-SQL booking p50 · p95 · bookings/s", (r) => `${r.baseline.p50Ms} ms · ${r.baseline.p95Ms} ms · ${r.baseline.perSecond}/s (${r.baseline.bookings} ok, ${r.baseline.failed} failed)`),
    info("SQL statements, one booking (plain SQL)", (r) => `${r.sql.booking} (${r.baseline.statementsPerBooking})`),
    info("Planner p50 (what was timed)", (r) => `${r.planner.p50Ms} ms (${r.planner.what}, ${r.planner.plans} plans)`),
    info("Couple page's record: signed notes · measures", (r) => `${r.couplePage.notes} · ${r.couplePage.measures}`),
    info("Generating the clinic", (r) => `${r.generation.sessions} sessions in ${r.generation.seconds} s`),
    info("Backup file (gzip)", (r) => `${(r.backup.bytes / 1_048_576).toFixed(1)} MB`),
    info("The floor, 10 connections: signed-in page with no data · no session (p50 · req/s)", (r) => `${r.floor.signedIn.p50Ms} ms · ${r.floor.signedIn.perSecond}/s · ${r.floor.noSession.p50Ms} ms · ${r.floor.noSession.perSecond}/s`),
    info("Memory of the serving process, MB: at rest · after the load", (r) => `${r.rssMb.atRest.join(", ")} · ${r.rssMb.afterLoad.join(", ")}`),
    info("A worker per core: how many · calendar p50 · req/s · booking p50 · bookings/s", (r) =>
      r.workers ? `${r.workers.workers} · ${r.workers.calendar.p50Ms} ms · ${r.workers.calendar.perSecond}/s · ${r.workers.booking.p50Ms} ms · ${r.workers.booking.perSecond}/s (${r.workers.booking.ok} ok, ${r.workers.booking.failed} failed)` : "n/a"),
    info("A worker per core: 500 bookings of one slot (booked · refused · 5xx · sessions there)", (r) =>
      r.workers ? `${r.workers.conflicting.booked} · ${r.workers.conflicting.refused} · ${r.workers.conflicting.serverErrors} · ${r.workers.conflicting.sessionsInDatabase}` : "n/a"),
    info("Cores in use during the calendar load (10 connections): server · PostgreSQL · load generator = total, one process | a worker per core", (r) =>
      [r.calendar.cpu, r.workers?.calendar.cpu].map((c) => (c ? `${c.server} · ${c.postgres} · ${c.load} = ${c.total}` : "n/a")).join(" \\| ")),
    info("A worker per core: memory of each process (the workers, then the primary that only starts them), MB: at rest · after the load", (r) => (r.workers ? `${r.workers.rssMb.atRest.join(", ")} · ${r.workers.rssMb.afterLoad.join(", ")}` : "n/a")),
  ];
  const js = report.firstLoadJs.map((p) => `| \`${p.route}\` | ${p.gzipKb} kB ${mark(p.gzipKb <= JS_BUDGET_KB)} |`);
  return [
    `Measured ${report.at} on ${report.cores} cores (${report.cpu}), load average before the run ${report.loadAverage.map((l) => l.toFixed(2)).join(" ")}, Node ${report.node}, ${report.size}.`,
    "",
    head,
    ...budgetRows,
    ...infoRows,
    "",
    `| page | first-load JS, gzipped (budget ≤ ${JS_BUDGET_KB} kB) |`,
    "| --- | --- |",
    ...js,
    "",
  ].join("\n");
}
