import "server-only";
import { redirect } from "next/navigation";
import { can, type Permission } from "../auth/permissions";
import { isRecordId } from "../auth/reach-check";
import { requireStaff, type Staff } from "../auth/session";
import { db } from "../db";
import { recordReads } from "./record";

/** The records whose reads are audited (P11: a client's record). */
export type ReadEntity = "Couple" | "Client" | "Clearance" | "DosingRecord" | "Session" | "SessionNote";

/**
 * Records that a page showed (ALLOWED) or refused (DENIED) a client's record, for pages whose
 * loader does not record it itself. A refused read of one partner's record (a partner, a
 * clearance, a dosing record) names that partner when the record exists in the staff member's
 * clinic, so an admin searching by client finds the attempt; a couple or a session belongs to
 * two, and is found by its id. Nothing of the record is shown to the person refused.
 */
export async function recordRead(staff: Staff, read: { entity: ReadEntity; entityId: string; outcome: "ALLOWED" | "DENIED"; clientId?: string | null }): Promise<void> {
  const clientId = read.clientId ?? (read.outcome === "DENIED" ? await clientOf(read.entity, read.entityId, staff.clinicId) : null);
  await recordReads(staff, [{ action: "read", entity: read.entity, entityId: read.entityId.slice(0, 64), clientId, outcome: read.outcome }]);
}

async function clientOf(entity: ReadEntity, id: string, clinicId: string): Promise<string | null> {
  if (!isRecordId(id)) return null;
  if (entity === "Client") return (await db.client.findFirst({ where: { id, clinicId }, select: { id: true } }))?.id ?? null;
  if (entity === "Clearance") {
    return (await db.clearance.findFirst({ where: { id, client: { clinicId } }, select: { clientId: true } }))?.clientId ?? null;
  }
  if (entity === "DosingRecord") {
    return (await db.dosingRecord.findFirst({ where: { id, client: { clinicId } }, select: { clientId: true } }))?.clientId ?? null;
  }
  return null;
}

/**
 * For a clinical record's page: the signed-in staff member if their role may read this kind of
 * record. Otherwise the refused attempt is audited and the forbidden page shown.
 */
export async function requireReadPermission(permission: Permission, read: { entity: ReadEntity; entityId: string }): Promise<Staff> {
  const staff = await requireStaff();
  if (!can(staff.roles, permission)) {
    await recordRead(staff, { ...read, outcome: "DENIED" });
    redirect("/forbidden");
  }
  return staff;
}
