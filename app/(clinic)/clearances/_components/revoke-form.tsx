"use client";

import { startTransition, useActionState, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage, TextAreaField } from "@/components/ui/field";
import { revokeClearanceAction } from "../actions";

/** Revoking is destructive for the partner's plans: a first click opens the form, a second confirms. */
export function RevokeForm({ clearanceId, partnerName }: { clearanceId: string; partnerName: string }) {
  const [open, setOpen] = useState(false);
  const [state, action, pending] = useActionState(revokeClearanceAction, null);
  if (state?.ok) {
    const blocked = state.data.blockedSessions;
    return (
      <FormMessage tone="success">
        Clearance revoked.{" "}
        {blocked === 0
          ? `No medicine session of ${partnerName}'s still to come is blocked by it.`
          : `${blocked} medicine session${blocked === 1 ? "" : "s"} of ${partnerName}'s still to come ${blocked === 1 ? "is" : "are"} now blocked (P3) until a new clearance is signed.`}
      </FormMessage>
    );
  }
  if (!open) {
    return (
      <Button type="button" variant="danger" onClick={() => setOpen(true)}>
        Revoke clearance…
      </Button>
    );
  }
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  // Submitted by hand so that a refused reason stays in the box to be corrected.
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => action(data));
  };
  return (
    <form onSubmit={submit} noValidate className="space-y-3 rounded-lg border border-red-200 bg-red-50 p-4" aria-labelledby="revoke-heading">
      <h3 id="revoke-heading" className="font-semibold text-red-900">
        Revoke {partnerName}’s clearance?
      </h3>
      <p className="text-sm text-red-900">
        Every future medicine session of {partnerName} is then blocked (P3) until a new clearance is signed. The revocation cannot be undone.
      </p>
      {state && !state.ok && <FormMessage tone="error">{state.error}</FormMessage>}
      <input type="hidden" name="clearanceId" value={clearanceId} />
      <TextAreaField label="Reason for revoking" name="reason" required error={errors?.reason} />
      <div className="flex gap-3">
        <Button type="submit" variant="danger" disabled={pending}>
          {pending ? "Revoking…" : "Confirm revocation"}
        </Button>
        <Button type="button" variant="secondary" onClick={() => setOpen(false)} disabled={pending}>
          Keep the clearance
        </Button>
      </div>
    </form>
  );
}
