import "server-only";
import { can } from "../auth/permissions";
import { NOTHING, noteWhere, partnerWhere } from "../auth/reach";
import type { Staff } from "../auth/session";
import { recordAudit } from "../audit/record";
import { partnerInReach } from "../clearance/access";
import { CLEARANCE_FACTS } from "../clearance/facts";
import { db } from "../db";
import { NotFoundError } from "../errors";
import { readNoteContent } from "./note-kinds";
import { shapeOfSession } from "./note-session";

/**
 * One partner's clinical record, to print (issue 12): the notes of the completed sessions they
 * attended that the reader reaches (P13: a therapist of the couple every one; a psychiatrist who
 * evaluates the partner their intake and the medicine sessions where they dose), signed notes
 * with their addenda only (a draft is its author's, not the record), and their signed
 * clearances when the reader may read clearances. Audited as one read of the partner's record.
 */
export async function partnerRecord(staff: Staff, clientId: string, now = new Date()) {
  if (!can(staff.roles, "note:read")) throw new NotFoundError("The partner");
  return db.$transaction(async (tx) => {
    const partner = await partnerInReach(tx, staff, "note:read", clientId);
    const clinic = await tx.clinic.findUniqueOrThrow({ where: { id: staff.clinicId }, select: { name: true, timeZone: true } });
    const sessions = await tx.session.findMany({
      where: { AND: [noteWhere(staff, "note:read") ?? NOTHING, { status: "COMPLETED", kind: { not: "MEDICAL_EVALUATION" }, attendees: { some: { clientId } } }] },
      select: {
        id: true,
        kind: true,
        startsAt: true,
        endsAt: true,
        journeyerId: true,
        cycle: { select: { model: true, sharedGoals: true } },
        couple: { select: { partnerA: { select: { id: true, firstName: true, preferredName: true, lastName: true } }, partnerB: { select: { id: true, firstName: true, preferredName: true, lastName: true } } } },
        clinicians: { select: { user: { select: { name: true } } } },
        note: {
          select: {
            id: true,
            signedAt: true,
            content: true,
            author: { select: { name: true } },
            addenda: { orderBy: [{ signedAt: "asc" }, { id: "asc" }], select: { id: true, text: true, signedAt: true, author: { select: { name: true } } } },
          },
        },
      },
      orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    });
    const readsClearances = can(staff.roles, "clearance:read") && (await tx.client.count({ where: { AND: [partnerWhere(staff, "clearance:read") ?? NOTHING, { id: clientId }] } })) > 0;
    const clearances = readsClearances
      ? await tx.clearance.findMany({ where: { clientId, signedAt: { not: null } }, include: CLEARANCE_FACTS, orderBy: [{ evaluatedOn: "desc" }, { createdAt: "desc" }] })
      : [];
    await recordAudit(tx, staff, { action: "read", entity: "PartnerRecord", entityId: clientId, clientId, outcome: "ALLOWED" });
    return {
      partner,
      clinic,
      printedAt: now,
      notes: sessions.map((s) => {
        const signed = s.note?.signedAt ? s.note : null;
        return {
          sessionId: s.id,
          kind: s.kind,
          startsAt: s.startsAt,
          endsAt: s.endsAt,
          clinicians: s.clinicians.map((c) => c.user.name),
          shape: shapeOfSession(s),
          note: signed && { id: signed.id, signedAt: signed.signedAt!, author: signed.author.name, content: readNoteContent(signed.content) },
          addenda: signed ? signed.addenda.map((a) => ({ id: a.id, text: a.text, signedAt: a.signedAt, author: a.author.name })) : [],
        };
      }),
      clearances: clearances.map((c) => ({
        id: c.id,
        evaluatedOn: c.evaluatedOn,
        decision: c.decision,
        conditions: c.conditions,
        models: c.models,
        maxDoseMg: c.maxDoseMg === null ? null : Number(c.maxDoseMg),
        route: c.route,
        validUntil: c.validUntil,
        signedAt: c.signedAt!,
        psychiatrist: c.psychiatrist.name,
        revoked: c.revocation ? { at: c.revocation.revokedAt, by: c.revocation.revokedBy.name, reason: c.revocation.reason } : null,
        supersededBy: c.supersededBy?.signedAt ? c.supersededBy.id : null,
      })),
      readsClearances,
    };
  });
}

export type PartnerRecord = Awaited<ReturnType<typeof partnerRecord>>;
