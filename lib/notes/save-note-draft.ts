import "server-only";
import type { Staff } from "../auth/session";
import { db } from "../db";
import { asAppError } from "../db/errors";
import { InvalidInputError, RuleViolationError } from "../errors";
import type { TNoteInput } from "./input";
import { hasWriting, parseNoteInput } from "./note-kinds";
import { assertAuthorOfDraft, assertMayWriteNote, auditNote, noteSessionFor, SIGNED_IS_FINAL } from "./note-session";

/**
 * Saves the draft of a session's note as its author types (P13). The first save creates the note
 * and makes the caller its author; from then on only they save or sign it (another clinician of
 * the session is refused in words, never overwrites). One note per session: two first saves at
 * once leave one note, the other is refused (the unique index on SessionNote.sessionId). Saving
 * nothing into no note creates nothing. Audited, without content.
 */
export async function saveNoteDraft(staff: Staff, input: TNoteInput, now = new Date()): Promise<{ noteId: string | null; savedAt: Date }> {
  try {
    return await db.$transaction(async (tx) => {
      const session = await noteSessionFor(tx, staff, input.sessionId, "note:write");
      const shape = assertMayWriteNote(session, staff);
      const parsed = parseNoteInput(shape, { fields: input.fields, goals: input.goals }, "draft");
      if (!parsed.ok) throw new InvalidInputError("Please correct the highlighted fields. Your text is kept here.", parsed.fieldErrors);
      const content = parsed.content;
      if (!session.note) {
        if (!hasWriting(content)) return { noteId: null, savedAt: now };
        const note = await tx.sessionNote.create({ data: { sessionId: session.id, authorId: staff.id, content, createdAt: now, updatedAt: now } });
        await auditNote(tx, staff, session, { action: "create", entity: "SessionNote", entityId: note.id });
        return { noteId: note.id, savedAt: now };
      }
      assertAuthorOfDraft(session.note, staff);
      // Only while unsigned: a signature that landed since this was read wins.
      const { count } = await tx.sessionNote.updateMany({ where: { id: session.note.id, authorId: staff.id, signedAt: null }, data: { content, updatedAt: now } });
      if (count === 0) throw new RuleViolationError("P13", SIGNED_IS_FINAL);
      await auditNote(tx, staff, session, { action: "update", entity: "SessionNote", entityId: session.note.id });
      return { noteId: session.note.id, savedAt: now };
    });
  } catch (error) {
    throw asAppError(error);
  }
}
