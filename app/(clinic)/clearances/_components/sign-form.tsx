"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { signClearanceAction } from "../actions";

export function SignForm({ clearanceId }: { clearanceId: string }) {
  const [state, action, pending] = useActionState(signClearanceAction, null);
  return (
    <form action={action} className="space-y-2">
      {state && !state.ok && <FormMessage tone="error">{state.error}</FormMessage>}
      <input type="hidden" name="clearanceId" value={clearanceId} />
      <Button type="submit" disabled={pending}>
        {pending ? "Signing…" : "Sign clearance"}
      </Button>
      <p className="text-xs text-stone-500">Once signed it cannot be changed; a change is an amendment.</p>
    </form>
  );
}
