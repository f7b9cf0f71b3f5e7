import "server-only";
import type { Staff } from "../auth/session";
import type { TReceiveInput } from "./input";
import { appendLogEntry } from "./write-entry";

/** Receives a lot (a new lot number, or more of one already held) and logs the receipt. */
export async function receiveLot(staff: Staff, input: TReceiveInput, now = new Date()) {
  return appendLogEntry(
    staff,
    async (tx) => {
      const lot = await tx.substanceLot.upsert({
        where: { clinicId_lotNumber: { clinicId: staff.clinicId, lotNumber: input.lotNumber } },
        create: { clinicId: staff.clinicId, lotNumber: input.lotNumber },
        update: {},
      });
      return { lotId: lot.id, kind: "RECEIPT", quantityMg: input.quantityMg, reason: input.note || "Received" };
    },
    { action: "receive" },
    now,
  );
}
