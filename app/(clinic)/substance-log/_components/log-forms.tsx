"use client";

import { useFormAction } from "@/components/ui/use-form-action";

import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage, TextField } from "@/components/ui/field";
import type { ActionResult } from "@/lib/actions/define-action";
import { correctionAction, countAction, receiveAction, wasteAction } from "../actions";

type Result = ActionResult<{ message: string }>;
type Errors = Record<string, string[]> | undefined;
type Lot = { id: string; lotNumber: string; balanceMg: number };
type Person = { id: string; name: string };

function LogForm({ action, title, submit, children }: { action: (p: Result | null, f: FormData) => Promise<Result>; title: string; submit: string; children: (e: Errors) => ReactNode }) {
  const { state, pending, onSubmit, ref: form } = useFormAction(action, { resetOnSuccess: true });
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const id = title.replace(/\W+/g, "-").toLowerCase();
  return (
    <form ref={form} onSubmit={onSubmit} noValidate aria-labelledby={id} className="space-y-3 rounded-lg border border-stone-200 bg-white p-4">
      <h3 id={id} className="font-semibold">
        {title}
      </h3>
      {state && !state.ok && <FormMessage tone="error">{state.error}</FormMessage>}
      {state?.ok && <FormMessage tone="success">{state.data.message}</FormMessage>}
      {children(errors)}
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : submit}
      </Button>
    </form>
  );
}

function Choice({ label, name, options, error }: { label: string; name: string; options: { value: string; label: string }[]; error?: string[] }) {
  const id = `${name}-${label.replace(/\W+/g, "-").toLowerCase()}`;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-stone-800">
        {label}
      </label>
      <select id={id} name={name} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} className="mt-1 block w-full rounded-md border border-stone-300 bg-white px-3 py-2 text-sm">
        <option value="">Choose…</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {error && (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {error.join(" ")}
        </p>
      )}
    </div>
  );
}

const lotOptions = (lots: Lot[]) => lots.map((l) => ({ value: l.id, label: `${l.lotNumber} (${l.balanceMg} mg)` }));

export function ReceiveForm() {
  return (
    <LogForm action={receiveAction} title="Receive a lot" submit="Record receipt">
      {(e) => (
        <>
          <TextField label="Lot number" name="lotNumber" error={e?.lotNumber} />
          <TextField label="Quantity (mg)" name="quantityMg" inputMode="decimal" error={e?.quantityMg} />
          <TextField label="Note (supplier, invoice)" name="note" error={e?.note} />
        </>
      )}
    </LogForm>
  );
}

export function WasteForm({ lots, witnesses }: { lots: Lot[]; witnesses: Person[] }) {
  return (
    <LogForm action={wasteAction} title="Record waste" submit="Record waste">
      {(e) => (
        <>
          <Choice label="Lot" name="lotId" options={lotOptions(lots)} error={e?.lotId} />
          <TextField label="Quantity wasted (mg)" name="quantityMg" inputMode="decimal" error={e?.quantityMg} />
          <TextField label="Reason" name="reason" error={e?.reason} />
          <Choice label="Witnessed by" name="witnessedById" options={witnesses.map((w) => ({ value: w.id, label: w.name }))} error={e?.witnessedById} />
        </>
      )}
    </LogForm>
  );
}

export function CountForm({ lots }: { lots: Lot[] }) {
  return (
    <LogForm action={countAction} title="Record a count" submit="Record count">
      {(e) => (
        <>
          <Choice label="Lot" name="lotId" options={lotOptions(lots)} error={e?.lotId} />
          <TextField label="Counted on the shelf (mg)" name="countedMg" inputMode="decimal" error={e?.countedMg} />
          <TextField label="Note" name="note" error={e?.note} />
        </>
      )}
    </LogForm>
  );
}

export function CorrectionForm() {
  return (
    <LogForm action={correctionAction} title="Correct an entry" submit="Record correction">
      {(e) => (
        <>
          <TextField label="Entry to correct (its id, from the report)" name="entryId" error={e?.entryId} />
          <TextField label="Change to the balance (mg, negative to take away)" name="quantityMg" inputMode="decimal" error={e?.quantityMg} />
          <TextField label="What was wrong" name="reason" error={e?.reason} />
        </>
      )}
    </LogForm>
  );
}
