// Which outcome measures are due for one partner (PROTOCOL.md "Outcome measures"): all three at
// the first intake (the baseline), a PHQ-9 before each medicine session the partner doses in
// (P12's window), a CSI-16 after each integration, and all three at the end of the cycle. Pure:
// the couple page hands it the cycle's sessions and the partner's measures.
//
// Each occasion is a window of time; a measure of the instrument taken inside it satisfies it
// (one measure may satisfy two occasions: a CSI-16 after the last integration is also the end of
// the cycle's). The windows:
// - Baseline: from BASELINE_DAYS_BEFORE_INTAKE calendar days before the partner's first intake of
//   the cycle until the cycle's first medicine session starts (open-ended while none is booked).
// - Before a medicine session: P12's window, from the clinic date `screenDays` days before the
//   session's date until it starts; only for partners who dose (the journeyer in Taking Turns,
//   both partners in Low Dose Together).
// - After an integration: from its start until the next medicine session of the cycle starts
//   (open-ended after the last one).
// - End of the cycle: once the cycle is completed, from the start of its last session on.
import { addClinicDays, atClinicTime, clinicDate } from "../protocol/calendar";
import { isMedicine, isStanding } from "../protocol/cycle";
import type { SessionKind, SessionStatus } from "../protocol/types";
import { INSTRUMENT_IDS, type InstrumentId } from "./instruments";

export const BASELINE_DAYS_BEFORE_INTAKE = 30;

export type CycleStatus = "PLANNING" | "ACTIVE" | "COMPLETED" | "CANCELLED";

export type DueSession = {
  id: string;
  cycleId: string | null;
  kind: SessionKind;
  status: SessionStatus;
  startsAt: Date;
  partnerIds: readonly string[];
  journeyerId: string | null;
};

export type DueInput = {
  partnerId: string;
  /** The couple's cycles; the open one (planning or active) counts, else the latest completed. */
  cycles: readonly { id: string; status: CycleStatus; createdAt: Date }[];
  sessions: readonly DueSession[];
  /** This partner's measures. */
  measures: readonly { instrument: InstrumentId; takenAt: Date }[];
  timeZone: string;
  /** P12's window in days (a clinic setting, 7 by default). */
  screenDays: number;
  now: Date;
};

export type Occasion = "BASELINE" | "BEFORE_MEDICINE" | "AFTER_INTEGRATION" | "END_OF_CYCLE";

export type DueState =
  /** The window is open and no measure satisfies it yet. */
  | "due"
  /** The window opens later (or at a session not yet booked). */
  | "upcoming"
  /** The window closed without a measure. */
  | "missed"
  | "done";

export type DueMeasure = {
  instrument: InstrumentId;
  occasion: Occasion;
  state: DueState;
  /** The session the occasion hangs on (the intake, the medicine session, the integration, the cycle's last session). */
  sessionId: string | null;
  /** When the window opens and closes; null: not known yet, or never. */
  opens: Date | null;
  closes: Date | null;
};

type Window = { occasion: Occasion; instruments: readonly InstrumentId[]; sessionId: string | null; opens: Date | null; closes: Date | null };

/** The cycle whose measures are asked for now: the open one, else the latest completed. */
export function currentCycle<C extends { status: CycleStatus; createdAt: Date }>(cycles: readonly C[]): C | undefined {
  const latest = [...cycles].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  return latest.find((c) => c.status === "PLANNING" || c.status === "ACTIVE") ?? latest.find((c) => c.status === "COMPLETED");
}

/** Who doses in a medicine session: the journeyer in Taking Turns, both partners in Low Dose Together. */
function doses(s: DueSession, partnerId: string): boolean {
  if (s.kind === "MEDICINE_LOW_DOSE") return s.partnerIds.includes(partnerId);
  return s.kind === "MEDICINE_TAKING_TURNS" && s.journeyerId === partnerId;
}

function windows(input: DueInput, cycle: { id: string; status: CycleStatus }): Window[] {
  const { partnerId, timeZone: zone } = input;
  const sessions = input.sessions.filter((s) => s.cycleId === cycle.id && isStanding(s)).sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  const medicine = sessions.filter(isMedicine);
  const nextMedicineAfter = (at: Date) => medicine.find((m) => m.startsAt.getTime() > at.getTime())?.startsAt ?? null;
  const out: Window[] = [];

  const intake = sessions.find((s) => s.kind === "INTAKE" && s.partnerIds.includes(partnerId));
  out.push({
    occasion: "BASELINE",
    instruments: INSTRUMENT_IDS,
    sessionId: intake?.id ?? null,
    opens: intake ? atClinicTime(addClinicDays(clinicDate(intake.startsAt, zone), -BASELINE_DAYS_BEFORE_INTAKE, zone), 0, zone) : null,
    closes: medicine[0]?.startsAt ?? null,
  });
  for (const m of medicine.filter((s) => doses(s, partnerId))) {
    const opensOn = addClinicDays(clinicDate(m.startsAt, zone), -input.screenDays, zone);
    out.push({ occasion: "BEFORE_MEDICINE", instruments: ["PHQ9"], sessionId: m.id, opens: atClinicTime(opensOn, 0, zone), closes: m.startsAt });
  }
  for (const i of sessions.filter((s) => s.kind === "INTEGRATION" && s.partnerIds.includes(partnerId))) {
    out.push({ occasion: "AFTER_INTEGRATION", instruments: ["CSI16"], sessionId: i.id, opens: i.startsAt, closes: nextMedicineAfter(i.startsAt) });
  }
  const last = sessions.at(-1);
  out.push({
    occasion: "END_OF_CYCLE",
    instruments: INSTRUMENT_IDS,
    sessionId: cycle.status === "COMPLETED" ? (last?.id ?? null) : null,
    // Only a completed cycle has ended; until then the end is still to come.
    opens: cycle.status === "COMPLETED" ? (last?.startsAt ?? new Date(0)) : null,
    closes: null,
  });
  return out;
}

function stateOf(w: Window, instrument: InstrumentId, input: DueInput): DueState {
  const now = input.now.getTime();
  if (w.opens === null) return "upcoming";
  const opens = w.opens.getTime();
  const closes = w.closes?.getTime() ?? Infinity;
  const satisfied = input.measures.some((m) => m.instrument === instrument && m.takenAt.getTime() >= opens && m.takenAt.getTime() <= closes);
  if (satisfied) return "done";
  if (now < opens) return "upcoming";
  return now > closes ? "missed" : "due";
}

/** The partner's outcome measures for the current cycle, one row per occasion and instrument, in time order. */
export function measuresDue(input: DueInput): DueMeasure[] {
  const cycle = currentCycle(input.cycles);
  if (!cycle) return [];
  return windows(input, cycle).flatMap((w) =>
    w.instruments.map((instrument) => ({ instrument, occasion: w.occasion, state: stateOf(w, instrument, input), sessionId: w.sessionId, opens: w.opens, closes: w.closes })),
  );
}

/** The instruments due now (window open, not yet taken), without repeats: what a link would ask for. */
export function dueNow(rows: readonly DueMeasure[]): InstrumentId[] {
  return INSTRUMENT_IDS.filter((id) => rows.some((r) => r.instrument === id && r.state === "due"));
}
