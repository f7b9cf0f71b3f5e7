import "server-only";
import { can } from "../auth/permissions";
import { coupleWhere, NOTHING, noteWhere, partnerWhere, type CoupleFacts } from "../auth/reach";
import type { Staff } from "../auth/session";
import { recordAudit } from "../audit/record";
import { partnerInReach } from "../clearance/access";
import { CLEARANCE_FACTS } from "../clearance/facts";
import { db, type Tx } from "../db";
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
      couple: await coupleFactsOfPartner(tx, staff, clientId),
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

/**
 * The partner's couple as reach reads it (lib/auth/reach.ts), for what else the record page asks
 * reach about (the partner's outcome measures, say). Null when the reader reaches no couple of theirs.
 */
async function coupleFactsOfPartner(tx: Tx, staff: Staff, clientId: string): Promise<{ id: string; partnerAId: string; partnerBId: string; facts: CoupleFacts } | null> {
  const couple = await tx.couple.findFirst({
    where: { AND: [coupleWhere(staff, "note:read") ?? NOTHING, { OR: [{ partnerAId: clientId }, { partnerBId: clientId }] }] },
    orderBy: { createdAt: "desc" },
    include: {
      partnerA: { select: { clearances: { select: { clientId: true, psychiatristId: true } } } },
      partnerB: { select: { clearances: { select: { clientId: true, psychiatristId: true } } } },
      sessions: { select: { kind: true, status: true, journeyerId: true, clinicians: { select: { userId: true } }, attendees: { select: { clientId: true } } } },
    },
  });
  if (!couple) return null;
  return {
    id: couple.id,
    partnerAId: couple.partnerAId,
    partnerBId: couple.partnerBId,
    facts: {
      couplesTherapistId: couple.couplesTherapistId,
      partners: [
        { id: couple.partnerAId, kapTherapistId: couple.partnerAKapTherapistId },
        { id: couple.partnerBId, kapTherapistId: couple.partnerBKapTherapistId },
      ],
      sessions: couple.sessions.map((s) => ({ kind: s.kind, status: s.status, journeyerId: s.journeyerId, clinicianIds: s.clinicians.map((c) => c.userId), partnerIds: s.attendees.map((a) => a.clientId) })),
      clearances: [...couple.partnerA.clearances, ...couple.partnerB.clearances],
    },
  };
}
