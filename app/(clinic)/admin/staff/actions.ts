"use server";

import { revalidatePath } from "next/cache";
import { defineAction, type ActionResult } from "@/lib/actions/define-action";
import { createStaff } from "@/lib/staff/create-staff";
import { ZNewStaff, ZStaffActive, ZStaffPassword, ZStaffRef, ZStaffRoles } from "@/lib/staff/input";
import { issueResetLink } from "@/lib/staff/invitations";
import { resetStaffPassword } from "@/lib/staff/reset-staff-password";
import { setStaffActive } from "@/lib/staff/set-staff-active";
import { setStaffRoles } from "@/lib/staff/set-staff-roles";

type Done = ActionResult<{ name: string }>;
/** The link's token is shown once, to the admin who made it. */
type Linked = ActionResult<{ name: string; invitation: string | null }>;

const addStaff = defineAction({
  permission: "staff:manage",
  input: ZNewStaff,
  run: async (input, admin) => {
    const user = await createStaff(admin, input);
    revalidatePath("/admin/staff");
    return { name: user.name, invitation: user.invitation };
  },
});

const changeRoles = defineAction({
  permission: "staff:manage",
  input: ZStaffRoles,
  run: async (input, admin) => {
    const user = await setStaffRoles(admin, input);
    revalidatePath("/admin/staff");
    return { name: user.name };
  },
});

const resetPassword = defineAction({
  permission: "staff:manage",
  input: ZStaffPassword,
  run: async (input, admin) => {
    const user = await resetStaffPassword(admin, input);
    return { name: user.name };
  },
});

const setActive = defineAction({
  permission: "staff:manage",
  input: ZStaffActive,
  run: async (input, admin) => {
    const user = await setStaffActive(admin, input);
    revalidatePath("/admin/staff");
    return { name: user.name };
  },
});

const resetLink = defineAction({
  permission: "staff:manage",
  input: ZStaffRef,
  run: async (input, admin) => {
    const { name, token } = await issueResetLink(admin, input.staffId);
    return { name, invitation: token };
  },
});

export async function addStaffAction(_previous: Linked | null, form: FormData): Promise<Linked> {
  return addStaff(form);
}

export async function setStaffRolesAction(_previous: Done | null, form: FormData): Promise<Done> {
  return changeRoles(form);
}

export async function resetStaffPasswordAction(_previous: Done | null, form: FormData): Promise<Done> {
  return resetPassword(form);
}

export async function issueResetLinkAction(_previous: Linked | null, form: FormData): Promise<Linked> {
  return resetLink(form);
}

export async function setStaffActiveAction(_previous: Done | null, form: FormData): Promise<Done> {
  return setActive(form);
}
