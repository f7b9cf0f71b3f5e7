import "server-only";
import type { Staff } from "../auth/session";
import type { TWasteInput } from "./input";
import { appendLogEntry, assertWitness, lotOfClinic } from "./write-entry";

/** Logs wasted medicine with its reason and a witness (another clinician). */
export async function recordWaste(staff: Staff, input: TWasteInput, now = new Date()) {
  return appendLogEntry(
    staff,
    async (tx) => {
      const lot = await lotOfClinic(tx, staff, input.lotId);
      await assertWitness(tx, staff, input.witnessedById);
      return { lotId: lot.id, kind: "WASTE", quantityMg: -input.quantityMg, reason: input.reason, witnessedById: input.witnessedById };
    },
    { action: "waste" },
    now,
  );
}
