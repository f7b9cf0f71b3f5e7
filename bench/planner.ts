// The cycle planner in the large clinic: a full Taking Turns plan for a couple with a cycle in
// planning, timed end to end (the couple's picture and the clinic's busy times from the
// database, the plan, the engine's verdict), p50 and p95 over `count` plans. Runs in its own
// process under the react-server condition (the app's domain modules are server-only), on the
// database named by DATABASE_URL / PGLITE_DIR, and prints its figures as JSON.
//
// Until the scheduling engineer's planner (lib/scheduling/propose-plan.ts) is in the tree, it
// times what stands in for it: loading the couple's snapshot and the engine's evaluateChange of a
// full 8-session booking (two intakes, two preparations, two medicine sessions each with its
// integration).
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import type { Staff } from "../lib/auth/session";
import { db } from "../lib/db";
import { addClinicDays, atClinicTime, evaluateChange, type NewSession } from "../lib/protocol";
import { loadCoupleSnapshot } from "../lib/scheduling/load-snapshot";
import { percentile, round } from "./load";

type Args = { clinicId: string; deskId: string; psychiatristId: string; coupleIds: string[]; startDate: string; count: number };
type ProposePlan = (staff: Staff, coupleId: string, prefs: Record<string, unknown>, now?: Date) => Promise<{ plan: { sessions: unknown[]; blocked: unknown[] }; violations: unknown[] }>;

async function loadPlanner(): Promise<ProposePlan | null> {
  const file = "../lib/scheduling/propose-plan";
  if (!fs.existsSync(new URL(`${file}.ts`, import.meta.url))) return null;
  return ((await import(file)) as { proposePlan: ProposePlan }).proposePlan;
}

/** The stand-in: an 8-session Taking Turns booking judged by the engine. */
async function evaluateFullBooking(args: Args, staff: Staff, coupleId: string) {
  const cycle = await db.kapCycle.findFirstOrThrow({ where: { coupleId } });
  const snapshot = await loadCoupleSnapshot(db, args.clinicId, coupleId, cycle.id);
  const tz = snapshot.settings.timeZone;
  const [a, b] = snapshot.couple.partners;
  const room = snapshot.rooms.find((r) => !r.dosingEquipped)!.id;
  const dosing = snapshot.rooms.find((r) => r.dosingEquipped)!.id;
  const at = (day: number, minute: number, kind: NewSession["kind"], extra: Partial<NewSession> = {}): NewSession => {
    const startsAt = atClinicTime(addClinicDays(args.startDate, day, tz), minute, tz);
    const therapist = snapshot.couple.couplesTherapistId;
    return { id: randomUUID(), kind, startsAt, endsAt: new Date(startsAt.getTime() + snapshot.settings.sessionMinutes[kind] * 60_000), roomId: room, journeyerId: null, medicineSessionId: null, clinicianIds: [therapist], partnerIds: [a.id, b.id], ...extra };
  };
  const medicineA = at(14, 9 * 60, "MEDICINE_TAKING_TURNS", { roomId: dosing, journeyerId: a.id });
  const medicineB = at(21, 9 * 60, "MEDICINE_TAKING_TURNS", { roomId: dosing, journeyerId: b.id });
  const sessions = [
    at(0, 9 * 60, "INTAKE", { partnerIds: [a.id], clinicianIds: [a.kapTherapistId] }),
    at(0, 11 * 60, "INTAKE", { partnerIds: [b.id], clinicianIds: [b.kapTherapistId] }),
    at(7, 9 * 60, "PREPARATION"),
    at(9, 9 * 60, "PREPARATION"),
    medicineA,
    at(15, 9 * 60, "INTEGRATION", { medicineSessionId: medicineA.id }),
    medicineB,
    at(22, 9 * 60, "INTEGRATION", { medicineSessionId: medicineB.id }),
  ];
  const { violations } = evaluateChange(snapshot, { type: "book", sessions }, { actor: staff, now: new Date() });
  return { sessions: sessions.length, violations: violations.length };
}

async function main() {
  const args = JSON.parse(process.argv[2]) as Args;
  const staff: Staff = { id: args.deskId, name: "Bench Front Desk", email: "desk@bench.test", roles: ["FRONT_DESK"], clinicId: args.clinicId, ip: null };
  const planner = await loadPlanner();
  // Warm up as the HTTP measures do: the first plan also compiles Prisma's queries (~0.4 s).
  const prefsFor = { startDate: args.startDate, weekdays: [1, 2, 3, 4, 5, 6], dayParts: [], psychiatristId: args.psychiatristId };
  for (const coupleId of args.coupleIds.slice(0, 3)) {
    if (planner) await planner(staff, coupleId, prefsFor);
    else await evaluateFullBooking(args, staff, coupleId);
  }
  const times: number[] = [];
  let sample: Record<string, number> = {};
  const deadline = performance.now() + 120_000;
  for (let i = 0; i < args.count && performance.now() < deadline; i++) {
    const coupleId = args.coupleIds[i % args.coupleIds.length];
    const t = performance.now();
    if (planner) {
      const result = await planner(staff, coupleId, prefsFor);
      sample = { sessions: result.plan.sessions.length, blocked: result.plan.blocked.length, violations: result.violations.length };
    } else {
      sample = await evaluateFullBooking(args, staff, coupleId);
    }
    times.push(performance.now() - t);
  }
  times.sort((x, y) => x - y);
  const what = planner ? "proposePlan (lib/scheduling/propose-plan.ts)" : "stand-in: snapshot + evaluateChange of an 8-session booking (planner not in the tree)";
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
