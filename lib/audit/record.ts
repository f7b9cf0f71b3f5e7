import "server-only";
import type { Staff } from "../auth/session";
import { db } from "../db";
import { Prisma, type Db, type Tx } from "../db/prisma";

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
  await insertAuditRows(tx, actor, entries, false);
}

/**
 * Appends the audit rows of a read (P11: every read of a client's record is logged) in one
 * statement, committed without waiting for the disk. A read changes nothing, so its row needs no
 * transaction of its own; waiting for the write-ahead log's flush cost a page 5–25 ms on these
 * machines, more than the page's whole read. The row is in the database before the page is
 * answered, and the commit is ordered like every other: a crash of the database server's machine
 * in the fraction of a second before the log reaches the disk could lose it, and nothing else.
 * Changes, and the audit rows that go with them, keep waiting for the disk (recordAudit inside
 * the change's transaction). `synchronous_commit` is set for this statement's transaction only.
 */
export async function recordReads(actor: AuditActor, entries: readonly AuditEntry[]): Promise<void> {
  await insertAuditRows(db, actor, entries, true);
}

/**
 * One INSERT of the rows, as plain SQL: Prisma compiles a createMany anew on every call (its
 * query-plan cache skips createMany), which cost a booking about 0.3 ms of CPU per statement.
 */
async function insertAuditRows(tx: Tx | Db, actor: AuditActor, entries: readonly AuditEntry[], relaxed: boolean): Promise<void> {
  if (entries.length === 0) return;
  const rows = JSON.stringify(entries.map((entry) => rowOf(actor, entry)));
  const settings = relaxed ? Prisma.sql`(SELECT set_config('synchronous_commit', 'off', true) AS setting)` : Prisma.sql`(SELECT NULL AS setting)`;
  await tx.$executeRaw`
    WITH settings AS ${settings}
    INSERT INTO "AuditEvent" ("actorId", "actorRole", "clinicId", "action", "entity", "entityId", "clientId", "ip", "outcome")
    SELECT r."actorId", r."actorRole", r."clinicId", r."action", r."entity", r."entityId", r."clientId", r."ip", r."outcome"::"AuditOutcome"
    FROM settings, jsonb_to_recordset(${rows}::jsonb) AS r("actorId" uuid, "actorRole" text, "clinicId" uuid, "action" text, "entity" text, "entityId" text, "clientId" uuid, "ip" text, "outcome" text)`;
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
