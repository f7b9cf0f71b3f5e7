// fast-check generators for the property tests: settings, clearances, and "intents" that are
// turned into concrete changes against whatever the cycle holds at that point of a sequence.
import fc from "fast-check";
import { TZDate } from "@date-fns/tz";
import { DEFAULT_SETTINGS } from "@/lib/protocol/settings";
import type {
  CycleSnapshot,
  KapModel,
  NewSession,
  ProposedChange,
  SafetyDecision,
  SessionKind,
  SnapshotClearance,
  SnapshotSafetyReview,
  SnapshotScreen,
  SnapshotSession,
} from "@/lib/protocol/types";
import { ALEX, COUPLES_THERAPIST, PSYCHIATRIST, ROOMS, SAM, STAFF, ZONE } from "./fixtures";

export const KINDS: SessionKind[] = ["INTAKE", "PREPARATION", "MEDICAL_EVALUATION", "MEDICINE_TAKING_TURNS", "MEDICINE_LOW_DOSE", "INTEGRATION", "COUPLES_THERAPY"];
export const SLOTS = [480, 540, 660, 840, 1020, 1140]; // 08:00 … 19:00 (a 19:00 start runs past closing)
const ROOM_CHOICES = ["r-oak", "r-willow", "r-dose", "r-old", null];
const FIRST_DAY = [2026, 2, 2] as const; // Mon 2 Mar 2026; the spring change is on day 6

/** An instant: `day` days after Mon 2 Mar 2026 at `minute` in the clinic's zone (LA). */
export function instant(day: number, minute: number): Date {
  return new Date(new TZDate(FIRST_DAY[0], FIRST_DAY[1], FIRST_DAY[2] + day, Math.floor(minute / 60), minute % 60, ZONE).getTime());
}

const mostly = <T>(usual: T, rare: T) => fc.oneof({ weight: 9, arbitrary: fc.constant(usual) }, { weight: 1, arbitrary: fc.constant(rare) });

const clearanceArb = (clientId: string, id: string) =>
  fc
    .record({
      decision: fc.constantFrom("CLEARED", "CLEARED", "CLEARED", "CLEARED", "CLEARED", "CLEARED_WITH_CONDITIONS", "CLEARED_WITH_CONDITIONS", "NOT_CLEARED", "DEFERRED"),
      models: fc.constantFrom<KapModel[]>(["TAKING_TURNS", "LOW_DOSE_TOGETHER"], ["TAKING_TURNS", "LOW_DOSE_TOGETHER"], ["TAKING_TURNS"], ["LOW_DOSE_TOGETHER"]),
      // Mostly a clearance that covers the generated month, sometimes anything.
      evaluatedOn: fc.oneof({ weight: 4, arbitrary: fc.integer({ min: -60, max: 0 }) }, { weight: 1, arbitrary: fc.integer({ min: -100, max: 15 }) }),
      length: fc.oneof({ weight: 3, arbitrary: fc.constant(90) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 120 }) }),
      recordedByPsychiatrist: mostly(true, false),
      signed: mostly(true, false),
      revoked: mostly(false, true),
      superseded: mostly(false, true),
    })
    .map((c): SnapshotClearance => {
      const date = (offset: number) => new Date(Date.UTC(2026, 2, 2 + offset)).toISOString().slice(0, 10);
      return {
        id,
        clientId,
        decision: c.decision as SnapshotClearance["decision"],
        models: c.models,
        evaluatedOn: date(c.evaluatedOn),
        validUntil: date(c.evaluatedOn + c.length),
        recordedByPsychiatrist: c.recordedByPsychiatrist,
        signed: c.signed,
        revoked: c.revoked,
        supersededById: c.superseded ? "c-newer" : null,
      };
    });

/** Usually one clearance per partner, sometimes none or two. */
const clearancesArb = (clientId: string, id: string) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.tuple(clearanceArb(clientId, id)).map((t) => [...t]) },
    { weight: 1, arbitrary: fc.array(clearanceArb(clientId, id), { maxLength: 2 }) },
  );

/**
 * P12: a partner's PHQ-9s around the generated month, at times chosen to meet the rule's edges:
 * midnight, just before 08:00, at the slots sessions start on, the day's last minute. Item 9 is
 * mostly 0. Reviews answer one of them, a minute before, at, or after it was taken, or days later.
 */
const screensArb = (clientId: string, prefix: string) =>
  fc
    .array(
      fc.record({
        day: fc.integer({ min: -10, max: 20 }),
        minute: fc.constantFrom(0, 479, 480, 540, 600, 660, 1439),
        item9: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }) }),
      }),
      { maxLength: 4 },
    )
    .map((specs): SnapshotScreen[] => specs.map((s, i) => ({ id: `${prefix}-${i}`, clientId, takenAt: instant(s.day, s.minute), item9: s.item9 })));

const reviewsArb = (screens: SnapshotScreen[]) =>
  fc
    .array(
      fc.record({
        pick: fc.nat(7),
        decision: fc.constantFrom<SafetyDecision>("PROCEED", "PROCEED", "POSTPONE", "REFER"),
        delay: fc.constantFrom(-1, 0, 0, 1, 30, 1440, 3 * 1440),
      }),
      { maxLength: 3 },
    )
    .map((specs): SnapshotSafetyReview[] =>
      screens.length === 0
        ? []
        : specs.map((r) => {
            const screen = screens[r.pick % screens.length];
            return { screenId: screen.id, decision: r.decision, reviewedAt: new Date(screen.takenAt.getTime() + r.delay * 60_000) };
          }),
    );

const safetyArb = fc
  .tuple(screensArb(SAM.id, "phq-sam"), screensArb(ALEX.id, "phq-alex"))
  .chain(([sam, alex]) => fc.record({ screens: fc.constant<SnapshotScreen[]>([...sam, ...alex]), safetyReviews: reviewsArb([...sam, ...alex]) }));

/** An empty cycle: its model, settings, the partners' clearances and PHQ-9s vary. */
export const emptyCycleArb = fc
  .record({
    shape: fc.constantFrom(["TAKING_TURNS", "FULL"], ["TAKING_TURNS", "FULL"], ["TAKING_TURNS", "SINGLE_EXPERIENCE"], ["LOW_DOSE_TOGETHER", "FULL"]),
    preps: fc.nat(2),
    window: fc.constantFrom({ min: 1, max: 2 }, { min: 1, max: 2 }, { min: 0, max: 1 }, { min: 1, max: 3 }, { min: 2, max: 2 }),
    sam: clearancesArb(SAM.id, "c-sam"),
    alex: clearancesArb(ALEX.id, "c-alex"),
    safetyScreen: fc.record({ enabled: mostly(true, false), days: fc.constantFrom(7, 7, 1, 3, 14) }),
    safety: safetyArb,
  })
  .map(({ shape, preps, window, sam, alex, safetyScreen, safety }): CycleSnapshot => {
    const [model, format] = shape as [KapModel, "FULL" | "SINGLE_EXPERIENCE"];
    return {
      cycle: { id: "cycle-1", model, format },
      couple: { id: "couple-1", partners: [SAM, ALEX], couplesTherapistId: COUPLES_THERAPIST },
      sessions: [],
      clearances: [...sam.map((c, i) => ({ ...c, id: `${c.id}-${i}` })), ...alex.map((c, i) => ({ ...c, id: `${c.id}-${i}` }))],
      rideHomes: [],
      rooms: ROOMS,
      settings: { ...DEFAULT_SETTINGS, timeZone: ZONE, minPreparations: { TAKING_TURNS: preps, LOW_DOSE_TOGETHER: Math.min(preps, 1) }, integrationWindowDays: window, safetyScreen },
      staff: STAFF,
      ...safety,
    };
  });

export type Intent =
  | { t: "single"; kind: SessionKind; day: number; slot: number; who: number; room: number; link: number }
  | { t: "pair"; day: number; slot: number; who: number; gap: number; islot: number }
  | { t: "plan"; start: number; gaps: number[]; who: number; evaluations: boolean }
  | { t: "move"; pick: number; dayDelta: number; slot: number }
  | { t: "movePair"; pick: number; dayDelta: number; gap: number; slot: number; islot: number }
  | { t: "cancel" | "checkIn" | "complete"; pick: number }
  | { t: "progress" }
  | { t: "throughNext"; ride: boolean }
  | { t: "ride"; pick: number }
  | { t: "screen"; pick: number; before: number; item9: number; review: SafetyDecision | null };

const slot = fc.nat(SLOTS.length - 1);
export const planIntentArb = fc.record({ t: fc.constant("plan" as const), start: fc.nat(6), gaps: fc.array(fc.nat(2), { minLength: 4, maxLength: 4 }), who: fc.nat(1), evaluations: fc.boolean() });


export const intentArb: fc.Arbitrary<Intent> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ t: fc.constant("single" as const), kind: fc.constantFrom(...KINDS), day: fc.nat(20), slot, who: fc.nat(1), room: fc.nat(4), link: fc.nat(9) }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant("pair" as const), day: fc.nat(20), slot: fc.nat(3), who: fc.nat(1), gap: fc.nat(3), islot: fc.nat(3) }) },
  { weight: 3, arbitrary: planIntentArb },
  { weight: 2, arbitrary: fc.record({ t: fc.constant("move" as const), pick: fc.nat(40), dayDelta: fc.integer({ min: -3, max: 3 }), slot }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant("movePair" as const), pick: fc.nat(9), dayDelta: fc.integer({ min: -3, max: 3 }), gap: fc.nat(3), slot: fc.nat(3), islot: fc.nat(3) }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constantFrom("cancel" as const, "checkIn" as const, "complete" as const), pick: fc.nat(40) }) },
  { weight: 3, arbitrary: fc.constant({ t: "progress" as const }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant("throughNext" as const), ride: mostly(true, false) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant("ride" as const), pick: fc.nat(9) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant("screen" as const),
      pick: fc.nat(9),
      // Minutes before the session: an hour, a day or three days, so a later PHQ-9 often follows an earlier one in the same window.
      before: fc.constantFrom(60, 24 * 60, 3 * 24 * 60),
      item9: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }) }),
      review: fc.constantFrom<SafetyDecision | null>("PROCEED", "PROCEED", "POSTPONE", null),
    }),
  },
);

/** A day at the clinic: often it starts from a whole plan, as the planner books one. */
export const sequenceArb = fc
  .tuple(fc.option(planIntentArb, { freq: 3 }), fc.array(intentArb, { minLength: 1, maxLength: 30 }))
  .map(([plan, rest]): Intent[] => (plan ? [plan, ...rest] : rest));

/** Builds sessions the way the clinic would: the right people for each kind. */
export function sessionOf(cycle: CycleSnapshot, id: string, kind: SessionKind, day: number, minute: number, who: number, extra: Partial<NewSession> = {}): NewSession {
  const partner = cycle.couple.partners[who % 2];
  const single = kind === "INTAKE" || kind === "MEDICAL_EVALUATION";
  const startsAt = instant(day, minute);
  return {
    id,
    kind,
    startsAt,
    endsAt: new Date(startsAt.getTime() + cycle.settings.sessionMinutes[kind] * 60_000),
    roomId: kind === "MEDICAL_EVALUATION" ? null : kind.startsWith("MEDICINE") ? "r-dose" : "r-oak",
    journeyerId: kind === "MEDICINE_TAKING_TURNS" ? partner.id : null,
    medicineSessionId: null,
    clinicianIds: kind === "INTAKE" ? [partner.kapTherapistId] : kind === "MEDICAL_EVALUATION" ? [PSYCHIATRIST] : [COUPLES_THERAPIST],
    partnerIds: single ? [partner.id] : [SAM.id, ALEX.id],
    ...extra,
  };
}

const medicineKind = (c: CycleSnapshot): SessionKind => (c.cycle.model === "TAKING_TURNS" ? "MEDICINE_TAKING_TURNS" : "MEDICINE_LOW_DOSE");
const dayOf = (d: Date) => {
  const local = new TZDate(d.getTime(), ZONE);
  return (Date.UTC(local.getFullYear(), local.getMonth(), local.getDate()) - Date.UTC(...FIRST_DAY)) / 86_400_000;
};

/** The concrete changes an intent means for the cycle as it stands (none if it names nothing). */
export function changesFor(intent: Intent, c: CycleSnapshot, nextId: () => string): ProposedChange[] {
  const sessions = c.sessions;
  const pick = (n: number, list: SnapshotSession[] = sessions) => (list.length ? list[n % list.length] : undefined);
  const medicines = sessions.filter((s) => s.kind.startsWith("MEDICINE"));
  switch (intent.t) {
    case "single": {
      const link = intent.kind === "INTEGRATION" ? (pick(intent.link, medicines)?.id ?? "none") : null;
      return [{ type: "book", sessions: [sessionOf(c, nextId(), intent.kind, intent.day, SLOTS[intent.slot], intent.who, { roomId: ROOM_CHOICES[intent.room], medicineSessionId: link })] }];
    }
    case "pair": {
      const m = sessionOf(c, nextId(), medicineKind(c), intent.day, SLOTS[intent.slot], intent.who);
      const i = sessionOf(c, nextId(), "INTEGRATION", intent.day + intent.gap, SLOTS[intent.islot], 0, { medicineSessionId: m.id });
      return [{ type: "book", sessions: [m, i] }];
    }
    case "plan": {
      // A plan as the planner would make it: on open days (day 6, 13, 20 are Sundays).
      const open = (d: number) => (d % 7 === 6 ? d + 1 : d);
      let day = open(intent.start);
      const plan: NewSession[] = [sessionOf(c, nextId(), "INTAKE", day, 540, 0), sessionOf(c, nextId(), "INTAKE", day, 660, 1)];
      if (intent.evaluations) plan.push(sessionOf(c, nextId(), "MEDICAL_EVALUATION", day, 840, 0), sessionOf(c, nextId(), "MEDICAL_EVALUATION", day, 1020, 1));
      for (let p = 0; p < c.settings.minPreparations[c.cycle.model]; p++) plan.push(sessionOf(c, nextId(), "PREPARATION", (day = open(day + 1 + intent.gaps[p])), 540, 0));
      const window = c.settings.integrationWindowDays;
      for (let turn = 0; turn < 2; turn++) {
        day = open(day + 1 + intent.gaps[2 + turn]);
        const m = sessionOf(c, nextId(), medicineKind(c), day, 600, intent.who + turn);
        const integrationDay = [window.min, window.max].map((n) => day + Math.max(1, n)).find((d) => d % 7 !== 6) ?? day + 1;
        plan.push(m, sessionOf(c, nextId(), "INTEGRATION", integrationDay, 600, 0, { medicineSessionId: m.id }));
        day = integrationDay;
      }
      return [{ type: "book", sessions: plan }];
    }
    case "move": {
      const s = pick(intent.pick);
      if (!s) return [];
      const startsAt = instant(dayOf(s.startsAt) + intent.dayDelta, SLOTS[intent.slot]);
      return [{ type: "move", sessionId: s.id, startsAt, endsAt: new Date(startsAt.getTime() + (s.endsAt.getTime() - s.startsAt.getTime())) }];
    }
    case "movePair": {
      const m = pick(intent.pick, medicines);
      const i = m && sessions.find((s) => s.medicineSessionId === m.id && s.status === "SCHEDULED");
      if (!m || !i) return [];
      const day = dayOf(m.startsAt) + intent.dayDelta;
      // Mostly keep the integration inside the window (the app moves them together); gap 3 tests the edge.
      const { min, max } = c.settings.integrationWindowDays;
      const gap = intent.gap === 3 ? max + 1 : min + (intent.gap % (max - min + 1));
      const at = (d: number, minute: number, like: SnapshotSession) => ({ startsAt: instant(d, minute), endsAt: new Date(instant(d, minute).getTime() + (like.endsAt.getTime() - like.startsAt.getTime())) });
      return [{ type: "moveMany", moves: [{ sessionId: m.id, ...at(day, SLOTS[intent.slot], m) }, { sessionId: i.id, ...at(day + gap, SLOTS[intent.islot], i) }] }];
    }
    case "cancel":
    case "checkIn":
    case "complete": {
      const s = pick(intent.pick);
      return s ? [{ type: intent.t, sessionId: s.id }] : [];
    }
    case "progress": {
      const next = [...sessions].filter((s) => s.status === "SCHEDULED" || s.status === "CHECKED_IN").sort((x, y) => +x.startsAt - +y.startsAt)[0];
      if (!next) return [];
      return next.status === "SCHEDULED"
        ? [{ type: "checkIn", sessionId: next.id }, { type: "complete", sessionId: next.id }]
        : [{ type: "complete", sessionId: next.id }];
    }
    case "throughNext": {
      // Run the clinic up to the next medicine session: everything before it happens, then it is checked in.
      const upcoming = [...sessions].filter((s) => s.status === "SCHEDULED").sort((x, y) => +x.startsAt - +y.startsAt);
      const next = upcoming.find((s) => s.kind.startsWith("MEDICINE"));
      if (!next) return [];
      const before = upcoming.filter((s) => +s.endsAt <= +next.startsAt);
      return [
        ...before.flatMap((s): ProposedChange[] => [{ type: "checkIn", sessionId: s.id }, { type: "complete", sessionId: s.id }]),
        { type: "checkIn", sessionId: next.id },
      ];
    }
    case "ride":
    case "screen":
      return [];
  }
}
