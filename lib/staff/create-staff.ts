import "server-only";
import { recordAudit } from "../audit/record";
import { hashPassword } from "../auth/password";
import type { Staff } from "../auth/session";
import { db } from "../db";
import { asAppError } from "../db/errors";
import type { TNewStaff } from "./input";
import { newInvitation, NO_PASSWORD } from "./invitations";

/**
 * An admin creates an account in their clinic: with an invitation link the person uses to choose
 * their own password (returned once, as `invitation`), or with a first password the admin passes on.
 */
export async function createStaff(admin: Staff, input: TNewStaff): Promise<{ id: string; name: string; invitation: string | null }> {
  const passwordHash = input.method === "password" && input.password ? await hashPassword(input.password) : NO_PASSWORD;
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { clinicId: admin.clinicId, name: input.name, email: input.email, roles: input.roles, passwordHash },
        select: { id: true, name: true },
      });
      const invitation = input.method === "invite" ? await newInvitation(tx, admin, user.id) : null;
      await recordAudit(tx, admin, { action: invitation ? "invite" : "create", entity: "User", entityId: user.id, outcome: "ALLOWED" });
      return { ...user, invitation };
    });
  } catch (error) {
    // An email already taken, refused by the database: in the words of lib/db/errors.ts.
    throw asAppError(error);
  }
}
