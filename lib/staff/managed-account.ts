import "server-only";
import type { Staff } from "../auth/session";
import { staffWhere } from "../auth/reach";
import type { Tx } from "../db";
import { InvalidInputError, NotFoundError } from "../errors";

/**
 * The account an admin is changing, if it is theirs to manage (object-level: same clinic).
 * Locks the clinic's row first, so two admins' changes to staff run one after the other and the
 * last-admin check below cannot be raced.
 */
export async function managedAccount(tx: Tx, admin: Staff, staffId: string) {
  const scope = staffWhere(admin);
  if (!scope) throw new NotFoundError("The staff member");
  await tx.$queryRaw`SELECT 1 FROM "Clinic" WHERE "id" = ${admin.clinicId}::uuid FOR UPDATE`;
  const account = await tx.user.findFirst({ where: { AND: [scope, { id: staffId }] } });
  if (!account) throw new NotFoundError("The staff member");
  return account;
}

/** The clinic always keeps an active admin, or nobody could manage staff again. */
export async function assertAnotherActiveAdmin(tx: Tx, clinicId: string, leaving: string, why: string): Promise<void> {
  // Filtered here rather than with `roles: { has }`, which the PGlite adapter sends as a malformed array.
  const active = await tx.user.findMany({ where: { clinicId, active: true, id: { not: leaving } }, select: { roles: true } });
  if (!active.some((u) => u.roles.includes("ADMIN"))) throw new InvalidInputError(`${why}: the clinic needs at least one active admin.`);
}
