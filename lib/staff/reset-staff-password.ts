import "server-only";
import { recordAudit } from "../audit/record";
import { hashPassword } from "../auth/password";
import { passwordProblem } from "../auth/password-policy";
import type { Staff } from "../auth/session";
import { endAllStaffSessions } from "../auth/staff-sessions";
import { db } from "../db";
import { InvalidInputError } from "../errors";
import type { TStaffPassword } from "./input";
import { managedAccount } from "./managed-account";

/** An admin sets a new password (to pass on in person); the account's sessions end at once. */
export async function resetStaffPassword(admin: Staff, input: TStaffPassword) {
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    const account = await managedAccount(tx, admin, input.staffId);
    const problem = passwordProblem(input.password, account);
    if (problem) throw new InvalidInputError(problem, { password: [problem] });
    await tx.user.update({ where: { id: account.id }, data: { passwordHash, sessionVersion: { increment: 1 } } });
    await endAllStaffSessions(tx, account.id);
    await recordAudit(tx, admin, { action: "reset-password", entity: "User", entityId: account.id, outcome: "ALLOWED" });
    return { id: account.id, name: account.name };
  });
}
