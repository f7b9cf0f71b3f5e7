import "server-only";
import type { Staff } from "../auth/session";
import { can, type Permission } from "../auth/permissions";
import { recordAudit } from "../audit/record";
import { coupleScope } from "../couples/access";
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
 * The partner, if this staff member may see their couple (object-level, the couple page's rule).
 * Out of scope and missing look the same, so ids cannot be probed.
 */
export async function partnerInScope(tx: Tx, staff: Actor, clientId: string) {
  const scope = coupleScope(staff);
  if (!scope) throw new NotFoundError("The partner");
  const client = await tx.client.findFirst({
    where: {
      id: clientId,
      clinicId: staff.clinicId,
      OR: [{ couplesAsA: { some: scope } }, { couplesAsB: { some: scope } }],
    },
    select: { id: true, firstName: true, lastName: true, preferredName: true, clinicId: true },
  });
  if (!client) throw new NotFoundError("The partner");
  return client;
}

export function partnerDisplayName(c: { firstName: string; lastName: string; preferredName: string | null }): string {
  return `${c.preferredName ?? c.firstName} ${c.lastName}`;
}
