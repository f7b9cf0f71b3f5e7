import "server-only";
import { cache } from "react";
import { signedInClinic } from "../auth/session";
import { db } from "../db";
import { NotFoundError } from "../errors";

/** The staff member's clinic (its name, time zone and protocol settings), once per request. */
export const getClinic = cache(async (clinicId: string) => {
  const known = signedInClinic().value;
  if (known?.id === clinicId) return known;
  const clinic = await db.clinic.findUnique({ where: { id: clinicId } });
  if (!clinic) throw new NotFoundError("The clinic");
  return clinic;
});
