import "server-only";
import { notFound } from "next/navigation";
import { isRecordId } from "../auth/reach-check";
import type { Staff } from "../auth/session";
import { recordRead, type ReadEntity } from "../audit/record-read";
import { NotFoundError } from "../errors";

/**
 * A page's one record, or the 404 page: the id checked, then the loader, which checks the
 * caller's reach and throws NotFoundError when the record is missing or out of reach (P11: the
 * same answer for both). A client's record is audited: a refused read always, a shown one when
 * the loader does not record it itself (`audit.shown`).
 */
export async function loadOrNotFound<T>(id: string, load: (id: string) => Promise<T>, audit?: { staff: Staff; entity: ReadEntity; shown?: boolean }): Promise<T> {
  if (!isRecordId(id)) notFound();
  let record: T;
  try {
    record = await load(id);
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    if (audit) await recordRead(audit.staff, { entity: audit.entity, entityId: id, outcome: "DENIED" });
    notFound();
  }
  if (audit?.shown) await recordRead(audit.staff, { entity: audit.entity, entityId: id, outcome: "ALLOWED" });
  return record;
}
