import "server-only";
import { db } from "../db";

export function listStaff(clinicId: string) {
  return db.user.findMany({
    where: { clinicId },
    orderBy: [{ active: "desc" }, { name: "asc" }],
    select: { id: true, name: true, email: true, roles: true, active: true },
  });
}
