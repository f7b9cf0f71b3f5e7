import "server-only";
import { z } from "zod";
import { db } from "../db";
import { hashPassword, verifyPassword } from "./password";

const ZCredentials = z.object({
  email: z.string().trim().toLowerCase().email(),
  password: z.string().min(1).max(256),
});

// Verifying against a real hash when the account does not exist keeps the response time the
// same, so timing does not reveal which emails have accounts.
let dummyHash: Promise<string> | undefined;

/** The account for these credentials, or null. Never says which of the two was wrong. */
export async function authenticate(email: unknown, password: unknown) {
  const parsed = ZCredentials.safeParse({ email, password });
  if (!parsed.success) return null;
  const user = await db.user.findUnique({ where: { email: parsed.data.email } });
  if (!user || !user.active) {
    await verifyPassword(await (dummyHash ??= hashPassword("not-a-real-password")), parsed.data.password);
    return null;
  }
  return (await verifyPassword(user.passwordHash, parsed.data.password)) ? user : null;
}
