"use client";

import { ActionForm } from "@/components/ui/action-form";
import { TextAreaField } from "@/components/ui/field";
import { addNoteAddendumAction } from "../actions";

/** A correction of the signed note (P13): signed by whoever adds it, shown under the note, never changed. */
export function AddendumForm({ sessionId }: { sessionId: string }) {
  return (
    <ActionForm action={addNoteAddendumAction} title="Add addendum" submit="Sign and add addendum" pendingText="Signing…" hidden={{ sessionId }}>
      {(errors) => (
        <TextAreaField
          label="Addendum"
          name="text"
          rows={4}
          hint="A correction or a later observation. It is signed with your name and the time, and cannot be changed afterwards."
          error={errors?.text}
        />
      )}
    </ActionForm>
  );
}
