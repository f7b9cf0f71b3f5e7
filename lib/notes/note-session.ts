import "server-only";
import type { Permission } from "../auth/permissions";
import { isRecordId } from "../auth/reach-check";
import { noteWhere } from "../auth/reach";
import type { Staff } from "../auth/session";
import { recordAudits } from "../audit/record";
import type { Db, Tx } from "../db/prisma";
import { NotFoundError, RuleViolationError } from "../errors";
import { noteShapeOf, type NoteShape } from "./note-kinds";

// One session with its note, loaded only within the caller's reach to notes (P13, lib/auth/reach.ts:
// noteWhere); out of reach is answered as not found. Beside it, the checks every write of a
// note makes, and its audit rows (one per partner of the session, never any content).

const PARTNER = { select: { id: true, firstName: true, preferredName: true, lastName: true } } as const;

export async function noteSessionFor(client: Db | Tx, staff: Staff, sessionId: string, permission: Permission) {
  const where = noteWhere(staff, permission);
  if (!where || !isRecordId(sessionId)) throw new NotFoundError("The session");
  const session = await client.session.findFirst({
    where: { AND: [where, { id: sessionId }] },
    select: {
      id: true,
      clinicId: true,
      coupleId: true,
      kind: true,
      status: true,
      startsAt: true,
      endsAt: true,
      journeyerId: true,
      cycle: { select: { model: true, sharedGoals: true } },
      couple: { select: { partnerA: PARTNER, partnerB: PARTNER } },
      clinic: { select: { timeZone: true, noteLateHours: true } },
      clinicians: { select: { userId: true, user: { select: { name: true } } } },
      attendees: { select: { clientId: true, role: true } },
      note: {
        include: {
          author: { select: { name: true } },
          addenda: { orderBy: [{ signedAt: "asc" }, { id: "asc" }], include: { author: { select: { name: true } } } },
        },
      },
    },
  });
  if (!session) throw new NotFoundError("The session");
  return session;
}

export type NoteSession = Awaited<ReturnType<typeof noteSessionFor>>;

export const partnerLabel = (p: { firstName: string; preferredName: string | null }) => p.preferredName ?? p.firstName;

/** The note's fields for this session, with the partners' names where the form asks about them. */
export function shapeOfSession(session: Pick<NoteSession, "kind" | "cycle" | "couple" | "journeyerId">): NoteShape | null {
  const { partnerA, partnerB } = session.couple;
  const journeyer = [partnerA, partnerB].find((p) => p.id === session.journeyerId);
  const sitter = [partnerA, partnerB].find((p) => journeyer && p.id !== journeyer.id);
  return noteShapeOf({
    kind: session.kind,
    model: session.cycle?.model ?? null,
    sharedGoals: session.cycle?.sharedGoals ?? "",
    journeyer: journeyer && partnerLabel(journeyer),
    sitter: sitter && partnerLabel(sitter),
    partnerA: partnerLabel(partnerA),
    partnerB: partnerLabel(partnerB),
  });
}

export const isClinicianOf = (session: Pick<NoteSession, "clinicians">, staff: Pick<Staff, "id">) => session.clinicians.some((c) => c.userId === staff.id);

export const SIGNED_IS_FINAL = "P13: a signed note is never changed or deleted; add an addendum instead.";

/**
 * What every write of a note checks, once the session is in reach: the kind has a note, the
 * writer was a clinician of the session, and the session is completed (P13).
 */
export function assertMayWriteNote(session: NoteSession, staff: Staff): NoteShape {
  const shape = shapeOfSession(session);
  if (!shape) throw new RuleViolationError("P13", "P13: a medical evaluation has no note; its record is the clearance.");
  if (!isClinicianOf(session, staff)) throw new RuleViolationError("P13", "P13: only a clinician of this session writes its note.");
  if (session.status !== "COMPLETED") {
    throw new RuleViolationError("P13", `P13: a note is written once the session is completed; this one is ${session.status === "CHECKED_IN" ? "checked in" : session.status.toLowerCase().replace("_", "-")}.`);
  }
  return shape;
}

/** Only the author of a draft saves or signs it; nobody changes a signed note. */
export function assertAuthorOfDraft(note: NonNullable<NoteSession["note"]>, staff: Staff): void {
  if (note.signedAt) throw new RuleViolationError("P13", SIGNED_IS_FINAL);
  if (note.authorId !== staff.id) throw new RuleViolationError("P13", `P13: this note is ${note.author.name}’s draft; only its author saves or signs it.`);
}

/** One audit row per partner of the session, so the log finds it by either client. No content. */
export async function auditNote(tx: Tx | Db, staff: Staff, session: Pick<NoteSession, "attendees">, entry: { action: string; entity: "SessionNote" | "NoteAddendum"; entityId: string }) {
  const clients = session.attendees.length > 0 ? session.attendees.map((a) => a.clientId) : [null];
  await recordAudits(tx, staff, clients.map((clientId) => ({ ...entry, clientId, outcome: "ALLOWED" as const })));
}
