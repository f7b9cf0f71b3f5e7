import { createRequire } from "node:module";
import { encode } from "next-auth/jwt";
import { CLIENT_ADDRESS_HEADER } from "@/lib/auth/address";
import { startStaffSession } from "@/lib/auth/staff-sessions";
import { db } from "@/lib/db";

// Stands in for the request that Next.js would give server code: `next/headers` (cookies and
// headers) and nothing else. Tests replace `next/headers` with this module:
//
//   vi.mock("next/headers", () => import("../support/next-request"));
//
// next-auth reaches `next/headers` with a CommonJS require, which vi.mock does not see; this
// module puts itself in Node's require cache under that name as well (at the bottom).
//
// Signing in is real: a StaffSession row is opened through the app's own code and a JWT signed
// with the app's secret is put in the session cookie, so next-auth's getServerSession, the
// session-version check and the idle/absolute timeouts all run as they do in production.

const SESSION_COOKIE = "next-auth.session-token";

const request = { cookies: new Map<string, string>(), ip: "203.0.113.7" };

/** The request comes from this address (as the app's server decides and passes it on). */
export function fromAddress(ip: string): void {
  request.ip = ip;
}

/**
 * Later calls run as this account, signed in now; null signs out (no cookie at all). Returns the
 * server-side session's id.
 */
export async function signInAs(user: { id: string } | null): Promise<string | null> {
  request.cookies.clear();
  if (!user) return null;
  const account = await db.user.findUniqueOrThrow({ where: { id: user.id } });
  const sessionId = await startStaffSession(account.id, request.ip);
  const token = await encode({
    token: { sub: account.id, name: account.name, email: account.email, sessionVersion: account.sessionVersion, sessionId },
    secret: process.env.NEXTAUTH_SECRET!,
  });
  request.cookies.set(SESSION_COOKIE, token);
  return sessionId;
}

/** This browser's cookies, to come back to after acting as someone else. */
export function browser(): Map<string, string> {
  return new Map(request.cookies);
}

export function useBrowser(cookies: Map<string, string>): void {
  request.cookies = new Map(cookies);
}

// The `next/headers` API, as much of it as the app and next-auth use.

export async function cookies() {
  return {
    get: (name: string) => (request.cookies.has(name) ? { name, value: request.cookies.get(name)! } : undefined),
    getAll: () => [...request.cookies].map(([name, value]) => ({ name, value })),
    has: (name: string) => request.cookies.has(name),
  };
}

export async function headers() {
  const cookie = [...request.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  return new Headers({ [CLIENT_ADDRESS_HEADER]: request.ip, host: "localhost:3000", ...(cookie ? { cookie } : {}) });
}

/** What a page or action's `redirect()` / `notFound()` threw, or null for anything else. */
export function navigationOf(error: unknown): { redirect: string } | { status: number } | null {
  const digest = (error as { digest?: unknown })?.digest;
  if (typeof digest !== "string") return null;
  if (digest.startsWith("NEXT_REDIRECT;")) return { redirect: digest.split(";")[2] };
  if (digest.startsWith("NEXT_HTTP_ERROR_FALLBACK;")) return { status: Number(digest.split(";")[1]) };
  return null;
}

// next-auth's `require("next/headers")` gets this module too.
const require = createRequire(import.meta.url);
const resolved = require.resolve("next/headers");
require.cache[resolved] = { id: resolved, filename: resolved, loaded: true, exports: { cookies, headers } } as unknown as NodeModule;
