"use server";

import { revalidatePath } from "next/cache";
import { defineAction, type ActionResult } from "@/lib/actions/define-action";
import { createRoom, ZRoomInput } from "@/lib/rooms/rooms";

const addRoom = defineAction({
  permission: "rooms:manage",
  input: ZRoomInput,
  run: async (input, staff) => {
    const room = await createRoom(staff, input);
    revalidatePath("/admin/rooms");
    return { name: room.name };
  },
});

export async function addRoomAction(_previous: ActionResult<{ name: string }> | null, form: FormData) {
  return addRoom(form);
}
