// Property tests over generated cycles and changes (fast-check):
// (a) whenever the engine allows a change, the resulting cycle satisfies every invariant of
//     PROTOCOL.md, as an independent checker (checker.ts) sees it; and the converse: from a valid
//     cycle, the engine refuses exactly the changes that would break one;
// (b) every rejection names a rule, in a readable sentence;
// (c) results do not depend on the order sessions (or anything else) are listed in;
// (d) P12 at check-in: over generated PHQ-9s and reviews, the engine refuses for P12 exactly when
//     the checker finds P12 broken once the session is checked in.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { brokenInvariants, LEGAL_STEPS } from "./checker";
import { ALEX, at, completed, fullPlan, SAM, snapshot, STAFF } from "./fixtures";
import { changesFor, emptyCycleArb, instant, KINDS, sequenceArb, sessionOf, SLOTS } from "./generators";
import { evaluateChange } from "@/lib/protocol/engine";
import type { Actor, CycleSnapshot, ProposedChange, RuleId, SafetyDecision, SessionStatus, SnapshotSafetyReview, SnapshotScreen, SnapshotSession } from "@/lib/protocol/types";

const RULE_IDS: RuleId[] = ["P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8", "P9", "P10", "P11", "P12"];
// Each property takes about a second alone; the budget leaves room for a busy two-core machine.
const PROPERTY_TIMEOUT = 20_000;

/** The test's own reading of a change: what the cycle looks like once it is made. */
function applyPlainly(c: CycleSnapshot, change: ProposedChange): CycleSnapshot {
  const sessions = c.sessions.map((s) => ({ ...s }));
  const byId = (id: string) => sessions.find((s) => s.id === id);
  const STATUS: Record<string, SessionStatus> = { cancel: "CANCELLED", checkIn: "CHECKED_IN", complete: "COMPLETED", noShow: "NO_SHOW" };
  if (change.type === "book") for (const s of change.sessions) sessions.push({ ...s, status: s.status ?? "SCHEDULED" });
  else if (change.type === "move" || change.type === "moveMany") {
    const moves = change.type === "move" ? [change] : change.moves;
    for (const m of moves) Object.assign(byId(m.sessionId)!, { startsAt: m.startsAt, endsAt: m.endsAt }, m.roomId !== undefined ? { roomId: m.roomId } : {});
  } else {
    const target = byId(change.sessionId)!;
    target.status = STATUS[change.type];
    // PROTOCOL.md P4: cancelling a medicine session cancels its integration.
    if ((change.type === "cancel" || change.type === "noShow") && target.kind.startsWith("MEDICINE")) {
      for (const s of sessions) if (s.medicineSessionId === target.id && s.status === "SCHEDULED") s.status = "CANCELLED";
    }
  }
  return { ...c, sessions };
}

/** P10 as a plain table: the change names sessions it may name, in a state it may leave. */
function legalChange(c: CycleSnapshot, change: ProposedChange): boolean {
  const known = new Set(c.sessions.map((s) => s.id));
  if (change.type === "book") {
    const ids = change.sessions.map((s) => s.id);
    return new Set(ids).size === ids.length && ids.every((id) => !known.has(id)) && change.sessions.every((s) => (s.status ?? "SCHEDULED") === "SCHEDULED");
  }
  const ids = change.type === "move" ? [change.sessionId] : change.type === "moveMany" ? change.moves.map((m) => m.sessionId) : [change.sessionId];
  if (new Set(ids).size !== ids.length || !ids.every((id) => known.has(id))) return false;
  const from = (id: string) => c.sessions.find((s) => s.id === id)!.status;
  if (change.type === "move" || change.type === "moveMany") return ids.every((id) => from(id) === "SCHEDULED");
  const to = applyPlainly(c, change).sessions.find((s) => s.id === ids[0])!.status;
  return LEGAL_STEPS.has(`${from(ids[0])}>${to}`);
}

function expectReadable(result: ReturnType<typeof evaluateChange>) {
  for (const v of result.violations) {
    expect(RULE_IDS).toContain(v.rule);
    expect(v.message.startsWith(`${v.rule}: `)).toBe(true);
    expect(v.message).not.toMatch(/undefined|NaN|Invalid Date|\[object/);
    expect(v.sessionIds.length).toBeGreaterThan(0);
  }
  for (const n of result.notices) expect(n.message.startsWith(`${n.rule}: `)).toBe(true);
}

describe("(a) allowed changes keep every invariant; from a valid cycle, refused changes would break one", () => {
  it("holds over generated sequences of changes", () => {
    const seen = { allowed: 0, refused: 0, medicineBooked: 0, medicineCheckedIn: 0, moved: 0, cancelled: 0, refusedForP12: 0 };
    fc.assert(
      fc.property(emptyCycleArb, sequenceArb, (empty, intents) => {
        let cycle = empty;
        let counter = 0;
        const nextId = () => `s${String(counter++).padStart(2, "0")}`;
        for (const intent of intents) {
          // Rides home are recorded outside the engine (front desk, on the day).
          const medicines = cycle.sessions.filter((s) => s.kind.startsWith("MEDICINE") && s.status === "SCHEDULED").sort((x, y) => +x.startsAt - +y.startsAt);
          const rideFor = intent.t === "ride" ? medicines[intent.pick % Math.max(1, medicines.length)] : intent.t === "throughNext" && intent.ride ? medicines[0] : undefined;
          if (rideFor) cycle = { ...cycle, rideHomes: [...cycle.rideHomes, { sessionId: rideFor.id, clientId: SAM.id }, { sessionId: rideFor.id, clientId: ALEX.id }] };
          if (intent.t === "ride") continue;
          // A PHQ-9 for both partners before the picked medicine session (an hour to three days), sometimes
          // with a review (P12; recorded outside the engine). Only where it leaves the cycle valid:
          // the screen may also lie in the window of a session already checked in, and one with
          // item 9 above 0 and no review saying proceed would break that session's P12.
          if (intent.t === "screen") {
            const m = medicines[intent.pick % Math.max(1, medicines.length)];
            if (!m) continue;
            const takenAt = new Date(m.startsAt.getTime() - intent.before * 60_000);
            const ids = [SAM, ALEX].map((p) => `phq-${p.id}-${m.id}-${cycle.screens?.length ?? 0}`);
            const screens = [SAM, ALEX].map((p, i) => ({ id: ids[i], clientId: p.id, takenAt, item9: intent.item9 }));
            const reviews = intent.review && intent.item9 > 0 ? ids.map((screenId) => ({ screenId, decision: intent.review!, reviewedAt: new Date(takenAt.getTime() + 10 * 60_000) })) : [];
            const candidate = { ...cycle, screens: [...(cycle.screens ?? []), ...screens], safetyReviews: [...(cycle.safetyReviews ?? []), ...reviews] };
            if (brokenInvariants(candidate).length === 0) cycle = candidate;
            continue;
          }
          for (const change of changesFor(intent, cycle, nextId)) {
            const result = evaluateChange(cycle, change);
            expectReadable(result);
            const after = applyPlainly(cycle, change);
            const legal = legalChange(cycle, change);
            const broken = legal ? brokenInvariants(after) : ["illegal"];
            if (result.violations.length === 0) {
              expect(legal, `allowed an illegal ${change.type}`).toBe(true);
              expect(broken, `allowed ${JSON.stringify(change)}`).toEqual([]);
              seen.allowed++;
              if (change.type === "book" && change.sessions.some((s) => s.kind.startsWith("MEDICINE"))) seen.medicineBooked++;
              if (change.type === "checkIn" && cycle.sessions.find((s) => s.id === change.sessionId)?.kind.startsWith("MEDICINE")) seen.medicineCheckedIn++;
              if (change.type === "moveMany") seen.moved++;
              if (change.type === "cancel") seen.cancelled++;
              cycle = after;
            } else {
              // (b) and completeness: a refusal names a rule, and something really would break.
              expect(broken.length, `refused ${JSON.stringify(change)}: ${JSON.stringify(result.violations)}`).toBeGreaterThan(0);
              seen.refused++;
              if (result.violations.some((v) => v.rule === "P12")) seen.refusedForP12++;
            }
          }
        }
      }),
      // A fixed seed: the coverage counts below are then the same on every run. With a fresh seed
      // each time, one run in many drew no medicine check-in at all and failed the suite for it;
      // the other properties here still draw fresh seeds.
      { numRuns: 200, seed: 20261130 },
    );
    // The generators must reach the interesting parts of a cycle, or the property says little.
    expect(seen.medicineBooked).toBeGreaterThan(30);
    expect(seen.medicineCheckedIn).toBeGreaterThan(0);
    expect(seen.refusedForP12).toBeGreaterThan(0);
    expect(seen.moved).toBeGreaterThan(0);
    expect(seen.refused).toBeGreaterThan(100);
  }, PROPERTY_TIMEOUT);
});

// Arbitrary, mostly invalid cycles: anything may be in any state.
const anySessionArb = fc.record({
  kind: fc.constantFrom(...KINDS),
  status: fc.constantFrom<SessionStatus>("SCHEDULED", "SCHEDULED", "CHECKED_IN", "COMPLETED", "CANCELLED", "NO_SHOW"),
  day: fc.nat(20),
  slot: fc.nat(SLOTS.length - 1),
  who: fc.nat(1),
  room: fc.constantFrom("r-oak", "r-willow", "r-dose", "r-old", "r-gone", null),
  journeyer: fc.constantFrom(SAM.id, ALEX.id, null, "p-stranger"),
  link: fc.nat(15),
  cycleId: fc.constantFrom(undefined, undefined, "cycle-1", "cycle-0", null),
});

const anyCycleArb = fc.tuple(emptyCycleArb, fc.array(anySessionArb, { maxLength: 14 }), fc.array(fc.nat(15), { maxLength: 4 })).map(([empty, specs, rides]) => {
  const sessions: SnapshotSession[] = specs.map((s, i) => ({
    ...sessionOf(empty, `s${String(i).padStart(2, "0")}`, s.kind, s.day, SLOTS[s.slot], s.who, { roomId: s.room, cycleId: s.cycleId }),
    status: s.status,
    journeyerId: s.kind.startsWith("MEDICINE") ? s.journeyer : null,
    medicineSessionId: s.kind === "INTEGRATION" ? `s${String(s.link % Math.max(1, specs.length)).padStart(2, "0")}` : null,
  }));
  const rideHomes = rides.filter((r) => r < sessions.length).map((r) => ({ sessionId: sessions[r].id, clientId: SAM.id }));
  return { ...empty, sessions, rideHomes };
});

const anyChangeArb = (c: CycleSnapshot) => {
  const id = fc.oneof(fc.constantFrom(...c.sessions.map((s) => s.id), "s-unknown"));
  const when = fc.record({ day: fc.nat(20), slot: fc.nat(SLOTS.length - 1), minutes: fc.constantFrom(60, 90, 120, 180) }).map(({ day, slot, minutes }) => ({
    startsAt: instant(day, SLOTS[slot]),
    endsAt: new Date(instant(day, SLOTS[slot]).getTime() + minutes * 60_000),
  }));
  return fc.oneof(
    fc.array(anySessionArb, { minLength: 1, maxLength: 3 }).map((specs): ProposedChange => ({
      type: "book",
      sessions: specs.map((s, i) => ({
        ...sessionOf(c, `n${i}`, s.kind, s.day, SLOTS[s.slot], s.who, { roomId: s.room }),
        medicineSessionId: s.kind === "INTEGRATION" ? (c.sessions[s.link % Math.max(1, c.sessions.length)]?.id ?? `n0`) : null,
      })),
    })),
    fc.tuple(id, when).map(([sessionId, w]): ProposedChange => ({ type: "move", sessionId, ...w })),
    fc.array(fc.tuple(id, when), { minLength: 1, maxLength: 3 }).map((moves): ProposedChange => ({ type: "moveMany", moves: moves.map(([sessionId, w]) => ({ sessionId, ...w })) })),
    fc.tuple(fc.constantFrom("cancel" as const, "checkIn" as const, "complete" as const, "noShow" as const), id).map(([type, sessionId]): ProposedChange => ({ type, sessionId })),
  );
};

const actorArb = fc.option(
  fc.record({
    id: fc.constantFrom(...STAFF.map((s) => s.id), "u-desk", "t-stranger"),
    roles: fc.subarray(["THERAPIST", "PSYCHIATRIST", "FRONT_DESK", "ADMIN"] as Actor["roles"]),
  }),
  { nil: undefined },
);
const nowArb = fc.option(fc.record({ day: fc.nat(20), minute: fc.nat(1439) }).map(({ day, minute }) => instant(day, minute)), { nil: undefined });

const scenarioArb = anyCycleArb.chain((c) => fc.record({ cycle: fc.constant(c), change: anyChangeArb(c), actor: actorArb, now: nowArb, seed: fc.integer() }));

/** A different listing of the same things: every list shuffled, deterministically from a seed. */
function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let x = seed | 1;
  for (let i = out.length - 1; i > 0; i--) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    const j = x % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
function relisted(c: CycleSnapshot, change: ProposedChange, seed: number): [CycleSnapshot, ProposedChange] {
  const cycle: CycleSnapshot = {
    ...c,
    sessions: shuffled(c.sessions, seed).map((s, i) => ({ ...s, partnerIds: shuffled(s.partnerIds, seed + i), clinicianIds: shuffled(s.clinicianIds, seed - i) })),
    clearances: shuffled(c.clearances, seed + 1),
    rooms: shuffled(c.rooms, seed + 2),
    rideHomes: shuffled(c.rideHomes, seed + 3),
    staff: c.staff && shuffled(c.staff, seed + 6),
    screens: c.screens && shuffled(c.screens, seed + 7),
    safetyReviews: c.safetyReviews && shuffled(c.safetyReviews, seed + 8),
  };
  const relistedChange: ProposedChange =
    change.type === "book" ? { ...change, sessions: shuffled(change.sessions, seed + 4) } : change.type === "moveMany" ? { ...change, moves: shuffled(change.moves, seed + 5) } : change;
  return [cycle, relistedChange];
}

describe("(b) every rejection names a rule, in a readable sentence", () => {
  it("holds for arbitrary cycles, changes, actors and times", () => {
    fc.assert(
      fc.property(scenarioArb, ({ cycle, change, actor, now }) => {
        const result = evaluateChange(cycle, change, { actor, now });
        expectReadable(result);
        // A change naming an unknown session is always refused, under P10.
        if (change.type !== "book" && change.type !== "moveMany" && change.sessionId === "s-unknown") {
          expect(result.violations.map((v) => v.rule)).toContain("P10");
        }
      }),
      { numRuns: 300 },
    );
  }, PROPERTY_TIMEOUT);
});

describe("(c) results do not depend on the order things are listed in", () => {
  it("holds for arbitrary cycles and changes", () => {
    fc.assert(
      fc.property(scenarioArb, ({ cycle, change, actor, now, seed }) => {
        const [cycle2, change2] = relisted(cycle, change, seed);
        expect(evaluateChange(cycle2, change2, { actor, now })).toEqual(evaluateChange(cycle, change, { actor, now }));
      }),
      { numRuns: 300 },
    );
  }, PROPERTY_TIMEOUT);
});

describe("(d) P12 at check-in agrees with the checker", () => {
  // Sam journeys Tue 10 Mar 10:00, everything else ready. Sam's PHQ-9s fall from Sun 1 Mar (before
  // the window) to a minute after the start, several to a window, so a later one often follows an
  // earlier one with item 9 above 0; reviews answer them before, at, after, or days later.
  const times = ["00:00", "09:00", "10:00", "10:01", "23:59"];
  const screenArb = fc.record({ date: fc.integer({ min: 1, max: 10 }), time: fc.nat(times.length - 1), item9: fc.constantFrom(0, 0, 1, 2, 3), who: fc.constantFrom(SAM, SAM, SAM, ALEX) });
  const reviewArb = fc.record({ pick: fc.nat(9), decision: fc.constantFrom<SafetyDecision>("PROCEED", "PROCEED", "POSTPONE", "REFER"), delay: fc.constantFrom(-1, 0, 0, 30, 1440) });
  const caseArb = fc.tuple(fc.array(screenArb, { maxLength: 5 }), fc.array(reviewArb, { maxLength: 6 })).map(([specs, reviewSpecs]) => {
    const screens: SnapshotScreen[] = specs.map((s, i) => ({ id: `phq-${i}`, clientId: s.who.id, takenAt: at(`2026-03-${String(s.date).padStart(2, "0")}`, times[s.time]), item9: s.item9 }));
    const safetyReviews: SnapshotSafetyReview[] = screens.length === 0 ? [] : reviewSpecs.map((r) => {
      const screen = screens[r.pick % screens.length];
      return { screenId: screen.id, decision: r.decision, reviewedAt: new Date(screen.takenAt.getTime() + r.delay * 60_000) };
    });
    return snapshot({
      sessions: completed(fullPlan(), "in-sam", "in-alex", "prep-1", "prep-2"),
      rideHomes: [{ sessionId: "med-1", clientId: SAM.id }],
      screens,
      safetyReviews,
      settings: { safetyScreen: { enabled: true, days: 7 } },
    });
  });

  it("holds over generated PHQ-9s and reviews", () => {
    const seen = { allowed: 0, refused: 0 };
    fc.assert(
      fc.property(caseArb, (cycle) => {
        const change: ProposedChange = { type: "checkIn", sessionId: "med-1" };
        const result = evaluateChange(cycle, change);
        expectReadable(result);
        const broken = brokenInvariants(applyPlainly(cycle, change));
        expect(broken.filter((b) => !b.startsWith("P12")), "the cycle is otherwise ready").toEqual([]);
        expect(result.violations.map((v) => v.rule).filter((r) => r !== "P12")).toEqual([]);
        expect(result.violations.length > 0, JSON.stringify(broken)).toBe(broken.length > 0);
        if (broken.length > 0) seen.refused++;
        else seen.allowed++;
      }),
      { numRuns: 500 },
    );
    expect(seen.allowed).toBeGreaterThan(50);
    expect(seen.refused).toBeGreaterThan(50);
  }, PROPERTY_TIMEOUT);
});
