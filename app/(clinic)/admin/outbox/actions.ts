"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { retryMessage } from "@/lib/outbox/manage-outbox";

// The message's clinic is checked by the domain functions (a message of another clinic is not found).
const ZMessage = z.object({ messageId: z.uuid({ error: "Choose a message." }) });

export const retryMessageAction = defineAction({
  permission: "outbox:manage",
  reach: "own-clinic",
  input: ZMessage,
  run: async ({ messageId }, admin) => {
    await retryMessage(admin, messageId);
    revalidatePath("/admin/outbox");
    return { message: "It will be tried again within a minute." };
  },
});
