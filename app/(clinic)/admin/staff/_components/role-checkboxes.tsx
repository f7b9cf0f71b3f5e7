import { ROLE_LABELS, STAFF_ROLES, type StaffRoleName } from "@/lib/auth/permissions";

export function RoleCheckboxes({ checked = [], error, hideLegend = false }: { checked?: StaffRoleName[]; error?: string[]; hideLegend?: boolean }) {
  return (
    <fieldset aria-describedby={error ? "roles-error" : undefined}>
      <legend className={hideLegend ? "sr-only" : "text-sm font-medium text-stone-800"}>Roles</legend>
      <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
        {STAFF_ROLES.map((role) => (
          <label key={role} className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="roles" value={role} defaultChecked={checked.includes(role)} className="h-4 w-4" /> {ROLE_LABELS[role]}
          </label>
        ))}
      </div>
      {error && (
        <p id="roles-error" className="mt-1 text-sm text-red-700" data-testid="error-roles">
          {error.join(" ")}
        </p>
      )}
    </fieldset>
  );
}
