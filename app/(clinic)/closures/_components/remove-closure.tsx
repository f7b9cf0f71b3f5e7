"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { useFormAction } from "@/components/ui/use-form-action";
import { removeClosureAction } from "../actions";

/** Removing asks first: the closure's hours open for booking again, and no session is changed. */
export function RemoveClosure({ closureId, words }: { closureId: string; words: string }) {
  const [asking, setAsking] = useState(false);
  const { state, pending, onSubmit } = useFormAction(removeClosureAction);
  if (!asking) {
    return (
      <Button type="button" variant="secondary" className="mt-3" onClick={() => setAsking(true)}>
        Remove…
      </Button>
    );
  }
  return (
    <form onSubmit={onSubmit} className="mt-3 space-y-2 rounded-md border border-red-200 bg-red-50 p-3" aria-label="Confirm removing the closure">
      <p>
        Remove this closure ({words})? Its hours can be booked again; no session is changed.
      </p>
      {state && !state.ok && <FormMessage tone="error">{state.error}</FormMessage>}
      <input type="hidden" name="closureId" value={closureId} />
      <input type="hidden" name="confirm" value="yes" />
      <div className="flex gap-2">
        <Button type="submit" variant="danger" disabled={pending}>
          {pending ? "Removing…" : "Yes, remove it"}
        </Button>
        <Button type="button" variant="secondary" onClick={() => setAsking(false)}>
          Keep it
        </Button>
      </div>
    </form>
  );
}
