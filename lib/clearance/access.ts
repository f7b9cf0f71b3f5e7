import "server-only";
import type { Staff } from "../auth/session";
import { can, type Permission } from "../auth/permissions";
import { NOTHING, partnerWhere } from "../auth/reach";
import { recordAudit } from "../audit/record";
import { db, type Tx } from "../db";
import { ForbiddenError, NotFoundError, RuleViolationError } from "../errors";

type Actor = Pick<Staff, "id" | "roles" | "clinicId" | "ip">;

/**
 * P11: only a psychiatrist records, signs, amends, revokes a clearance or overrides a dose hold.
 * Checked here, in the domain, whatever page or action calls; a refusal is audited (in its own
 * write, since the refused change has no transaction to share).
 */
export async function assertPsychiatrist(
  staff: Actor,
  permission: Permission,
  refused: { action: string; entity: string; phrase: string; clientId?: string | null },
): Promise<void> {
  if (can(staff.roles, permission)) return;
  await recordAudit(db, staff, { action: refused.action, entity: refused.entity, clientId: refused.clientId ?? null, outcome: "DENIED" });
  throw new RuleViolationError("P11", `P11: only a psychiatrist may ${refused.phrase}.`);
}

/** Role check for reading clinical records (the front desk never sees a clearance's content). */
export function assertMay(staff: Actor, permission: Permission): void {
  if (!can(staff.roles, permission)) throw new ForbiddenError();
}

/**
 * The partner, if this staff member reaches them for the permission (P11: a therapist the
 * partners of the couples they treat, a psychiatrist the partners they evaluate). Out of reach
 * and missing look the same, so ids cannot be probed.
 */
export async function partnerInReach(tx: Tx, staff: Actor, permission: Permission, clientId: string) {
  const client = await tx.client.findFirst({
    where: { AND: [partnerWhere(staff, permission) ?? NOTHING, { id: clientId }] },
    select: { id: true, firstName: true, lastName: true, preferredName: true, clinicId: true },
  });
  if (!client) throw new NotFoundError("The partner");
  return client;
}

export function partnerDisplayName(c: { firstName: string; lastName: string; preferredName: string | null }): string {
  return `${c.preferredName ?? c.firstName} ${c.lastName}`;
}
