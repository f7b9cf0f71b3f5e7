"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { createRoom, ZRoomInput } from "@/lib/rooms/rooms";

export const addRoomAction = defineAction({
  permission: "rooms:manage",
  reach: "own-clinic",
  input: ZRoomInput,
  run: async (input, staff) => {
    const room = await createRoom(staff, input);
    revalidatePath("/admin/rooms");
    return { name: room.name };
  },
});
