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
  /** Only when there is no actor (a refused sign-in): whose log, and from where. */
  clinicId?: string | null;
  ip?: string | null;
};

/**
 * Appends to the audit log. Pass the transaction of the change itself, so the change and its
 * audit row commit or roll back together. Never put clinical content in an entry. The row's
 * clinic is the actor's (filled in by the database when not given here).
 */
export async function recordAudit(
  tx: Tx | Db,
  actor: (Pick<Staff, "id" | "roles" | "ip"> & { clinicId?: string }) | null,
  entry: AuditEntry,
): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actorId: actor?.id ?? null,
      actorRole: actor?.roles.join(",") ?? null,
      clinicId: actor?.clinicId ?? entry.clinicId ?? null,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId ?? null,
      clientId: entry.clientId ?? null,
      ip: actor?.ip ?? entry.ip ?? null,
      outcome: entry.outcome,
    },
  });
}
