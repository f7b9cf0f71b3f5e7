import "server-only";
import type { Staff } from "../auth/session";
import { coupleNames } from "../couples/list-couples";
import { db } from "../db";
import { refusalOf } from "../db/errors";
import { NotFoundError, RuleViolationError, RuleViolationsError } from "../errors";
import {
  clinicDate,
  clinicMinuteOfDay,
  formatClinicSlot,
  formatClinicDay,
  formatMinuteOfDay,
  isMedicine,
  openWindowDays,
  settingsFromClinic,
  SESSION_KIND_LABELS,
  type RuleId,
  type SessionMove,
} from "../protocol";
import { moveSessions } from "./move-sessions";
import { draftMove, type TMoveInput } from "./session-input";

/** What a move would do: allowed (with any P7 notices), or refused with the rules and their words. */
export type MoveVerdict = { ok: true; notices: string[] } | { ok: false; error: string; rules: RuleId[] };

/** The board's question before a move is saved: "Move X to Room B, Tue 3 Mar 14:00–15:00?" and the protocol's answer. */
export type MovePreview = {
  question: string;
  verdict: MoveVerdict;
  /**
   * A medicine session whose integration would fall outside the new window (P4): where the
   * integration could go (the first open day of the new window at its own time, or the next
   * that is free), and the verdict on moving both. Null when the integration may stay.
   */
  integration: { date: string; time: string; words: string; verdict: MoveVerdict } | null;
};

/**
 * The verdict of a move or a dry run, read from how it ended: the engine's refusal (P1–P12),
 * the database's (P8's clash in words, lib/scheduling/clash.ts), or success. Anything else (the
 * session out of reach, a lost connection) is not a verdict and is thrown on.
 */
export async function verdictOf(outcome: Promise<{ notices: { message: string }[] }>): Promise<MoveVerdict> {
  try {
    const { notices } = await outcome;
    return { ok: true, notices: notices.map((n) => n.message) };
  } catch (error) {
    if (error instanceof RuleViolationsError) return { ok: false, error: error.message, rules: error.violations.map((v) => v.rule) };
    if (error instanceof RuleViolationError) return { ok: false, error: error.message, rules: [error.rule] };
    const refusal = refusalOf(error);
    if (refusal) return { ok: false, error: refusal.message, rules: refusal.rule ? [refusal.rule] : [] };
    throw error;
  }
}

/** The move run in full and rolled back: lock, engine, write, the database's constraints. */
export function dryRunMove(staff: Staff, moves: SessionMove[]): Promise<MoveVerdict> {
  return verdictOf(moveSessions(staff, moves, { dryRun: true }));
}

/**
 * Evaluates a move without writing it (issue 14): the same input as the move form, the same
 * code as the move (moveSessions, rolled back), so the verdict shown is what saving then does,
 * unless someone else books the place in between (then the move is refused with the clash).
 * Out of reach is not found, as for the move itself.
 */
export async function previewMove(staff: Staff, input: TMoveInput): Promise<MovePreview> {
  const moves = await draftMove(staff, input);
  // First, so that a session out of reach is not found before anything about it is read.
  const verdict = await dryRunMove(staff, moves);
  const session = await db.session.findFirst({
    where: { id: input.sessionId, clinicId: staff.clinicId },
    include: {
      clinic: true,
      couple: { include: { partnerA: { select: { firstName: true, lastName: true } }, partnerB: { select: { firstName: true, lastName: true } } } },
      integrations: { where: { status: { not: "CANCELLED" } }, select: { id: true, startsAt: true, endsAt: true } },
    },
  });
  if (!session) throw new NotFoundError("The session");
  const settings = settingsFromClinic(session.clinic);
  const tz = settings.timeZone;
  const [move] = moves;
  const roomId = move.roomId === undefined ? session.roomId : move.roomId;
  const room = roomId ? await db.room.findFirst({ where: { id: roomId, clinicId: staff.clinicId }, select: { name: true } }) : null;
  const where = roomId === null ? "telehealth" : (room?.name ?? "that room");
  const what = `${SESSION_KIND_LABELS[session.kind]} (${coupleNames(session.couple.partnerA, session.couple.partnerB)})`;
  const question = `Move ${what} to ${where}, ${formatClinicSlot(move.startsAt, move.endsAt, tz)}?`;

  const integration = session.integrations[0];
  if (!isMedicine(session) || !integration || moves.length > 1) return { question, verdict, integration: null };
  const windowDays = openWindowDays(move.startsAt, settings);
  const staysInside = windowDays.includes(clinicDate(integration.startsAt, tz)) && integration.startsAt >= move.endsAt;
  if (staysInside) return { question, verdict, integration: null };
  return { question, verdict, integration: await proposeIntegration(staff, input, { ...move, roomId }, integration, windowDays, tz) };
}

const MAX_DAYS_TRIED = 3;

/**
 * Where a medicine session's integration could go when the session moves (P4): each open day of
 * the new window, at the integration's own time and then at the medicine session's, the first
 * place where moving both is allowed. None allowed: the first place, with its refusal.
 */
async function proposeIntegration(
  staff: Staff,
  input: TMoveInput,
  medicine: SessionMove,
  integration: { startsAt: Date; endsAt: Date },
  windowDays: string[],
  tz: string,
): Promise<MovePreview["integration"]> {
  if (windowDays.length === 0) return null; // P4's refusal of the move already names the dates that work.
  const times = [...new Set([clinicMinuteOfDay(integration.startsAt, tz), clinicMinuteOfDay(medicine.startsAt, tz)])].map(formatMinuteOfDay);
  let first: NonNullable<MovePreview["integration"]> | null = null;
  // Each try is a dry run (a transaction): a few at most, however wide the clinic's window.
  for (const date of windowDays.slice(0, MAX_DAYS_TRIED)) {
    for (const time of times) {
      const moves = await draftMove(staff, { ...input, integrationDate: date, integrationTime: time });
      const verdict = await dryRunMove(staff, moves);
      const proposal = { date, time, words: `${formatClinicDay(date, tz)} at ${time}`, verdict };
      if (verdict.ok) return proposal;
      first ??= proposal;
    }
  }
  return first;
}
