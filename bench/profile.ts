// `npm run bench:profile [-- --small]`: where a request's CPU goes (issue 16). Serves the
// production build on PostgreSQL with the bench's large clinic, sampled by V8's profiler
// (bench/cpu-profiler.mjs, preloaded into each server process), sends one
// request at a time (the calendar week and the board's day as the front desk sees them, the Help
// page, the couple page, then bookings), and writes:
// each server's .cpuprofile (bench-results/profiles/, for Chrome DevTools' Performance panel) and
// bench/results/profile.md: the CPU milliseconds per request, by where they go (React rendering,
// Next.js, Prisma, pg, Node's own streams and zlib, GC) and the functions that cost most.
import fs from "node:fs";
import path from "node:path";
import { actionId } from "./action-id";
import { bookingBody, bookingHeaders, bookingSucceeded } from "./booking-request";
import { buildClinic, freeSlots, LARGE, SMALL } from "./clinic-model";
import { insertClinicalRecord } from "./clinical-record";
import { BENCH_PASSWORD, createDatabase, dropDatabase, fillDatabase, openSql } from "./prepare-database";
import { startServer } from "./server";
import { signIn } from "./sign-in";
import { selfTimes, summarise, type CpuProfile } from "./cpu-summary";

const small = process.argv.includes("--small");
const POSTGRES = process.env.KAP_BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const REQUESTS = small ? 20 : 200;
const WARM_UP = 20;
const PROFILES = path.resolve("bench-results/profiles");
const log = (line: string) => console.log(`[profile] ${line}`);

/** Of the profiles a server's processes wrote into `dir` at exit, the serving one's: it ran Next.js, and worked the most. */
function servingProfile(dir: string): CpuProfile {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith(".cpuprofile"));
  const profiles = files.map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as CpuProfile);
  if (profiles.length === 0) throw new Error(`No CPU profile was written in ${dir}`);
  // Each process writes its own; the serving one is the one that ran Next.js and worked the most.
  const busy = (p: CpuProfile) => selfTimes(p).reduce((sum, t) => sum + t.ms, 0);
  const serving = profiles.filter((p) => p.nodes.some((n) => /node_modules\/next\//.test(n.callFrame.url)));
  return serving.sort((a, b) => busy(b) - busy(a))[0]!;
}

/**
 * Serves the build with the profiler preloaded, warms it up with WARM_UP requests of the same
 * kind (so their code is compiled), then starts the profiler in the server's processes (SIGUSR2
 * to its group) and sends REQUESTS more; the profile is written when the server exits.
 */
async function profiled(name: string, url: string, send: (origin: string, cookie: string, i: number) => Promise<void>, email = deskEmail): Promise<CpuProfile> {
  const dir = path.join(PROFILES, name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const before = process.env.NODE_OPTIONS;
  process.env.NODE_OPTIONS = `${before ?? ""} --import=${path.resolve("bench/cpu-profiler.mjs")}`.trim();
  process.env.KAP_BENCH_CPU_PROFILE_DIR = dir;
  try {
    const server = await startServer({ kind: "postgres", url }, 3900, () => {});
    try {
      const cookie = await signIn(server.origin, email, BENCH_PASSWORD);
      for (let i = 0; i < WARM_UP; i++) await send(server.origin, cookie, i);
      process.kill(-server.pid, "SIGUSR2");
      await new Promise((r) => setTimeout(r, 200));
      for (let i = WARM_UP; i < WARM_UP + REQUESTS; i++) await send(server.origin, cookie, i);
    } finally {
      await server.stop();
      await groupGone(server.pid);
    }
  } finally {
    if (before === undefined) delete process.env.NODE_OPTIONS;
    else process.env.NODE_OPTIONS = before;
    delete process.env.KAP_BENCH_CPU_PROFILE_DIR;
  }
  return servingProfile(dir);
}

let deskEmail = "";

/** A GET that must answer 200. */
async function page(url: string, cookie: string, what: string): Promise<void> {
  const res = await fetch(url, { headers: { cookie } });
  if (res.status !== 200) throw new Error(`${what} answered HTTP ${res.status}`);
  await res.text();
}

/** Waits until every process of the server's group has exited, and so written its profile. */
async function groupGone(pid: number): Promise<void> {
  for (let i = 0; i < 600; i++) {
    try {
      process.kill(-pid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`The server's processes (group ${pid}) did not exit within a minute`);
}

async function main() {
  const name = `kap_profile_${process.pid}`;
  const url = await createDatabase(POSTGRES, name);
  try {
    const model = buildClinic(small ? SMALL : LARGE, new Date());
    deskEmail = model.desk.email;
    log(`generating ${model.sessions.length} sessions`);
    await fillDatabase({ kind: "postgres", url }, model);
    const sql = await openSql({ kind: "postgres", url });
    const record = await insertClinicalRecord(sql, model).finally(() => sql.close());

    log(`each page: ${WARM_UP} requests to warm up, then ${REQUESTS} profiled, one at a time`);
    const calendar = await profiled("calendar", url, (origin, cookie) => page(`${origin}/calendar?view=week&date=${model.today}`, cookie, "The calendar week"));
    const day = await profiled("day", url, (origin, cookie) => page(`${origin}/calendar?date=${model.today}`, cookie, "The board's day"));
    const floor = await profiled("floor", url, (origin, cookie) => page(`${origin}/help`, cookie, "The Help page"));
    const couplePage = await profiled("couple-page", url, (origin, cookie) => page(`${origin}/couples/${record.coupleId}`, cookie, "The couple page"), record.therapistEmail);
    const slots = freeSlots(model, WARM_UP + REQUESTS);
    const booking = await profiled("booking", url, async (origin, cookie, i) => {
      const headers = bookingHeaders(actionId("components/scheduling/actions.ts", "bookSessionAction"), origin, cookie);
      const res = await fetch(`${origin}/calendar`, { method: "POST", headers, body: bookingBody(slots[i]!) });
      const body = await res.text();
      if (!bookingSucceeded(res.status, body)) throw new Error(`A booking failed: HTTP ${res.status} ${body.slice(0, 300)}`);
    });
    const report = [
      "## Where a request's CPU goes",
      "",
      `\`npm run bench:profile\`${small ? " --small" : ""}, ${new Date().toISOString()}, PostgreSQL, ${model.sessions.length} sessions. ` +
        `Each server is warmed up with ${WARM_UP} requests of the same kind before its profiler starts (SIGUSR2), so the figures are the steady state.`,
      "",
      summarise("Calendar week, one room's (front desk)", [calendar], REQUESTS),
      summarise("The board's day, every room as a column (front desk)", [day], REQUESTS),
      summarise("The floor: the Help page (the sign-in check and the layout, no data)", [floor], REQUESTS),
      summarise(`Couple page (${record.notes} signed notes, ${record.measures} measures), as its therapist`, [couplePage], REQUESTS),
      summarise("Booking (couples therapy, the action's reply re-renders the calendar)", [booking], REQUESTS),
    ].join("\n");
    fs.mkdirSync("bench/results", { recursive: true });
    fs.writeFileSync("bench/results/profile.md", report);
    console.log(report);
    log(`profiles in ${PROFILES}`);
  } finally {
    await dropDatabase(POSTGRES, name);
  }
}

await main();
