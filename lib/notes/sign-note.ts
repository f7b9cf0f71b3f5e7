import "server-only";
import type { Staff } from "../auth/session";
import { db } from "../db";
import { asAppError } from "../db/errors";
import { InvalidInputError, RuleViolationError } from "../errors";
import type { TNoteInput } from "./input";
import { parseNoteInput } from "./note-kinds";
import { assertAuthorOfDraft, assertMayWriteNote, auditNote, noteSessionFor, SIGNED_IS_FINAL } from "./note-session";

/**
 * The author signs the note (P13), with the text on their screen: the content is saved and
 * signed in one step, so nothing typed since the last autosave is left out. Signing needs the
 * kind's required fields. A medicine session's note links that day's dosing records. From then
 * on the database refuses any change or deletion of the note (SessionNote_signed_is_immutable);
 * a correction is an addendum. A clinician of the session with no draft yet may sign directly.
 */
export async function signNote(staff: Staff, input: TNoteInput, now = new Date()): Promise<{ noteId: string; signedAt: Date }> {
  try {
    return await db.$transaction(async (tx) => {
      const session = await noteSessionFor(tx, staff, input.sessionId, "note:write");
      const shape = assertMayWriteNote(session, staff);
      if (session.note) assertAuthorOfDraft(session.note, staff);
      const parsed = parseNoteInput(shape, { fields: input.fields, goals: input.goals }, "sign");
      if (!parsed.ok) throw new InvalidInputError("The note is not signed: complete the highlighted fields first. Your text is kept here.", parsed.fieldErrors);
      const content = parsed.content;
      if (shape.kind === "MEDICINE") {
        const records = await tx.dosingRecord.findMany({ where: { sessionId: session.id }, select: { id: true }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
        content.dosingRecordIds = records.map((r) => r.id);
      }
      let noteId: string;
      if (!session.note) {
        noteId = (await tx.sessionNote.create({ data: { sessionId: session.id, authorId: staff.id, content, signedAt: now, createdAt: now, updatedAt: now } })).id;
      } else {
        const { count } = await tx.sessionNote.updateMany({ where: { id: session.note.id, authorId: staff.id, signedAt: null }, data: { content, signedAt: now, updatedAt: now } });
        if (count === 0) throw new RuleViolationError("P13", SIGNED_IS_FINAL);
        noteId = session.note.id;
      }
      await auditNote(tx, staff, session, { action: "sign", entity: "SessionNote", entityId: noteId });
      return { noteId, signedAt: now };
    });
  } catch (error) {
    throw asAppError(error);
  }
}
