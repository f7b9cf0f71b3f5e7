import "server-only";
import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { clientAddressFrom } from "./address";
import { authOptions } from "./options";
import { can, type Permission, type StaffRoleName } from "./permissions";
import type { Clinic } from "../db/generated/prisma/client";
import { checkStaffSession, loadStaffSession } from "./staff-sessions";

export type Staff = {
  id: string;
  name: string;
  email: string;
  roles: StaffRoleName[];
  clinicId: string;
  /** The request's client address, for the audit log. */
  ip: string | null;
};

/**
 * The signed-in staff member's clinic as the sign-in check read it, kept for the rest of the
 * request so pages need not read it again (lib/clinic/get-clinic.ts looks here first).
 */
export const signedInClinic = cache((): { value?: Clinic } => ({}));

type Resolved = { staff: Staff; ended?: undefined } | { staff: null; ended: "idle" | "expired" | null };

/**
 * The request's sign-in, checked against the database on every request: the account must be
 * active with the session version the JWT carries (bumped when it is deactivated or its
 * password or roles change), and the server-side session must be open and within the clinic's
 * idle and absolute timeouts.
 */
const resolveSession = cache(async (): Promise<Resolved> => {
  const session = await getServerSession(authOptions);
  const id = session?.staffId;
  const sessionId = session?.sessionId;
  if (!id || !sessionId) return { staff: null, ended: null };
  const row = await loadStaffSession(sessionId, id);
  const user = row?.user;
  if (!user || !user.active || user.sessionVersion !== session.sessionVersion) return { staff: null, ended: null };
  const end = await checkStaffSession(row, user.clinic);
  if (end) return { staff: null, ended: end === "ended" ? null : end };
  signedInClinic().value = user.clinic;
  const h = await headers();
  return {
    staff: { id: user.id, name: user.name, email: user.email, roles: user.roles, clinicId: user.clinicId, ip: clientAddressFrom((n) => h.get(n)) },
  };
});

/** The signed-in staff member, or null. */
export async function currentStaff(): Promise<Staff | null> {
  return (await resolveSession()).staff;
}

/** For pages: the signed-in staff member, or a redirect to sign-in (saying why, after a timeout). */
export async function requireStaff(): Promise<Staff> {
  const { staff, ended } = await resolveSession();
  if (!staff) redirect(ended ? `/sign-in?ended=${ended}` : "/sign-in");
  return staff;
}

/** For pages: the staff member if they hold the permission, else the forbidden page. */
export async function requirePermission(permission: Permission): Promise<Staff> {
  const staff = await requireStaff();
  if (!can(staff.roles, permission)) redirect("/forbidden");
  return staff;
}
