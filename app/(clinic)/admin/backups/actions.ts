"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { backUpNow, updateBackupSettings } from "@/lib/backups/update-backups";
import { ZBackupSettingsForm } from "@/lib/backups/settings";
import { formatBytes } from "@/lib/format/bytes";

export const backUpNowAction = defineAction({
  permission: "backup:manage",
  reach: "own-clinic",
  input: z.object({}),
  run: async (_input, admin) => {
    // A failed backup is listed too: the page is refreshed either way.
    const run = await backUpNow(admin).finally(() => revalidatePath("/admin/backups"));
    return { message: `Backup written: ${run.fileName} (${formatBytes(Number(run.sizeBytes))}).` };
  },
});

export const saveBackupSettingsAction = defineAction({
  permission: "backup:manage",
  reach: "own-clinic",
  input: ZBackupSettingsForm,
  run: async (input, admin) => {
    const { deleting } = await updateBackupSettings(admin, input);
    revalidatePath("/admin/backups");
    const files = deleting === 1 ? "1 older backup" : `${deleting} older backups`;
    return { message: deleting > 0 ? `Saved. ${files} will be deleted after the next backup.` : "Saved. They apply from the next backup." };
  },
});
