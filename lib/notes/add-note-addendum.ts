import "server-only";
import type { Staff } from "../auth/session";
import { db } from "../db";
import { asAppError } from "../db/errors";
import { RuleViolationError } from "../errors";
import type { TAddendumInput } from "./input";
import { auditNote, isClinicianOf, noteSessionFor } from "./note-session";

/**
 * A correction of a signed note (P13): an addendum, signed by whoever adds it, and itself never
 * changed. Added by a clinician of the session, the people who may write its note: those who
 * were there. (The couple's other therapists read the note, and ask them.) The database refuses
 * an addendum to a note that is not signed (NoteAddendum_note_signed) as well.
 */
export async function addNoteAddendum(staff: Staff, input: TAddendumInput, now = new Date()): Promise<{ addendumId: string; signedAt: Date }> {
  try {
    return await db.$transaction(async (tx) => {
      const session = await noteSessionFor(tx, staff, input.sessionId, "note:write");
      if (!isClinicianOf(session, staff)) throw new RuleViolationError("P13", "P13: only a clinician of this session adds an addendum to its note.");
      if (!session.note?.signedAt) throw new RuleViolationError("P13", "P13: an addendum corrects a signed note; sign the note first.");
      const addendum = await tx.noteAddendum.create({ data: { noteId: session.note.id, authorId: staff.id, text: input.text, signedAt: now } });
      await auditNote(tx, staff, session, { action: "create", entity: "NoteAddendum", entityId: addendum.id });
      return { addendumId: addendum.id, signedAt: now };
    });
  } catch (error) {
    throw asAppError(error);
  }
}
