"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { addNoteAddendum } from "@/lib/notes/add-note-addendum";
import { NOTE_FORM_LIMITS, ZAddendumInput, ZNoteInput } from "@/lib/notes/input";
import { saveNoteDraft } from "@/lib/notes/save-note-draft";
import { signNote } from "@/lib/notes/sign-note";

// The note page's actions (P13). defineAction checks the role and the caller's reach to the
// session's note first (out of reach is answered as not found); lib/notes then checks that the
// caller was a clinician of the session, that it is completed, and whose draft it is.

/** The autosave and the "Save draft" button. Nothing to refresh: the editor holds the text. */
export const saveNoteDraftAction = defineAction({
  permission: "note:write",
  reach: { note: "sessionId" },
  input: ZNoteInput,
  limits: NOTE_FORM_LIMITS,
  run: async (input, staff) => {
    const { savedAt } = await saveNoteDraft(staff, input);
    return { savedAt: savedAt.toISOString() };
  },
});

export const signNoteAction = defineAction({
  permission: "note:write",
  reach: { note: "sessionId" },
  input: ZNoteInput,
  limits: NOTE_FORM_LIMITS,
  run: async (input, staff) => {
    const { signedAt } = await signNote(staff, input);
    revalidatePath(`/sessions/${input.sessionId}/note`);
    return { signedAt: signedAt.toISOString() };
  },
});

export const addNoteAddendumAction = defineAction({
  permission: "note:write",
  reach: { note: "sessionId" },
  input: ZAddendumInput,
  limits: NOTE_FORM_LIMITS,
  run: async (input, staff) => {
    await addNoteAddendum(staff, input);
    revalidatePath(`/sessions/${input.sessionId}/note`);
    return { message: "Addendum signed and added under the note." };
  },
});
