import "server-only";
import { recordAudit } from "../audit/record";
import type { Staff } from "../auth/session";
import { endAllStaffSessions } from "../auth/staff-sessions";
import { db } from "../db";
import type { TStaffRoles } from "./input";
import { assertAnotherActiveAdmin, managedAccount } from "./managed-account";

/** New roles take effect at once: the account's sessions end and it signs in again. */
export async function setStaffRoles(admin: Staff, input: TStaffRoles) {
  return db.$transaction(async (tx) => {
    const account = await managedAccount(tx, admin, input.staffId);
    if (account.roles.includes("ADMIN") && !input.roles.includes("ADMIN") && account.active) {
      await assertAnotherActiveAdmin(tx, admin.clinicId, account.id, "The admin role cannot be taken away");
    }
    const user = await tx.user.update({
      where: { id: account.id },
      data: { roles: input.roles, sessionVersion: { increment: 1 } },
      select: { id: true, name: true },
    });
    await endAllStaffSessions(tx, account.id);
    await recordAudit(tx, admin, { action: "set-roles", entity: "User", entityId: account.id, outcome: "ALLOWED" });
    return user;
  });
}
