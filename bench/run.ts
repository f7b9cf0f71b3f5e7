// `npm run bench`: the large clinic on PostgreSQL and on the embedded PGlite, served by the
// production build and measured over HTTP; figures to bench/results/latest.{json,md}.
//   --db=postgres|pglite|both (default both)   --small (a few hundred sessions, a few seconds of load)
// PostgreSQL: a database of its own on KAP_BENCH_POSTGRES_URL (default the local server), dropped after.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import type { DatabaseTarget } from "../lib/db/adapter";
import { addClinicDays } from "../lib/protocol/calendar";
import { actionId } from "./action-id";
import { measureBackup } from "./backup";
import { runBaseline } from "./baseline";
import { bookingBody, bookingHeaders, bookingSucceeded } from "./booking-request";
import { measurePaint } from "./browser";
import { insertClinicalRecord, type ClinicalRecordCouple } from "./clinical-record";
import { buildClinic, freeSlots, LARGE, SMALL, type ClinicModel, type FreeSlot } from "./clinic-model";
import { firstLoadJs } from "./first-load-js";
import { percentile, round, runLoad } from "./load";
import { BENCH_PASSWORD, createDatabase, dropDatabase, fillDatabase, openSql } from "./prepare-database";
import { markdown, type DatabaseRun, type Report } from "./report";
import { signIn } from "./sign-in";
import { sqlCount, startServer, type Server } from "./server";
import { conflictingBookings, measureFloor, servingRssMb, type WorkersRun } from "./workers";
import { measuringCpu } from "./cpu-use";

const small = process.argv.includes("--small");
const which = process.argv.find((a) => a.startsWith("--db="))?.slice(5) ?? "both";
const POSTGRES = process.env.KAP_BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const N = small
  ? { calendar: 30, bookings: 20, baseline: 20, plans: 10, paints: 1, sequential: 3, warmUp: 5, bookingWarmUp: 3, seconds: 20 }
  : { calendar: 1000, bookings: 400, baseline: 400, plans: 100, paints: 5, sequential: 40, warmUp: 100, bookingWarmUp: 20, seconds: 60 };
/** The bookings sent one at a time: the first ones after start (cold), a warm-up, then the timed ones. */
const COLD = 5;
const SINGLE_BOOKINGS = COLD + N.bookingWarmUp + N.sequential;
/**
 * Unmeasured bookings at 20 connections before each booking load, so one process and each worker
 * book warm alike (autocannon wants at least as many requests as connections).
 */
const LOAD_WARM_UP = small ? 20 : 100;
/** The single process's slots: its bookings one at a time, the warm-up and the load (and spares); then the baseline's, then the workers'. */
const SINGLE_SLOTS = SINGLE_BOOKINGS + LOAD_WARM_UP + N.bookings + 40;
/**
 * What the single process had served before its calendar load (the cold requests, four pages'
 * warm-ups and timed requests, the floor's two loads) and before its booking load: each worker
 * gets as many, unmeasured, before its own, so that one process and N are compared equally warm.
 */
const SERVED_BEFORE_CALENDAR_LOAD = 3 * COLD + 4 * (N.warmUp + N.sequential) + 2 * N.calendar;
const BOOKED_BEFORE_BOOKING_LOAD = SINGLE_BOOKINGS + LOAD_WARM_UP;
const log = (line: string) => console.log(`[bench] ${line}`);

async function measureServer(
  server: Server,
  model: ClinicModel,
  record: ClinicalRecordCouple,
): Promise<Pick<DatabaseRun, "calendar" | "booking" | "sql" | "paint" | "unloaded" | "couplePage" | "floor" | "rssMb" | "day">> {
  const cookie = await signIn(server.origin, model.desk.email, BENCH_PASSWORD);
  const calendarUrl = `${server.origin}/calendar?view=week&date=${model.today}`;
  const calendarOk = (status: number, body: string) => status === 200 && body.includes("Room calendar");
  const calendarPage = async () => {
    const res = await fetch(calendarUrl, { headers: { cookie } });
    if (!calendarOk(res.status, await res.text())) throw new Error(`The calendar did not load: HTTP ${res.status}`);
  };
  const therapistCookie = await signIn(server.origin, record.therapistEmail, BENCH_PASSWORD);
  const coupleUrl = `${server.origin}/couples/${record.coupleId}`;
  const couplePage = async () => {
    const res = await fetch(coupleUrl, { headers: { cookie: therapistCookie } });
    const body = await res.text();
    if (res.status !== 200 || !body.includes(record.partnerName)) throw new Error(`The couple page did not load: HTTP ${res.status}`);
  };
  const slots = freeSlots(model, SINGLE_SLOTS);
  const headers = bookingHeaders(actionId("components/scheduling/actions.ts", "bookSessionAction"), server.origin, cookie);
  let next = 0;
  const book = async () => {
    const res = await fetch(`${server.origin}/calendar`, { method: "POST", headers, body: bookingBody(slots[next++]) });
    const body = await res.text();
    if (!bookingSucceeded(res.status, body)) throw new Error(`A booking failed: HTTP ${res.status} ${body.slice(0, 500)}`);
  };
  const timed = async (times: number[], count: number, send: () => Promise<void>) => {
    for (let i = 0; i < count; i++) {
      const t = performance.now();
      await send();
      times.push(performance.now() - t);
    }
  };
  // The first requests after start, while V8 still runs the code in its slower tiers: what a
  // server just restarted answers (shown for comparison; earlier runs timed only these).
  const cold = { calendar: [] as number[], couplePage: [] as number[], booking: [] as number[] };
  await timed(cold.calendar, COLD, calendarPage);
  await timed(cold.couplePage, COLD, couplePage);
  await timed(cold.booking, COLD, book);
  // One request at a time on a warm server (the steady state a running clinic's server is in):
  // a warm-up of the same requests, then the timed ones with the statements each sends.
  const unloaded: { calendar: number[]; booking: number[] } = { calendar: [], booking: [] };
  const perRequest = async (times: number[], send: () => Promise<void>, warmUp = N.warmUp) => {
    for (let i = 0; i < warmUp; i++) await send();
    const before = await sqlCount(server);
    await timed(times, N.sequential, send);
    return Math.round(((await sqlCount(server)) - before) / N.sequential);
  };
  const sqlCalendar = await perRequest(unloaded.calendar, calendarPage);
  const floorTimes: number[] = [];
  await perRequest(floorTimes, async () => {
    const res = await fetch(`${server.origin}/help`, { headers: { cookie } });
    if (res.status !== 200 || !(await res.text()).includes("What each role does")) throw new Error(`The Help page did not load: HTTP ${res.status}`);
  });
  // The board's day view (issue 14): every room as a column. The week above is one room's, as the board shows a week.
  const dayUrl = `${server.origin}/calendar?date=${model.today}`;
  const dayTimes: number[] = [];
  await perRequest(dayTimes, async () => {
    const res = await fetch(dayUrl, { headers: { cookie } });
    if (!calendarOk(res.status, await res.text())) throw new Error(`The board's day did not load: HTTP ${res.status}`);
  });
  log(`calendar: ${sqlCalendar} SQL statements a request; load at 10 connections`);
  // The couple page of the couple with the fullest clinical record, as its therapist sees it.
  const coupleTimes: number[] = [];
  const sqlCouple = await perRequest(coupleTimes, couplePage);
  log(`couple page: ${sqlCouple} SQL statements a request (${record.notes} signed notes, ${record.measures} measures)`);
  const atRest = servingRssMb(server);
  log("the floor: a signed-in page with no data, and a page with no session, at 10 connections");
  const floor = await measureFloor(server, cookie, N.calendar, N.seconds);
  const { result: calendar, cpu: calendarCpu } = await measuringCpu(server.pid, () =>
    runLoad({ url: calendarUrl, connections: 10, amount: N.calendar, maxSeconds: N.seconds, headers: { cookie }, ok: calendarOk }),
  );
  log("the board's day, every room: load at 10 connections");
  const day = await runLoad({ url: dayUrl, connections: 10, amount: Math.ceil(N.calendar / 2), maxSeconds: N.seconds, headers: { cookie }, ok: calendarOk });
  // The floor under the calendar: the same page for a week with no sessions (sign-in check, the
  // layout, the rooms, an empty table), at the same concurrency.
  log("calendar: an empty week at 10 connections");
  const emptyWeek = await runLoad({
    // Five years on, far past the generated two years around today (the page shows that week).
    url: `${server.origin}/calendar?view=week&date=${addClinicDays(model.today, 5 * 365, model.timeZone)}`, connections: 10, amount: Math.ceil(N.calendar / 3), maxSeconds: N.seconds, headers: { cookie }, ok: calendarOk,
  });

  const sqlBooking = await perRequest(unloaded.booking, book, N.bookingWarmUp);
  log(`booking: ${sqlBooking} SQL statements a request; load at 20 connections`);
  const bookings = (amount: number) =>
    runLoad({
      url: `${server.origin}/calendar`, method: "POST", connections: 20, amount, maxSeconds: N.seconds, headers,
      body: () => bookingBody(slots[Math.min(next++, slots.length - 1)]), ok: bookingSucceeded,
    });
  await bookings(LOAD_WARM_UP);
  const booking = await bookings(N.bookings);
  const afterLoad = servingRssMb(server);
  log("calendar in headless Chromium");
  const paint = await measurePaint(calendarUrl, cookie, N.paints);
  const median = (times: number[]) => round(percentile([...times].sort((a, b) => a - b), 50));
  return {
    calendar: { ...calendar, connections: 10, cpu: calendarCpu },
    booking: { ...booking, connections: 20 },
    sql: { calendar: sqlCalendar, booking: sqlBooking, couplePage: sqlCouple },
    couplePage: { ms: median(coupleTimes), notes: record.notes, measures: record.measures },
    paint,
    unloaded: {
      calendarMs: median(unloaded.calendar), bookingMs: median(unloaded.booking), floorMs: median(floorTimes), emptyWeek: { ...emptyWeek, connections: 10 },
      cold: { calendarMs: median(cold.calendar), couplePageMs: median(cold.couplePage), bookingMs: median(cold.booking) },
    },
    day: { ...day, connections: 10, oneAtATimeMs: median(dayTimes) },
    floor,
    rssMb: { atRest, afterLoad },
  };
}

/** The same calendar and booking load with one worker per core (PostgreSQL only), and 500 conflicting bookings across them. */
async function measureWorkers(server: Server, workers: number, model: ClinicModel, slots: FreeSlot[], target: DatabaseTarget): Promise<WorkersRun> {
  const cookie = await signIn(server.origin, model.desk.email, BENCH_PASSWORD);
  const calendarUrl = `${server.origin}/calendar?view=week&date=${model.today}`;
  const calendarOk = (status: number, body: string) => status === 200 && body.includes("Room calendar");
  // Warm every worker up (connections go round-robin) as far as the single process was when its
  // calendar load began: a fresh worker's first requests run in V8's slower tiers. Compared colder,
  // two workers measured 0.6-0.7x one process in runs of 2026-11-30.
  for (let i = 0; i < 6 * workers; i++) await fetch(calendarUrl, { headers: { cookie } });
  const atRest = servingRssMb(server);
  const warmUp = SERVED_BEFORE_CALENDAR_LOAD * workers;
  log(`${workers} workers: warming up (${warmUp} calendar requests at 10 connections, not measured)`);
  await runLoad({ url: calendarUrl, connections: 10, amount: warmUp, maxSeconds: 3 * N.seconds, headers: { cookie }, ok: calendarOk });
  log(`${workers} workers: calendar at 10 connections`);
  const { result: calendar, cpu: calendarCpu } = await measuringCpu(server.pid, () =>
    runLoad({ url: calendarUrl, connections: 10, amount: N.calendar, maxSeconds: N.seconds, headers: { cookie }, ok: calendarOk }),
  );
  log(`${workers} workers: booking at 20 connections`);
  const id = actionId("components/scheduling/actions.ts", "bookSessionAction");
  let next = 0;
  // The last slot is kept for the 500 conflicting bookings below.
  const bookings = (amount: number) =>
    runLoad({
      url: `${server.origin}/calendar`, method: "POST", connections: 20, amount, maxSeconds: N.seconds, headers: bookingHeaders(id, server.origin, cookie),
      body: () => bookingBody(slots[Math.min(next++, slots.length - 2)]), ok: bookingSucceeded,
    });
  // The same unmeasured warm-up of the booking path as the single process had, for each worker.
  await bookings(BOOKED_BEFORE_BOOKING_LOAD * workers);
  const booking = await bookings(N.bookings);
  log(`${workers} workers: 500 bookings of one room and time`);
  const sql = await openSql(target);
  let conflicting;
  try {
    conflicting = await conflictingBookings(server, id, cookie, slots[slots.length - 1], sql);
  } finally {
    await sql.close();
  }
  return { workers, calendar: { ...calendar, connections: 10, cpu: calendarCpu }, booking: { ...booking, connections: 20 }, conflicting, rssMb: { atRest, afterLoad: servingRssMb(server) } };
}

function runPlanner(target: DatabaseTarget, model: ClinicModel): DatabaseRun["planner"] {
  const args = {
    clinicId: model.clinicId, psychiatristId: model.clinicians.find((c) => c.roles.includes("PSYCHIATRIST"))!.id,
    coupleIds: model.newCouples.map((c) => c.id), startDate: freeSlots(model, 1)[0].date, count: N.plans,
  };
  const result = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "bench/planner.ts", JSON.stringify(args)], {
    encoding: "utf8",
    timeout: 180_000,
    env: { ...process.env, DATABASE_URL: target.kind === "postgres" ? target.url : "", PGLITE_DIR: target.kind === "pglite" ? target.dataDir : ".data/pglite" },
  });
  if (result.status !== 0) throw new Error(`The planner bench failed:\n${result.stderr}`);
  return JSON.parse(result.stdout.trim().split("\n").at(-1)!);
}

async function benchDatabase(kind: "postgres" | "pglite", port: number): Promise<DatabaseRun> {
  const name = `kap_bench_${process.pid}`;
  const target: DatabaseTarget = kind === "postgres" ? { kind, url: await createDatabase(POSTGRES, name) } : { kind, dataDir: ".data/bench" };
  try {
    const model = buildClinic(small ? SMALL : LARGE, new Date());
    log(`${kind}: generating ${model.sessions.length} sessions`);
    const generation = { sessions: model.sessions.length, ...(await fillDatabase(target, model)) };
    const recordSql = await openSql(target);
    let record: ClinicalRecordCouple;
    try {
      record = await insertClinicalRecord(recordSql, model);
    } finally {
      await recordSql.close();
    }
    generation.seconds = Math.round(generation.seconds * 10) / 10;
    log(`${kind}: serving the production build`);
    // The server's own output only with KAP_BENCH_SQL_LOG=1 (its statements, to stderr).
    const server = await startServer(target, port, process.env.KAP_BENCH_SQL_LOG === "1" ? (line) => process.stderr.write(`${line}\n`) : () => {});
    let measured;
    try {
      measured = await measureServer(server, model, record);
    } finally {
      await server.stop();
    }
    // One worker per core: PostgreSQL only (the embedded database has one owner).
    let workers: WorkersRun | undefined;
    if (kind === "postgres") {
      const count = Math.max(2, os.availableParallelism());
      log(`${kind}: serving with ${count} workers`);
      const clustered = await startServer(target, port, () => {}, count);
      try {
        workers = await measureWorkers(clustered, count, model, freeSlots(model, BOOKED_BEFORE_BOOKING_LOAD * count + N.bookings + 41, SINGLE_SLOTS + N.baseline), target);
      } finally {
        await clustered.stop();
      }
    }
    // With the server stopped (PGlite has one owner): the plain-SQL baseline and the planner.
    log(`${kind}: plain-SQL baseline and planner`);
    const sql = await openSql(target);
    let baseline;
    try {
      const slots = freeSlots(model, N.baseline, SINGLE_SLOTS);
      baseline = await runBaseline(sql, model.clinicId, model.desk.id, slots, 20, N.seconds);
    } finally {
      await sql.close();
    }
    const planner = runPlanner(target, model);
    log(`${kind}: backup and restore`);
    const backup = await measureBackup(target, POSTGRES, name);
    return { database: kind === "postgres" ? "PostgreSQL" : "PGlite", generation, ...measured, baseline: { ...baseline, connections: 20 }, planner, backup, workers };
  } finally {
    if (kind === "postgres") await dropDatabase(POSTGRES, name);
  }
}

async function main() {
  const loadAverage = os.loadavg();
  const runs: DatabaseRun[] = [];
  if (which !== "pglite") runs.push(await benchDatabase("postgres", 3310));
  if (which !== "postgres") runs.push(await benchDatabase("pglite", 3320));
  const report: Report = {
    at: new Date().toISOString(), cores: os.cpus().length, cpu: os.cpus()[0]?.model ?? "unknown", loadAverage, node: process.version,
    size: small ? "small clinic (--small)" : "20 rooms, 40 clinicians, 2,000 couples, 50,000 sessions", runs, firstLoadJs: firstLoadJs(),
  };
  fs.mkdirSync("bench/results", { recursive: true });
  fs.mkdirSync(".data", { recursive: true });
  // The small run is a smoke test: its figures stay out of the repository (.data/ is ignored).
  const base = small ? ".data/bench-small" : "bench/results/latest";
  fs.writeFileSync(`${base}.json`, JSON.stringify(report, null, 2) + "\n");
  fs.writeFileSync(`${base}.md`, markdown(report));
  console.log(markdown(report));
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
