"use client";

import { Button } from "@/components/ui/button";
import { FormMessage, TextField } from "@/components/ui/field";
import { useFormAction } from "@/components/ui/use-form-action";
import { saveBackupSettingsAction } from "../actions";

export type RetentionSettings = { time: string; keepDaily: number; keepMonthly: number; timeZone: string };

export function RetentionForm({ settings }: { settings: RetentionSettings }) {
  const { state, pending, onSubmit } = useFormAction(saveBackupSettingsAction);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const confirmError = errors?.confirmDeletion?.join(" ");
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="backup-settings" className="space-y-4 rounded-lg border border-stone-200 bg-white p-4">
      <h2 id="backup-settings" className="text-lg font-semibold">
        Schedule and retention
      </h2>
      {state && !state.ok && <FormMessage tone="error">{state.error}</FormMessage>}
      {state?.ok && <FormMessage tone="success">{state.data.message}</FormMessage>}
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField label="Daily backup at" name="backupAtMinute" type="time" required defaultValue={settings.time} hint={`Clinic time (${settings.timeZone})`} error={errors?.backupAtMinute} />
        <TextField
          label="Daily backups kept"
          name="backupKeepDaily"
          type="number"
          inputMode="numeric"
          min={1}
          max={366}
          required
          defaultValue={settings.keepDaily}
          hint="The latest of each of this many days (1–366)"
          error={errors?.backupKeepDaily}
        />
        <TextField
          label="Monthly backups kept"
          name="backupKeepMonthly"
          type="number"
          inputMode="numeric"
          min={0}
          max={120}
          required
          defaultValue={settings.keepMonthly}
          hint="The latest of each of this many months (0–120)"
          error={errors?.backupKeepMonthly}
        />
      </div>
      <div>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            name="confirmDeletion"
            className="h-4 w-4"
            aria-invalid={confirmError ? true : undefined}
            aria-describedby={confirmError ? "confirm-deletion-error" : undefined}
          />
          Delete the older backups these numbers no longer keep
        </label>
        {confirmError && (
          <p id="confirm-deletion-error" className="mt-1 text-sm text-red-700" data-testid="error-confirmDeletion">
            {confirmError}
          </p>
        )}
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save"}
      </Button>
    </form>
  );
}
