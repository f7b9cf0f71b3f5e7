import "server-only";
import type { Staff } from "../auth/session";
import { staffWhere } from "../auth/reach";
import { db } from "../db";
import { NotFoundError } from "../errors";

export function listStaff(clinicId: string) {
  return db.user.findMany({
    where: { clinicId },
    orderBy: [{ active: "desc" }, { name: "asc" }],
    select: { id: true, name: true, email: true, roles: true, active: true },
  });
}

/** One account for the admin's page, if it is in the admin's clinic. */
export async function getStaffMember(admin: Staff, staffId: string) {
  const scope = staffWhere(admin);
  const account = scope
    ? await db.user.findFirst({
        where: { AND: [scope, { id: staffId }] },
        select: { id: true, name: true, email: true, roles: true, active: true, createdAt: true },
      })
    : null;
  if (!account) throw new NotFoundError("The staff member");
  const lastSignIn = await db.staffSession.findFirst({ where: { userId: account.id }, orderBy: { createdAt: "desc" }, select: { createdAt: true } });
  return { ...account, lastSignInAt: lastSignIn?.createdAt ?? null };
}
