import "server-only";
import type { Staff } from "../auth/session";
import { db } from "../db";
import { databaseFailureOf, isRetryableConflict } from "../db/errors";
import type { Tx } from "../db/prisma";
import { NotFoundError, RuleViolationError, RuleViolationsError } from "../errors";
import { evaluateChange, mayMakeChange, type CycleSnapshot, type Notice, type ProposedChange } from "../protocol";
import { explainClash, type Attempt } from "./clash";
import { lockCouple, loadCoupleSnapshot } from "./load-snapshot";
import { lockRoomsOf } from "./lock-rooms";

type Plan<T> = {
  staff: Staff;
  coupleId: string;
  cycleId: string | null;
  /** The change, built from the couple as it stands (under its row lock). */
  change: (snapshot: CycleSnapshot) => ProposedChange;
  /** The write, run only when the engine allows the change, in the same transaction. */
  write: (tx: Tx, snapshot: CycleSnapshot, change: ProposedChange) => Promise<T>;
  /** The sessions the write puts in the calendar, to name a clash the database refuses. */
  attempts: (snapshot: CycleSnapshot, change: ProposedChange) => Attempt[];
  /**
   * A dry run: everything above happens (the lock, the engine, the write and the database's
   * constraints), then the transaction is rolled back. What it answers is what the change would
   * do, from the same code, so a preview cannot drift from the real thing.
   */
  rollBack?: boolean;
};

/** Carries a dry run's answer out of its transaction, which throwing it rolls back. */
class RolledBack<T> extends Error {
  constructor(readonly outcome: { result: T; notices: Notice[] }) {
    super("Rolled back: a dry run");
  }
}

/**
 * Every change to a schedule runs here: lock the couple, load its picture, check the caller's
 * reach, ask the protocol engine (P1–P12), write, all in one transaction. A refusal, by the engine or by the
 * database's constraints, leaves the database exactly as it was.
 */
export async function underProtocol<T>(plan: Plan<T>): Promise<{ result: T; notices: Notice[] }> {
  // Two inserts that overlap each other's uncommitted rows can each wait on the other's EXCLUDE
  // check; PostgreSQL then aborts one as a deadlock. By the retry the other has committed (or
  // rolled back), so the second try gets a plain answer: booked, or the clash in words.
  for (let attempt = 1; ; attempt++) {
    try {
      return await attemptOnce(plan);
    } catch (error) {
      if (attempt >= 3 || !isRetryableConflict(databaseFailureOf(error))) throw error;
    }
  }
}

async function attemptOnce<T>(plan: Plan<T>): Promise<{ result: T; notices: Notice[] }> {
  let attempted: Attempt[] = [];
  let timeZone = "UTC";
  try {
    return await db.$transaction(
      async (tx) => {
        await lockCouple(tx, plan.coupleId);
        let snapshot = await loadCoupleSnapshot(tx, plan.staff.clinicId, plan.coupleId, plan.cycleId);
        timeZone = snapshot.settings.timeZone;
        const change = plan.change(snapshot);
        // Reach comes first (P11): out of reach is not found, before any rule speaks of the couple.
        if (mayMakeChange(plan.staff, snapshot, change) === "out-of-reach") throw new NotFoundError(change.type === "book" ? "The couple" : "The session");
        // The rooms it books or moves into, held and read afresh: an admin's edit of one cannot slip in before the write (P9).
        snapshot = await lockRoomsOf(tx, snapshot, change);
        const { violations, notices } = evaluateChange(snapshot, change, { actor: plan.staff, now: new Date() });
        if (violations.length > 0) {
          throw new RuleViolationsError(violations.map((v) => new RuleViolationError(v.rule, v.message, v.sessionIds)));
        }
        attempted = plan.attempts(snapshot, change);
        const outcome = { result: await plan.write(tx, snapshot, change), notices };
        if (plan.rollBack) throw new RolledBack(outcome);
        return outcome;
      },
      { timeout: 20_000, maxWait: 20_000 },
    );
  } catch (error) {
    if (error instanceof RolledBack) return (error as RolledBack<T>).outcome;
    const clash = await explainClash(db, error, attempted, timeZone);
    if (clash) throw clash;
    throw error;
  }
}
