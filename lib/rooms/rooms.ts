import "server-only";
import { z } from "zod";
import type { Staff } from "../auth/session";
import { db } from "../db";
import { asAppError } from "../db/errors";
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

export function listRooms(clinicId: string) {
  return db.room.findMany({ where: { clinicId }, orderBy: { name: "asc" } });
}

export async function createRoom(staff: Staff, input: TRoomInput) {
  try {
    return await db.room.create({ data: { clinicId: staff.clinicId, ...input } });
  } catch (error) {
    // A name already taken, refused by the database: in the words of lib/db/errors.ts.
    throw asAppError(error);
  }
}
