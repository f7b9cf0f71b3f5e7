import "server-only";
import type { Staff } from "../auth/session";
import { recordAudit } from "../audit/record";
import { db } from "../db";
import { asAppError } from "../db/errors";
import { ForbiddenError, InvalidInputError, NotFoundError } from "../errors";
import { can } from "../auth/permissions";
import type { Prisma } from "../db/prisma";
import type { Tx } from "../db";

type EntryData = Omit<Prisma.SubstanceLogEntryUncheckedCreateInput, "recordedById" | "occurredAt" | "balanceAfterMg">;

/**
 * Appends one entry to the controlled-substance log (Schedule III). The database moves the lot's
 * balance in the same statement and refuses an overdraw; entries are never changed or deleted.
 */
export async function appendLogEntry(
  staff: Staff,
  build: (tx: Tx) => Promise<EntryData>,
  audit: { action: string },
  now = new Date(),
): Promise<{ id: string; balanceAfterMg: number }> {
  if (!can(staff.roles, "substance-log:write")) throw new ForbiddenError();
  try {
    return await db.$transaction(async (tx) => {
      const data = await build(tx);
      const entry = await tx.substanceLogEntry.create({ data: { ...data, recordedById: staff.id, occurredAt: now } });
      await recordAudit(tx, staff, { action: audit.action, entity: "SubstanceLogEntry", entityId: entry.id, outcome: "ALLOWED" });
      return { id: entry.id, balanceAfterMg: Number(entry.balanceAfterMg) };
    });
  } catch (error) {
    // A lot overdrawn, refused by the database: in the words of lib/db/errors.ts.
    throw asAppError(error);
  }
}

export async function lotOfClinic(tx: Tx, staff: Staff, lotId: string) {
  const lot = await tx.substanceLot.findFirst({ where: { id: lotId, clinicId: staff.clinicId } });
  if (!lot) throw new NotFoundError("The lot");
  return lot;
}

/** A witness is another active clinician of the clinic. */
export async function assertWitness(tx: Tx, staff: Staff, witnessId: string) {
  const message = "Choose another clinician of this clinic as witness.";
  if (witnessId === staff.id) throw new InvalidInputError(message, { witnessedById: [message] });
  // Roles are checked here rather than with `hasSome`, which the PGlite adapter cannot send.
  const witness = await tx.user.findFirst({ where: { id: witnessId, clinicId: staff.clinicId, active: true }, select: { roles: true } });
  if (!witness || !can(witness.roles, "substance-log:witness")) throw new InvalidInputError(message, { witnessedById: [message] });
}
