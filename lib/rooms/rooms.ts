import "server-only";
import { z } from "zod";
import type { Staff } from "../auth/session";
import { db } from "../db";
import { asAppError } from "../db/errors";
import { NotFoundError } from "../errors";
import { numberFromForm } from "../input/decimal";

export const ZRoomInput = z.object({
  name: z.string().trim().min(1, "Give the room a name.").max(60, "Keep the name under 60 characters."),
  capacity: z.preprocess(
    numberFromForm,
    z
      .number({ message: "Capacity must be a number." })
      .int("Capacity must be a whole number.")
      .min(1, "A room holds at least 1 person.")
      .max(50, "Capacity above 50 is not plausible for a therapy room."),
  ),
  dosingEquipped: z
    .union([z.literal("on"), z.literal("true"), z.boolean()])
    .optional()
    .transform((v) => v === true || v === "on" || v === "true"),
});
export type TRoomInput = z.output<typeof ZRoomInput>;

const ZRoomId = z.string().uuid("Choose a room.");

/** An edit: the room, and its name, capacity and dosing equipment as they are to be. */
export const ZRoomEdit = ZRoomInput.extend({ roomId: ZRoomId });
export type TRoomEdit = z.output<typeof ZRoomEdit>;

/** Taking a room out of use, or back into use. */
export const ZRoomActive = z.object({
  roomId: ZRoomId,
  active: z.enum(["true", "false"], { message: "Say whether the room is in use." }).transform((v) => v === "true"),
});
export type TRoomActive = z.output<typeof ZRoomActive>;

export function listRooms(clinicId: string) {
  return db.room.findMany({ where: { clinicId }, orderBy: { name: "asc" } });
}

/** One room of the admin's own clinic (another clinic's is not found, P11). */
export async function getRoom(staff: Staff, roomId: string) {
  const room = await db.room.findFirst({ where: { id: roomId, clinicId: staff.clinicId } });
  if (!room) throw new NotFoundError("The room");
  return room;
}

export async function createRoom(staff: Staff, input: TRoomInput) {
  try {
    return await db.room.create({ data: { clinicId: staff.clinicId, ...input } });
  } catch (error) {
    // A name already taken, refused by the database: in the words of lib/db/errors.ts.
    throw asAppError(error);
  }
}
