import "server-only";
import { can } from "../auth/permissions";
import type { Staff } from "../auth/session";
import { coupleNames } from "../couples/list-couples";
import { db } from "../db";
import { NotFoundError } from "../errors";
import { isMedicine } from "../protocol/cycle";
import { isNoteLate } from "./late-notes";
import { readNoteContent, type NoteContent, type NoteShape } from "./note-kinds";
import { auditNote, isClinicianOf, noteSessionFor, partnerLabel, shapeOfSession } from "./note-session";

/** Where the note stands, as its page shows it to this reader. */
export type NoteState =
  /** A medical evaluation: its record is the clearance. */
  | "no-note-for-kind"
  /** The session has not been completed (or never will be): nothing to write yet. */
  | "not-completed"
  /** Completed, no note yet. */
  | "none"
  /** The reader's own draft: the editor. */
  | "own-draft"
  /** Someone else's draft: that it exists and whose, never what it says. */
  | "other-draft"
  | "signed";

/**
 * A session's note for its page (P13), if the reader reaches it (lib/auth/reach.ts: noteWhere for
 * "note:read"). A draft is shown to its author only; a signed note with its addenda to every
 * reader. The read is audited (one row per partner, no content).
 */
export async function getSessionNote(staff: Staff, sessionId: string, now = new Date()) {
  if (!can(staff.roles, "note:read")) throw new NotFoundError("The session");
  const session = await noteSessionFor(db, staff, sessionId, "note:read");
  const shape = shapeOfSession(session);
  const note = session.note;
  const state: NoteState = !shape
    ? "no-note-for-kind"
    : session.status !== "COMPLETED"
      ? "not-completed"
      : !note
        ? "none"
        : note.signedAt
          ? "signed"
          : note.authorId === staff.id
            ? "own-draft"
            : "other-draft";
  const showsContent = state === "own-draft" || state === "signed";
  const writer = can(staff.roles, "note:write") && isClinicianOf(session, staff);
  const { partnerA, partnerB } = session.couple;
  const name = (id: string | null) => [partnerA, partnerB].find((p) => p.id === id);
  // A medicine session's note links that day's dosing records (names only; the dosing day page has the rest).
  const dosing = shape?.kind === "MEDICINE" ? await db.dosingRecord.findMany({ where: { sessionId: session.id }, select: { id: true, clientId: true }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }) : [];
  await auditNote(db, staff, session, { action: "read", entity: "SessionNote", entityId: note?.id ?? session.id });
  return {
    session: {
      id: session.id,
      coupleId: session.coupleId,
      kind: session.kind,
      status: session.status,
      startsAt: session.startsAt,
      endsAt: session.endsAt,
      couple: coupleNames(partnerA, partnerB),
      partners: session.attendees.map((a) => ({ id: a.clientId, name: partnerLabel(name(a.clientId) ?? { firstName: "", preferredName: null }), role: a.role })),
      clinicians: session.clinicians.map((c) => c.user.name),
      isMedicine: isMedicine(session),
    },
    timeZone: session.clinic.timeZone,
    late: state !== "signed" && state !== "no-note-for-kind" && state !== "not-completed" && isNoteLate(session.endsAt, now, session.clinic.noteLateHours),
    lateHours: session.clinic.noteLateHours,
    shape: shape as NoteShape | null,
    state,
    note: note && {
      id: note.id,
      authorName: note.author.name,
      signedAt: note.signedAt,
      updatedAt: note.updatedAt,
      content: showsContent ? readNoteContent(note.content) : ({ fields: {} } as NoteContent),
    },
    addenda: note?.signedAt ? note.addenda.map((a) => ({ id: a.id, authorName: a.author.name, text: a.text, signedAt: a.signedAt })) : [],
    dosing: dosing.map((d) => ({ recordId: d.id, partner: partnerLabel(name(d.clientId) ?? { firstName: "", preferredName: null }) })),
    /** A clinician of the session: writes the note (once completed) and adds addenda. */
    writer,
  };
}

export type SessionNoteView = Awaited<ReturnType<typeof getSessionNote>>;
