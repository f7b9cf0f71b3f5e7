import "server-only";
import { db } from "../db";

/** Active clinicians of one role, for choosing who runs a session. */
export async function listClinicians(clinicId: string, role: "THERAPIST" | "PSYCHIATRIST") {
  // Filtered here rather than with `roles: { has: role }`, which the PGlite adapter sends as a
  // malformed array literal (the query fails on the embedded database).
  const staff = await db.user.findMany({ where: { clinicId, active: true }, orderBy: { name: "asc" }, select: { id: true, name: true, roles: true } });
  return staff.filter((s) => s.roles.includes(role)).map(({ id, name }) => ({ id, name }));
}
