import "server-only";
import type { Db, Tx } from "../db/prisma";
import type { Staff } from "../auth/session";

export type AuditEntry = {
  /** A verb: "read", "create", "update", "cancel", "sign", "revoke", "sign-in" … */
  action: string;
  /** The record's model name: "Couple", "Clearance", "DosingRecord", "SubstanceLog" … */
  entity: string;
  entityId?: string | null;
  /** The partner whose clinical record this is, so an admin can search by client. */
  clientId?: string | null;
  outcome: "ALLOWED" | "DENIED" | "FAILED";
};

/**
 * Appends to the audit log. Pass the transaction of the change itself, so the change and its
 * audit row commit or roll back together. Never put clinical content in an entry.
 */
export async function recordAudit(tx: Tx | Db, actor: Pick<Staff, "id" | "roles" | "ip"> | null, entry: AuditEntry): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actorId: actor?.id ?? null,
      actorRole: actor?.roles.join(",") ?? null,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId ?? null,
      clientId: entry.clientId ?? null,
      ip: actor?.ip ?? null,
      outcome: entry.outcome,
    },
  });
}
