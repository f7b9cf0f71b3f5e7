"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { createStaff } from "@/lib/staff/create-staff";
import { ZNewStaff, ZStaffActive, ZStaffPassword, ZStaffRef, ZStaffRoles } from "@/lib/staff/input";
import { issueResetLink } from "@/lib/staff/invitations";
import { resetStaffPassword } from "@/lib/staff/reset-staff-password";
import { setStaffActive } from "@/lib/staff/set-staff-active";
import { setStaffRoles } from "@/lib/staff/set-staff-roles";

// Admins manage the accounts of their own clinic. An invitation link's token is shown once, to
// the admin who made it.

export const addStaffAction = defineAction({
  permission: "staff:manage",
  reach: "own-clinic",
  input: ZNewStaff,
  run: async (input, admin) => {
    const user = await createStaff(admin, input);
    revalidatePath("/admin/staff");
    return { name: user.name, invitation: user.invitation };
  },
});

export const setStaffRolesAction = defineAction({
  permission: "staff:manage",
  reach: { staff: "staffId" },
  input: ZStaffRoles,
  run: async (input, admin) => {
    const user = await setStaffRoles(admin, input);
    revalidatePath("/admin/staff");
    return { name: user.name };
  },
});

export const resetStaffPasswordAction = defineAction({
  permission: "staff:manage",
  reach: { staff: "staffId" },
  input: ZStaffPassword,
  run: async (input, admin) => {
    const user = await resetStaffPassword(admin, input);
    return { name: user.name };
  },
});

export const setStaffActiveAction = defineAction({
  permission: "staff:manage",
  reach: { staff: "staffId" },
  input: ZStaffActive,
  run: async (input, admin) => {
    const user = await setStaffActive(admin, input);
    revalidatePath("/admin/staff");
    return { name: user.name };
  },
});

export const issueResetLinkAction = defineAction({
  permission: "staff:manage",
  reach: { staff: "staffId" },
  input: ZStaffRef,
  run: async (input, admin) => {
    const { name, token } = await issueResetLink(admin, input.staffId);
    return { name, invitation: token as string | null };
  },
});
