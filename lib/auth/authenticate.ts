import "server-only";
import { z } from "zod";
import { recordAudit } from "../audit/record";
import { db } from "../db";
import type { StaffRoleName } from "./permissions";
import { hashPassword, verifyPassword } from "./password";
import { startStaffSession } from "./staff-sessions";
import { admitSignInAttempt, markSignInSucceeded } from "./throttle";

const ZCredentials = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(1024),
});

export type SignInResult =
  | { ok: true; user: { id: string; name: string; email: string; roles: StaffRoleName[]; sessionVersion: number }; sessionId: string }
  /** "invalid" never says which of email or password was wrong, nor whether the account is active. */
  | { ok: false; reason: "invalid" | "throttled" };

// Verifying against a real hash when the account does not exist keeps the response time the
// same, so timing does not reveal which emails have accounts.
let dummyHash: Promise<string> | undefined;

/**
 * Checks a sign-in: the throttle first (a throttled attempt does not look at the password), then
 * the credentials. Every attempt is counted for the throttle; sign-ins to a real account, allowed
 * or refused, go to that clinic's audit log. On success, starts the server-side session. `now` is
 * for tests that replay a history; without it the time is read under the throttle's lock.
 */
export async function authenticate(email: unknown, password: unknown, ip: string | null, now?: Date): Promise<SignInResult> {
  const parsed = ZCredentials.safeParse({ email, password });
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { email: key, password: secret } = parsed.data;

  const { verdict, attemptId, at } = await admitSignInAttempt(db, key, ip, now);
  if (verdict !== "allowed") return { ok: false, reason: "throttled" };

  const user = await db.user.findUnique({ where: { email: key } });
  // An account without a password yet (invited, or reset by link) is verified against the dummy
  // too, so it takes as long as any other refusal.
  const hasPassword = !!user && user.passwordHash.startsWith("$argon2");
  const valid = await verifyPassword(hasPassword ? user.passwordHash : await (dummyHash ??= hashPassword("not-a-real-password")), secret);
  const ok = !!user && user.active && hasPassword && valid;
  if (ok) await markSignInSucceeded(db, attemptId, at);
  if (user) {
    await recordAudit(db, ok ? { id: user.id, roles: user.roles, ip, clinicId: user.clinicId } : null, {
      action: "sign-in",
      entity: "User",
      entityId: user.id,
      clinicId: user.clinicId,
      ip,
      outcome: ok ? "ALLOWED" : "DENIED",
    });
  }
  if (!ok) return { ok: false, reason: "invalid" };
  const sessionId = await startStaffSession(user.id, ip, at);
  return { ok: true, user: { id: user.id, name: user.name, email: user.email, roles: user.roles, sessionVersion: user.sessionVersion }, sessionId };
}
