"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage, TextField } from "@/components/ui/field";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/auth/password-policy";
import { acceptInvitationAction } from "../../actions";

export function ChoosePasswordForm({ token, email }: { token: string; email: string }) {
  const [state, action, pending] = useActionState(acceptInvitationAction, null);
  return (
    <form action={action} noValidate className="mt-6 space-y-4 rounded-lg border border-stone-200 bg-white p-6 shadow-sm">
      {state && !state.ok && <FormMessage tone="error">{state.error}</FormMessage>}
      <input type="hidden" name="token" value={token} />
      <input type="hidden" name="username" autoComplete="username" value={email} readOnly />
      <TextField
        label="Your new password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint={`${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters; a few unrelated words work well. Common passwords are refused.`}
        error={state && !state.ok ? state.fieldErrors?.password : undefined}
      />
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Saving…" : "Set my password"}
      </Button>
    </form>
  );
}
