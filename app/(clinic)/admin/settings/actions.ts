"use server";

import { revalidatePath } from "next/cache";
import { defineAction, type ActionResult } from "@/lib/actions/define-action";
import { ZClinicSettingsForm } from "@/lib/clinic/settings-input";
import { updateClinicSettings } from "@/lib/clinic/update-settings";

type Saved = ActionResult<{ saved: true }>;

const saveSettings = defineAction({
  permission: "settings:manage",
  input: ZClinicSettingsForm,
  run: async (input, admin) => {
    await updateClinicSettings(admin, input);
    // Every page may show a length, a window or the opening hours.
    revalidatePath("/", "layout");
    return { saved: true as const };
  },
});

export async function saveClinicSettingsAction(_previous: Saved | null, form: FormData): Promise<Saved> {
  return saveSettings(form);
}
