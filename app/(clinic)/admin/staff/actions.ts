"use server";

import { revalidatePath } from "next/cache";
import { defineAction, type ActionResult } from "@/lib/actions/define-action";
import { createStaff } from "@/lib/staff/create-staff";
import { ZNewStaff, ZStaffActive, ZStaffPassword, ZStaffRoles } from "@/lib/staff/input";
import { resetStaffPassword } from "@/lib/staff/reset-staff-password";
import { setStaffActive } from "@/lib/staff/set-staff-active";
import { setStaffRoles } from "@/lib/staff/set-staff-roles";

type Done = ActionResult<{ name: string }>;

const addStaff = defineAction({
  permission: "staff:manage",
  input: ZNewStaff,
  run: async (input, admin) => {
    const user = await createStaff(admin, input);
    revalidatePath("/admin/staff");
    return { name: user.name };
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

export async function addStaffAction(_previous: Done | null, form: FormData): Promise<Done> {
  return addStaff(form);
}

export async function setStaffRolesAction(_previous: Done | null, form: FormData): Promise<Done> {
  return changeRoles(form);
}

export async function resetStaffPasswordAction(_previous: Done | null, form: FormData): Promise<Done> {
  return resetPassword(form);
}

export async function setStaffActiveAction(_previous: Done | null, form: FormData): Promise<Done> {
  return setActive(form);
}
