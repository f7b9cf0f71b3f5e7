import "server-only";
import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { db } from "../db";
import { authOptions } from "./options";
import { can, type Permission, type StaffRoleName } from "./permissions";

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
 * The signed-in staff member, re-read from the database on every request: an account that was
 * deactivated, or whose password or roles changed (session version bumped), is signed out.
 */
export const currentStaff = cache(async (): Promise<Staff | null> => {
  const session = await getServerSession(authOptions);
  const id = session?.staffId;
  if (!id) return null;
  const user = await db.user.findUnique({ where: { id } });
  if (!user || !user.active || user.sessionVersion !== session.sessionVersion) return null;
  return { id: user.id, name: user.name, email: user.email, roles: user.roles, clinicId: user.clinicId, ip: await clientAddress() };
});

/** For pages: the signed-in staff member, or a redirect to sign-in. */
export async function requireStaff(): Promise<Staff> {
  const staff = await currentStaff();
  if (!staff) redirect("/sign-in");
  return staff;
}

/** For pages: the staff member if they hold the permission, else the forbidden page. */
export async function requirePermission(permission: Permission): Promise<Staff> {
  const staff = await requireStaff();
  if (!can(staff.roles, permission)) redirect("/forbidden");
  return staff;
}

/** The first address in X-Forwarded-For (set by the proxy in front of the app), else X-Real-IP. */
async function clientAddress(): Promise<string | null> {
  const h = await headers();
  return h.get("x-forwarded-for")?.split(",")[0]?.trim() || h.get("x-real-ip") || null;
}
