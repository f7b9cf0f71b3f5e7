"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { setRoomActive, updateRoom } from "@/lib/rooms/change-room";
import { createRoom, ZRoomActive, ZRoomEdit, ZRoomInput } from "@/lib/rooms/rooms";

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

// Issue 14: a room's name, capacity and dosing equipment, and taking it out of use. A change that
// would break a booked session is refused with the sessions named (P9, lib/rooms/change-room.ts).

export const updateRoomAction = defineAction({
  permission: "rooms:manage",
  reach: { room: "roomId" },
  input: ZRoomEdit,
  run: async (input, staff) => {
    const room = await updateRoom(staff, input);
    revalidatePath("/admin/rooms");
    revalidatePath("/calendar");
    return { name: room.name };
  },
});

export const setRoomActiveAction = defineAction({
  permission: "rooms:manage",
  reach: { room: "roomId" },
  input: ZRoomActive,
  run: async (input, staff) => {
    const room = await setRoomActive(staff, input);
    revalidatePath("/admin/rooms");
    revalidatePath("/calendar");
    return { name: room.name, active: room.active };
  },
});
