import "server-only";
import type { Staff } from "../auth/session";
import { NotFoundError } from "../errors";
import type { TCorrectionInput } from "./input";
import { appendLogEntry } from "./write-entry";

/** Corrects a mistaken entry by a new one that references it: the log itself is never edited. */
export async function correctEntry(staff: Staff, input: TCorrectionInput, now = new Date()) {
  return appendLogEntry(
    staff,
    async (tx) => {
      const wrong = await tx.substanceLogEntry.findFirst({ where: { id: input.entryId, lot: { clinicId: staff.clinicId } }, select: { id: true, lotId: true } });
      if (!wrong) throw new NotFoundError("The entry to correct");
      return { lotId: wrong.lotId, kind: "CORRECTION", quantityMg: input.quantityMg, correctsId: wrong.id, reason: input.reason };
    },
    { action: "correct" },
    now,
  );
}
