"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { SETTINGS_FORM_LIMITS, ZClinicSettingsForm } from "@/lib/clinic/settings-input";
import { updateClinicSettings } from "@/lib/clinic/update-settings";

export const saveClinicSettingsAction = defineAction({
  permission: "settings:manage",
  reach: "own-clinic",
  input: ZClinicSettingsForm,
  limits: SETTINGS_FORM_LIMITS,
  run: async (input, admin) => {
    await updateClinicSettings(admin, input);
    // Every page may show a length, a window or the opening hours.
    revalidatePath("/", "layout");
    return { saved: true as const };
  },
});
