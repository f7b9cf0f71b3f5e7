import "server-only";
import type { Staff } from "../auth/session";
import type { TCountInput } from "./input";
import { appendLogEntry, lotOfClinic } from "./write-entry";

/**
 * Logs an inventory count: what is on the shelf, beside the running balance. It does not move the
 * balance; a discrepancy is resolved by a correction that references the entry at fault.
 */
export async function recordCount(staff: Staff, input: TCountInput, now = new Date()) {
  return appendLogEntry(
    staff,
    async (tx) => {
      const lot = await lotOfClinic(tx, staff, input.lotId);
      const difference = input.countedMg - Number(lot.balanceMg);
      const note = difference === 0 ? "Count matches the balance" : `Count differs from the balance by ${Number(difference.toFixed(2))} mg`;
      return { lotId: lot.id, kind: "COUNT", quantityMg: 0, countedMg: input.countedMg, reason: input.note ? `${note}. ${input.note}` : note };
    },
    { action: "count" },
    now,
  );
}
