"use client";

import { useState } from "react";
import { useFormAction } from "@/components/ui/use-form-action";
import { Button } from "@/components/ui/button";
import { FormMessage, TextField } from "@/components/ui/field";
import { addStaffAction } from "../actions";
import { InvitationLink } from "./invitation-link";
import { PASSWORD_HINT } from "./password-hint";
import { RoleCheckboxes } from "./role-checkboxes";

export function AddStaffForm() {
  const { state, pending, onSubmit } = useFormAction(addStaffAction);
  const [method, setMethod] = useState<"invite" | "password">("invite");
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4 rounded-lg border border-stone-200 bg-white p-4" aria-labelledby="add-staff">
      <h2 id="add-staff" className="text-lg font-semibold">
        Add a staff member
      </h2>
      {state && !state.ok && <FormMessage tone="error">{state.error}</FormMessage>}
      {state?.ok && state.data.invitation && <InvitationLink token={state.data.invitation} name={state.data.name} />}
      {state?.ok && !state.data.invitation && <FormMessage tone="success">{state.data.name} can now sign in.</FormMessage>}
      <TextField label="Name" name="name" autoComplete="off" required error={errors?.name} />
      <TextField label="Email" name="email" type="email" autoComplete="off" required error={errors?.email} />
      <RoleCheckboxes error={errors?.roles} />
      <fieldset>
        <legend className="text-sm font-medium text-stone-800">How they get in</legend>
        <label className="mt-1 flex items-center gap-2 text-sm">
          <input type="radio" name="method" value="invite" checked={method === "invite"} onChange={() => setMethod("invite")} className="h-4 w-4" /> A link to choose
          their own password
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" name="method" value="password" checked={method === "password"} onChange={() => setMethod("password")} className="h-4 w-4" /> A first
          password I give them
        </label>
      </fieldset>
      {method === "password" && (
        <TextField label="First password" name="password" type="password" autoComplete="new-password" required hint={PASSWORD_HINT} error={errors?.password} />
      )}
      <Button type="submit" disabled={pending}>
        {pending ? "Adding…" : "Add staff member"}
      </Button>
    </form>
  );
}
