import { describe, expect, test, vi } from "vitest";
import { databaseKind, testDb } from "../support/database";
import { smallClinic } from "../support/fixtures";
import { signInAs } from "../support/next-request";

vi.mock("next/headers", () => import("../support/next-request"));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

const { addStaffAction, issueResetLinkAction } = await import("@/app/(clinic)/admin/staff/actions");
const { acceptInvitationAction } = await import("@/app/sign-in/welcome/actions");
const { authenticate } = await import("@/lib/auth/authenticate");
const { currentStaff } = await import("@/lib/auth/session");
const { invitationFor } = await import("@/lib/staff/invitations");

const db = await testDb();
const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
};
const accept = (token: string, password: string) =>
  acceptInvitationAction(null, form({ token, password })).catch((error: { digest?: string }) => ({ redirected: error.digest }));

async function clinicWithAdmin() {
  const c = await smallClinic(db);
  const admin = await db.user.create({ data: { clinicId: c.clinic.id, email: `admin-${c.clinic.id}@clinic.test`, name: "Admin", roles: ["ADMIN"], passwordHash: "x" } });
  return { ...c, admin };
}

describe(`invitation and reset links (${databaseKind})`, () => {
  test("an invited person chooses their own password with the link, once", async () => {
    const c = await clinicWithAdmin();
    const email = `lena-${c.clinic.id}@clinic.test`;
    await signInAs(c.admin);
    const invited = await addStaffAction(null, form({ name: "Lena Okoye", email, roles: "FRONT_DESK", method: "invite" }));
    expect(invited).toMatchObject({ ok: true, data: { name: "Lena Okoye", invitation: expect.stringMatching(/^[\w-]{43}$/) } });
    const token = invited.ok ? invited.data.invitation! : "";
    // Only the token's hash is stored.
    expect(await db.staffInvitation.count({ where: { tokenHash: token } })).toBe(0);
    expect(await invitationFor(token)).toEqual({ name: "Lena Okoye", email });
    // No password works before she sets one.
    expect(await authenticate(email, "anything at all here", null)).toEqual({ ok: false, reason: "invalid" });

    await signInAs(null);
    expect(await accept(token, "password1234")).toMatchObject({ ok: false, fieldErrors: { password: [expect.stringContaining("common")] } });
    expect(await accept(token, "tide pool heron lantern")).toEqual({ redirected: expect.stringContaining(";/sign-in?welcome=1;") });
    expect(await authenticate(email, "tide pool heron lantern", null)).toMatchObject({ ok: true });

    // Used up: the link works no more.
    expect(await invitationFor(token)).toBeNull();
    expect(await accept(token, "another fine passphrase")).toMatchObject({ ok: false, error: expect.stringContaining("expired or was already used") });
    expect(await authenticate(email, "tide pool heron lantern", null)).toMatchObject({ ok: true });
  });

  test("an expired link, or one for a deactivated account, does not work", async () => {
    const c = await clinicWithAdmin();
    await signInAs(c.admin);
    const invited = await addStaffAction(null, form({ name: "Ola", email: `ola-${c.clinic.id}@clinic.test`, roles: "THERAPIST" }));
    const token = invited.ok ? invited.data.invitation! : "";
    const user = await db.user.findFirstOrThrow({ where: { clinicId: c.clinic.id, name: "Ola" } });
    await db.staffInvitation.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await invitationFor(token)).toBeNull();
    expect(await accept(token, "tide pool heron lantern")).toMatchObject({ ok: false });

    await db.staffInvitation.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() + 3_600_000) } });
    await db.user.update({ where: { id: user.id }, data: { active: false } });
    expect(await accept(token, "tide pool heron lantern")).toMatchObject({ ok: false });
  });

  test("a reset link ends the account's sessions and old password at once; the person sets a new one", async () => {
    const c = await clinicWithAdmin();
    const email = `sam-${c.clinic.id}@clinic.test`;
    await signInAs(c.admin);
    await addStaffAction(null, form({ name: "Sam Reyes", email, roles: "THERAPIST", method: "password", password: "first passphrase here" }));
    const sam = await db.user.findUniqueOrThrow({ where: { email } });
    expect(await authenticate(email, "first passphrase here", null)).toMatchObject({ ok: true });
    await signInAs(sam);
    expect((await currentStaff())?.id).toBe(sam.id);

    await signInAs(c.admin);
    const reset = await issueResetLinkAction(null, form({ staffId: sam.id }));
    expect(reset).toMatchObject({ ok: true, data: { invitation: expect.any(String) } });
    expect(await db.staffSession.count({ where: { userId: sam.id, endedAt: null } })).toBe(0);
    expect(await authenticate(email, "first passphrase here", null)).toEqual({ ok: false, reason: "invalid" });

    await signInAs(null);
    expect(await accept(reset.ok ? reset.data.invitation! : "", "second passphrase now")).toEqual({ redirected: expect.stringContaining("/sign-in?welcome=1") });
    expect(await authenticate(email, "second passphrase now", null)).toMatchObject({ ok: true });
  });
});
