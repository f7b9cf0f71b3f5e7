import "server-only";
import type { Staff } from "../auth/session";
import { recordAudit } from "../audit/record";
import { db } from "../db";
import { ForbiddenError } from "../errors";
import { can } from "../auth/permissions";
import { addClinicDays, atClinicTime } from "../protocol/calendar";
import { formatClinicDateTime } from "../format/clinic-time";
import { toCsv } from "./csv";
import type { TReportRange } from "./input";

export const ENTRY_KIND_LABELS = { RECEIPT: "Receipt", ADMINISTRATION: "Administration", WASTE: "Waste", COUNT: "Count", CORRECTION: "Correction" } as const;

/**
 * The controlled-substance log for a date range (clinic calendar days, both included), with every
 * lot's current balance. Reading it is audited; `purpose` says whether it was viewed or exported.
 */
export async function substanceLogReport(staff: Staff, range: TReportRange, purpose: "read" | "export" = "read") {
  if (!can(staff.roles, "substance-log:read")) throw new ForbiddenError();
  return db.$transaction(async (tx) => {
    const clinic = await tx.clinic.findUniqueOrThrow({ where: { id: staff.clinicId } });
    const zone = clinic.timeZone;
    const start = atClinicTime(range.from, 0, zone);
    const end = atClinicTime(addClinicDays(range.to, 1, zone), 0, zone);
    const [entries, lots] = await Promise.all([
      tx.substanceLogEntry.findMany({
        where: { lot: { clinicId: staff.clinicId }, occurredAt: { gte: start, lt: end } },
        orderBy: [{ occurredAt: "asc" }, { createdAt: "asc" }],
        include: { lot: { select: { lotNumber: true, medicine: true } } },
      }),
      tx.substanceLot.findMany({ where: { clinicId: staff.clinicId }, orderBy: { lotNumber: "asc" } }),
    ]);
    const people = await tx.user.findMany({ where: { clinicId: staff.clinicId }, select: { id: true, name: true } });
    const nameOf = new Map(people.map((p) => [p.id, p.name]));
    await recordAudit(tx, staff, { action: purpose, entity: "SubstanceLog", entityId: `${range.from}..${range.to}`, outcome: "ALLOWED" });
    return {
      timeZone: zone,
      lots: lots.map((l) => ({ id: l.id, lotNumber: l.lotNumber, medicine: l.medicine, balanceMg: Number(l.balanceMg) })),
      entries: entries.map((e) => ({
        id: e.id,
        occurredAt: e.occurredAt,
        kind: e.kind,
        lotId: e.lotId,
        lotNumber: e.lot.lotNumber,
        medicine: e.lot.medicine,
        quantityMg: Number(e.quantityMg),
        balanceAfterMg: Number(e.balanceAfterMg),
        countedMg: e.countedMg === null ? null : Number(e.countedMg),
        reason: e.reason,
        correctsId: e.correctsId,
        administrationId: e.administrationId,
        recordedBy: nameOf.get(e.recordedById) ?? "",
        witnessedBy: e.witnessedById ? (nameOf.get(e.witnessedById) ?? "") : "",
      })),
    };
  });
}

export type SubstanceLogReport = Awaited<ReturnType<typeof substanceLogReport>>;

export function reportCsv(report: SubstanceLogReport): string {
  return toCsv(
    ["Entry", "When (clinic time)", "Kind", "Lot", "Medicine", "Change (mg)", "Balance after (mg)", "Counted (mg)", "Reason", "Corrects entry", "Administration", "Recorded by", "Witnessed by"],
    report.entries.map((e) => [
      e.id,
      formatClinicDateTime(e.occurredAt, report.timeZone),
      ENTRY_KIND_LABELS[e.kind],
      e.lotNumber,
      e.medicine,
      { numeric: e.quantityMg },
      { numeric: e.balanceAfterMg },
      { numeric: e.countedMg },
      e.reason,
      e.correctsId,
      e.administrationId,
      e.recordedBy,
      e.witnessedBy,
    ]),
  );
}
