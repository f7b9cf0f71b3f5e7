"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage, TextField } from "@/components/ui/field";
import type { StaffRoleName } from "@/lib/auth/permissions";
import { issueResetLinkAction, resetStaffPasswordAction, setStaffActiveAction, setStaffRolesAction } from "../actions";
import { InvitationLink } from "./invitation-link";
import { PASSWORD_HINT } from "./password-hint";
import { RoleCheckboxes } from "./role-checkboxes";

const CARD = "space-y-4 rounded-lg border border-stone-200 bg-white p-4";

export function RolesForm({ staffId, roles }: { staffId: string; roles: StaffRoleName[] }) {
  const [state, action, pending] = useActionState(setStaffRolesAction, null);
  return (
    <form action={action} noValidate className={CARD} aria-labelledby="roles-heading">
      <h2 id="roles-heading" className="text-lg font-semibold">
        Roles
      </h2>
      {state && !state.ok && <FormMessage tone="error">{state.error}</FormMessage>}
      {state?.ok && <FormMessage tone="success">Roles saved. {state.data.name} signs in again to use them.</FormMessage>}
      <input type="hidden" name="staffId" value={staffId} />
      <RoleCheckboxes hideLegend checked={roles} error={state && !state.ok ? state.fieldErrors?.roles : undefined} />
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save roles"}
      </Button>
    </form>
  );
}

export function PasswordForm({ staffId }: { staffId: string }) {
  const [state, action, pending] = useActionState(resetStaffPasswordAction, null);
  return (
    <form action={action} noValidate className={CARD} aria-labelledby="password-heading">
      <h2 id="password-heading" className="text-lg font-semibold">
        Reset password
      </h2>
      {state && !state.ok && <FormMessage tone="error">{state.error}</FormMessage>}
      {state?.ok && <FormMessage tone="success">New password set. {state.data.name} was signed out everywhere.</FormMessage>}
      <input type="hidden" name="staffId" value={staffId} />
      <TextField label="New password" name="password" type="password" autoComplete="new-password" required hint={PASSWORD_HINT} error={state && !state.ok ? state.fieldErrors?.password : undefined} />
      <Button type="submit" disabled={pending}>
        {pending ? "Setting…" : "Set new password"}
      </Button>
    </form>
  );
}

export function ResetLinkForm({ staffId }: { staffId: string }) {
  const [state, action, pending] = useActionState(issueResetLinkAction, null);
  return (
    <form action={action} className={CARD} aria-labelledby="reset-link-heading">
      <h2 id="reset-link-heading" className="text-lg font-semibold">
        Reset by link
      </h2>
      <p className="text-sm text-stone-600">Their password stops working and they are signed out everywhere; they choose a new one with the link.</p>
      {state && !state.ok && <FormMessage tone="error">{state.error}</FormMessage>}
      {state?.ok && state.data.invitation && <InvitationLink token={state.data.invitation} name={state.data.name} />}
      <input type="hidden" name="staffId" value={staffId} />
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Making…" : "Make a reset link"}
      </Button>
    </form>
  );
}

export function ActiveForm({ staffId, active }: { staffId: string; active: boolean }) {
  const [state, action, pending] = useActionState(setStaffActiveAction, null);
  return (
    <form action={action} className={CARD} aria-labelledby="active-heading">
      <h2 id="active-heading" className="text-lg font-semibold">
        {active ? "Deactivate the account" : "Reactivate the account"}
      </h2>
      <p className="text-sm text-stone-600">
        {active
          ? "Ends every session of this account at once and refuses its sign-ins. Its records and audit history stay."
          : "Lets this account sign in again with its password."}
      </p>
      {state && !state.ok && <FormMessage tone="error">{state.error}</FormMessage>}
      {state?.ok && <FormMessage tone="success">Saved.</FormMessage>}
      <input type="hidden" name="staffId" value={staffId} />
      <input type="hidden" name="active" value={active ? "false" : "true"} />
      <Button type="submit" variant={active ? "danger" : "secondary"} disabled={pending}>
        {active ? "Deactivate" : "Reactivate"}
      </Button>
    </form>
  );
}
