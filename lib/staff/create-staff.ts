import "server-only";
import { recordAudit } from "../audit/record";
import { hashPassword } from "../auth/password";
import type { Staff } from "../auth/session";
import { db } from "../db";
import { databaseFailureOf } from "../db/errors";
import { InvalidInputError } from "../errors";
import type { TNewStaff } from "./input";

/** An admin creates an account in their clinic, with a first password they pass on. */
export async function createStaff(admin: Staff, input: TNewStaff) {
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { clinicId: admin.clinicId, name: input.name, email: input.email, roles: input.roles, passwordHash },
        select: { id: true, name: true },
      });
      await recordAudit(tx, admin, { action: "create", entity: "User", entityId: user.id, outcome: "ALLOWED" });
      return user;
    });
  } catch (error) {
    if (databaseFailureOf(error)?.code === "23505") {
      const message = `An account with the email ${input.email} already exists.`;
      throw new InvalidInputError(message, { email: [message] });
    }
    throw error;
  }
}
