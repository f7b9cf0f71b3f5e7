import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { recordAudit } from "../audit/record";
import { passwordProblem } from "../auth/password-policy";
import { hashPassword } from "../auth/password";
import type { Staff } from "../auth/session";
import { endAllStaffSessions } from "../auth/staff-sessions";
import { db, type Tx } from "../db";
import { InvalidInputError } from "../errors";
import type { TAcceptInvitation } from "./input";
import { managedAccount } from "./managed-account";

/** How long an invitation or reset link works. */
export const INVITATION_HOURS = 72;

/** Stored instead of a password until the person sets one: no password ever verifies against it. */
export const NO_PASSWORD = "!no-password-set";

const hashOf = (token: string) => createHash("sha256").update(token).digest("hex");

/** A new one-time link for this account; earlier unused links stop working. Returns the token. */
export async function newInvitation(tx: Tx, admin: Pick<Staff, "id">, userId: string, now = new Date()): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await tx.staffInvitation.updateMany({ where: { userId, usedAt: null, expiresAt: { gt: now } }, data: { expiresAt: now } });
  await tx.staffInvitation.create({
    data: { userId, tokenHash: hashOf(token), createdById: admin.id, expiresAt: new Date(now.getTime() + INVITATION_HOURS * 3_600_000) },
  });
  return token;
}

/**
 * "Reset by link": the account's password stops working and its sessions end at once; the admin
 * gets a link for the person to choose a new one.
 */
export async function issueResetLink(admin: Staff, staffId: string, now = new Date()): Promise<{ name: string; token: string }> {
  return db.$transaction(async (tx) => {
    const account = await managedAccount(tx, admin, staffId);
    await tx.user.update({ where: { id: account.id }, data: { passwordHash: NO_PASSWORD, sessionVersion: { increment: 1 } } });
    await endAllStaffSessions(tx, account.id, now);
    const token = await newInvitation(tx, admin, account.id, now);
    await recordAudit(tx, admin, { action: "reset-link", entity: "User", entityId: account.id, outcome: "ALLOWED" });
    return { name: account.name, token };
  });
}

/** Whom a link is for, while it works (unused, not expired, account active); else null. */
export async function invitationFor(token: string, now = new Date()) {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const invitation = await db.staffInvitation.findUnique({
    where: { tokenHash: hashOf(token) },
    include: { user: { select: { name: true, email: true, active: true } } },
  });
  if (!invitation || invitation.usedAt || invitation.expiresAt <= now || !invitation.user.active) return null;
  return { name: invitation.user.name, email: invitation.user.email };
}

/** The person sets their password with the link; the link is used up in the same transaction. */
export async function acceptInvitation(input: TAcceptInvitation, ip: string | null, now = new Date()): Promise<{ email: string }> {
  const expired = "This link has expired or was already used. Ask the clinic's admin for a new one.";
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    const invitation = await tx.staffInvitation.findUnique({ where: { tokenHash: hashOf(input.token) }, include: { user: true } });
    if (!invitation || !invitation.user.active) throw new InvalidInputError(expired);
    const problem = passwordProblem(input.password, invitation.user);
    if (problem) throw new InvalidInputError(problem, { password: [problem] });
    // Conditional, so the same link cannot be used twice even at the same moment.
    const { count } = await tx.staffInvitation.updateMany({
      where: { id: invitation.id, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (count === 0) throw new InvalidInputError(expired);
    const user = invitation.user;
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, sessionVersion: { increment: 1 } } });
    await endAllStaffSessions(tx, user.id, now);
    await recordAudit(tx, { id: user.id, roles: user.roles, ip, clinicId: user.clinicId }, { action: "set-password", entity: "User", entityId: user.id, outcome: "ALLOWED" });
    return { email: user.email };
  });
}
