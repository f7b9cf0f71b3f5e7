import { beforeAll, describe, expect, test, vi } from "vitest";
import { smallClinic } from "../support/fixtures";
import { databaseKind, testDb } from "../support/database";
import { browser, signInAs, useBrowser } from "../support/next-request";

vi.mock("next/headers", () => import("../support/next-request"));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

const { currentStaff } = await import("@/lib/auth/session");
const { setStaffActiveAction, setStaffRolesAction, resetStaffPasswordAction } = await import("@/app/(clinic)/admin/staff/actions");
const { authenticate } = await import("@/lib/auth/authenticate");
const { hashPassword } = await import("@/lib/auth/password");

const db = await testDb();
const MINUTE = 60_000;

async function clinicWithAdmin() {
  const c = await smallClinic(db);
  const admin = await db.user.create({ data: { clinicId: c.clinic.id, email: `admin-${c.clinic.id}@clinic.test`, name: "Admin", roles: ["ADMIN"], passwordHash: "x" } });
  return { ...c, admin };
}

const form = (fields: Record<string, string | string[]>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) f.append(k, one);
  return f;
};

beforeAll(async () => {
  await testDb();
});

describe(`the idle and absolute timeouts (${databaseKind})`, () => {
  test("a session is live while used and ends after the clinic's idle timeout without a request", async () => {
    const c = await clinicWithAdmin();
    const sessionId = (await signInAs(c.therapist))!;
    expect((await currentStaff())?.id).toBe(c.therapist.id);

    // 14 minutes since the last request: still signed in, and the request counts as activity.
    await db.staffSession.update({ where: { id: sessionId }, data: { lastSeenAt: new Date(Date.now() - 14 * MINUTE) } });
    expect((await currentStaff())?.id).toBe(c.therapist.id);
    const touched = await db.staffSession.findUniqueOrThrow({ where: { id: sessionId } });
    expect(Date.now() - touched.lastSeenAt.getTime()).toBeLessThan(MINUTE);

    // 15 minutes without a request: signed out, and it stays so.
    await db.staffSession.update({ where: { id: sessionId }, data: { lastSeenAt: new Date(Date.now() - 15 * MINUTE) } });
    expect(await currentStaff()).toBeNull();
    const ended = await db.staffSession.findUniqueOrThrow({ where: { id: sessionId } });
    expect(ended.endReason).toBe("idle");
    await db.staffSession.update({ where: { id: sessionId }, data: { lastSeenAt: new Date() } });
    expect(await currentStaff()).toBeNull();
  });

  test("the idle timeout is the clinic's setting", async () => {
    const c = await clinicWithAdmin();
    await db.clinic.update({ where: { id: c.clinic.id }, data: { idleTimeoutMinutes: 30 } });
    const sessionId = (await signInAs(c.therapist))!;
    await db.staffSession.update({ where: { id: sessionId }, data: { lastSeenAt: new Date(Date.now() - 20 * MINUTE) } });
    expect((await currentStaff())?.id).toBe(c.therapist.id);
    await db.staffSession.update({ where: { id: sessionId }, data: { lastSeenAt: new Date(Date.now() - 31 * MINUTE) } });
    expect(await currentStaff()).toBeNull();
  });

  test("a session ends 12 hours after sign-in however active it is", async () => {
    const c = await clinicWithAdmin();
    const sessionId = (await signInAs(c.therapist))!;
    await db.staffSession.update({ where: { id: sessionId }, data: { createdAt: new Date(Date.now() - 12 * 60 * MINUTE) } });
    expect(await currentStaff()).toBeNull();
    expect((await db.staffSession.findUniqueOrThrow({ where: { id: sessionId } })).endReason).toBe("expired");
  });

  test("signing out ends the server-side session, so the same JWT no longer counts", async () => {
    const c = await clinicWithAdmin();
    const sessionId = (await signInAs(c.therapist))!;
    const { authOptions } = await import("@/lib/auth/options");
    await authOptions.events!.signOut!({ token: { sub: c.therapist.id, sessionId }, session: null as never });
    expect(await currentStaff()).toBeNull();
    expect((await db.staffSession.findUniqueOrThrow({ where: { id: sessionId } })).endReason).toBe("sign-out");
  });

  test("a page sends a timed-out person to sign-in, saying why", async () => {
    const c = await clinicWithAdmin();
    const sessionId = (await signInAs(c.therapist))!;
    await db.staffSession.update({ where: { id: sessionId }, data: { lastSeenAt: new Date(Date.now() - 16 * MINUTE) } });
    const { requireStaff } = await import("@/lib/auth/session");
    await expect(requireStaff()).rejects.toMatchObject({ digest: expect.stringContaining(";/sign-in?ended=idle;") });
  });
});

describe(`deactivation, new roles and new passwords end sessions at once (${databaseKind})`, () => {
  test("a deactivated account is signed out on its next request and cannot sign in again", async () => {
    const c = await clinicWithAdmin();
    const password = "river otter lantern cobalt";
    await db.user.update({ where: { id: c.therapist.id }, data: { passwordHash: await hashPassword(password) } });
    const therapistSession = (await signInAs(c.therapist))!;
    const therapistBrowser = browser();
    expect((await currentStaff())?.id).toBe(c.therapist.id);

    await signInAs(c.admin);
    expect(await setStaffActiveAction(null, form({ staffId: c.therapist.id, active: "false" }))).toMatchObject({ ok: true });
    expect((await db.staffSession.findUniqueOrThrow({ where: { id: therapistSession } })).endReason).toBe("account-changed");

    // The therapist's browser still holds its signed JWT: it no longer counts.
    useBrowser(therapistBrowser);
    expect(await currentStaff()).toBeNull();

    // Signing in again with the right password is refused, with the same answer as a wrong one.
    expect(await authenticate(c.therapist.email, password, "198.51.100.20")).toEqual({ ok: false, reason: "invalid" });
    expect(await authenticate(c.therapist.email, "wrong password entirely", "198.51.100.20")).toEqual({ ok: false, reason: "invalid" });

    // Reactivated, the account signs in again; the old browser stays signed out.
    await signInAs(c.admin);
    expect(await setStaffActiveAction(null, form({ staffId: c.therapist.id, active: "true" }))).toMatchObject({ ok: true });
    expect(await authenticate(c.therapist.email, password, "198.51.100.21")).toMatchObject({ ok: true });
    useBrowser(therapistBrowser);
    expect(await currentStaff()).toBeNull();
  });

  test("new roles and a new password end the account's sessions", async () => {
    const c = await clinicWithAdmin();
    const first = (await signInAs(c.therapist))!;
    await signInAs(c.admin);
    expect(await setStaffRolesAction(null, form({ staffId: c.therapist.id, roles: ["THERAPIST", "FRONT_DESK"] }))).toMatchObject({ ok: true });
    expect((await db.staffSession.findUniqueOrThrow({ where: { id: first } })).endedAt).not.toBeNull();

    const second = (await signInAs(c.therapist))!;
    expect((await currentStaff())?.roles).toEqual(["THERAPIST", "FRONT_DESK"]);
    await signInAs(c.admin);
    expect(await resetStaffPasswordAction(null, form({ staffId: c.therapist.id, password: "harbor seal morning fog" }))).toMatchObject({ ok: true });
    expect((await db.staffSession.findUniqueOrThrow({ where: { id: second } })).endReason).toBe("account-changed");
    expect(await authenticate(c.therapist.email, "harbor seal morning fog", null)).toMatchObject({ ok: true });
  });

  test("the clinic keeps an active admin: the last one cannot be deactivated or lose the role", async () => {
    const c = await clinicWithAdmin();
    await signInAs(c.admin);
    expect(await setStaffActiveAction(null, form({ staffId: c.admin.id, active: "false" }))).toMatchObject({ ok: false, error: expect.stringContaining("at least one active admin") });
    expect(await setStaffRolesAction(null, form({ staffId: c.admin.id, roles: "THERAPIST" }))).toMatchObject({ ok: false, error: expect.stringContaining("at least one active admin") });
    expect((await db.user.findUniqueOrThrow({ where: { id: c.admin.id } })).active).toBe(true);
  });

  test("a refused password is named on its field and changes nothing", async () => {
    const c = await clinicWithAdmin();
    await signInAs(c.admin);
    const before = await db.user.findUniqueOrThrow({ where: { id: c.therapist.id } });
    const result = await resetStaffPasswordAction(null, form({ staffId: c.therapist.id, password: "password1234" }));
    expect(result).toMatchObject({ ok: false, fieldErrors: { password: [expect.stringContaining("common")] } });
    const after = await db.user.findUniqueOrThrow({ where: { id: c.therapist.id } });
    expect(after.passwordHash).toBe(before.passwordHash);
    expect(after.sessionVersion).toBe(before.sessionVersion);
  });
});

