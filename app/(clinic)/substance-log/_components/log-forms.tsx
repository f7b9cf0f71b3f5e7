"use client";

import { useFormAction } from "@/components/ui/use-form-action";

import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage, SelectField, TextField } from "@/components/ui/field";
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

/** A required choice, starting unchosen. */
const choose = (options: { value: string; label: string }[]) => [{ value: "", label: "Choose…" }, ...options];
const lotOptions = (lots: Lot[]) => choose(lots.map((l) => ({ value: l.id, label: `${l.lotNumber} (${l.balanceMg} mg)` })));

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
          <SelectField label="Lot" name="lotId" options={lotOptions(lots)} error={e?.lotId} />
          <TextField label="Quantity wasted (mg)" name="quantityMg" inputMode="decimal" error={e?.quantityMg} />
          <TextField label="Reason" name="reason" error={e?.reason} />
          <SelectField label="Witnessed by" name="witnessedById" options={choose(witnesses.map((w) => ({ value: w.id, label: w.name })))} error={e?.witnessedById} />
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
          <SelectField label="Lot" name="lotId" options={lotOptions(lots)} error={e?.lotId} />
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
