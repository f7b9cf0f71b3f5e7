// The cycle planner in the large clinic: a full Taking Turns plan for a couple with a cycle in
// planning, timed end to end (the couple's picture and the clinic's busy times from the
// database, the plan, the engine's verdict), p50 and p95 over `count` plans. Runs in its own
// process under the react-server condition (the app's domain modules are server-only), on the
// database named by DATABASE_URL / PGLITE_DIR, and prints its figures as JSON.
import type { Staff } from "../lib/auth/session";
import { db } from "../lib/db";
import { proposePlan } from "../lib/scheduling/propose-plan";
import { percentile, round } from "./load";

type Args = { clinicId: string; psychiatristId: string; coupleIds: string[]; startDate: string; count: number };

async function main() {
  const args = JSON.parse(process.argv[2]) as Args;
  // Planning is a therapist's (P11: cycle:plan, for the couples they treat): each plan is made by
  // its couple's therapist, looked up before the timing starts.
  const couples = await db.couple.findMany({ where: { id: { in: args.coupleIds } }, select: { id: true, couplesTherapistId: true } });
  const therapistOf = new Map(couples.map((c) => [c.id, c.couplesTherapistId]));
  const staffFor = (coupleId: string): Staff => ({ id: therapistOf.get(coupleId)!, name: "Bench therapist", email: "therapist@bench.test", roles: ["THERAPIST"], clinicId: args.clinicId, ip: null });
  const prefs = { startDate: args.startDate, weekdays: [1, 2, 3, 4, 5, 6], dayParts: [], psychiatristId: args.psychiatristId };
  // Warm up as the HTTP measures do: the first plan also compiles Prisma's queries (~0.4 s).
  for (const coupleId of args.coupleIds.slice(0, 3)) await proposePlan(staffFor(coupleId), coupleId, prefs);
  const times: number[] = [];
  let sample: Record<string, number> = {};
  const deadline = performance.now() + 120_000;
  for (let i = 0; i < args.count && performance.now() < deadline; i++) {
    const coupleId = args.coupleIds[i % args.coupleIds.length];
    const t = performance.now();
    const result = await proposePlan(staffFor(coupleId), coupleId, prefs);
    times.push(performance.now() - t);
    sample = { sessions: result.plan.sessions.length, blocked: result.plan.blocked.length, violations: result.violations.length };
  }
  times.sort((x, y) => x - y);
  const what = "proposePlan (lib/scheduling/propose-plan.ts)";
  console.log(JSON.stringify({ what, plans: times.length, p50Ms: round(percentile(times, 50)), p95Ms: round(percentile(times, 95)), lastPlan: sample }));
  await db.$disconnect();
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
