import "server-only";
import { recordAudit } from "../audit/record";
import type { Staff } from "../auth/session";
import { endAllStaffSessions } from "../auth/staff-sessions";
import { db } from "../db";
import type { TStaffActive } from "./input";
import { assertAnotherActiveAdmin, managedAccount } from "./managed-account";

/**
 * Deactivating ends the account's sessions at once and refuses its sign-ins, and revokes its
 * calendar feeds (a fetch also refuses an inactive owner's feed; revoking means an address on an
 * old phone does not come back if the account is reactivated). Nothing is deleted (its name stays
 * on the records and the audit log). Reactivating lets it sign in again.
 */
export async function setStaffActive(admin: Staff, input: TStaffActive) {
  return db.$transaction(async (tx) => {
    const account = await managedAccount(tx, admin, input.staffId);
    if (!input.active && account.active && account.roles.includes("ADMIN")) {
      await assertAnotherActiveAdmin(tx, admin.clinicId, account.id, "This account cannot be deactivated");
    }
    const user = await tx.user.update({
      where: { id: account.id },
      data: { active: input.active, sessionVersion: { increment: 1 } },
      select: { id: true, name: true, active: true },
    });
    await endAllStaffSessions(tx, account.id);
    if (!input.active) await tx.calendarFeed.updateMany({ where: { ownerId: account.id, revokedAt: null }, data: { revokedAt: new Date(), revokedById: admin.id } });
    await recordAudit(tx, admin, { action: input.active ? "reactivate" : "deactivate", entity: "User", entityId: account.id, outcome: "ALLOWED" });
    return user;
  });
}
