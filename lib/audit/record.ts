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
export async function recordAudit(tx: Tx | Db, actor: AuditActor, entry: AuditEntry): Promise<void> {
  await tx.auditEvent.create({ data: rowOf(actor, entry) });
}

/**
 * Appends several entries of one actor in one statement (a read of both partners' records, a
 * plan's bookings): a page or a change then costs one round trip to the log, not one per row.
 */
export async function recordAudits(tx: Tx | Db, actor: AuditActor, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await tx.auditEvent.createMany({ data: entries.map((entry) => rowOf(actor, entry)) });
}

type AuditActor = (Pick<Staff, "id" | "roles" | "ip"> & { clinicId?: string }) | null;

function rowOf(actor: AuditActor, entry: AuditEntry) {
  return {
    actorId: actor?.id ?? null,
    actorRole: actor?.roles.join(",") ?? null,
    clinicId: actor?.clinicId ?? entry.clinicId ?? null,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId ?? null,
    clientId: entry.clientId ?? null,
    ip: actor?.ip ?? entry.ip ?? null,
    outcome: entry.outcome,
  };
}
