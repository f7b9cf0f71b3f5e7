import "server-only";
import { can } from "../auth/permissions";
import type { Staff } from "../auth/session";
import { db } from "../db";

/** The lots (with balances) and the clinicians who may witness, for the log's forms. */
export async function logFormOptions(staff: Staff) {
  const [lots, people] = await Promise.all([
    db.substanceLot.findMany({ where: { clinicId: staff.clinicId }, orderBy: { lotNumber: "asc" } }),
    db.user.findMany({ where: { clinicId: staff.clinicId, active: true, NOT: { id: staff.id } }, select: { id: true, name: true, roles: true }, orderBy: { name: "asc" } }),
  ]);
  return {
    lots: lots.map((l) => ({ id: l.id, lotNumber: l.lotNumber, balanceMg: Number(l.balanceMg) })),
    witnesses: people.filter((p) => can(p.roles, "substance-log:witness")).map((p) => ({ id: p.id, name: p.name })),
  };
}
