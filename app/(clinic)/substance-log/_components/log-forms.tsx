"use client";

import { ActionForm } from "@/components/ui/action-form";
import { SelectField, TextField } from "@/components/ui/field";
import { correctionAction, countAction, receiveAction, wasteAction } from "../actions";

type Lot = { id: string; lotNumber: string; balanceMg: number };
type Person = { id: string; name: string };

/** A required choice, starting unchosen. */
const choose = (options: { value: string; label: string }[]) => [{ value: "", label: "Choose…" }, ...options];
const lotOptions = (lots: Lot[]) => choose(lots.map((l) => ({ value: l.id, label: `${l.lotNumber} (${l.balanceMg} mg)` })));

export function ReceiveForm() {
  return (
    <ActionForm action={receiveAction} title="Receive a lot" submit="Record receipt">
      {(e) => (
        <>
          <TextField label="Lot number" name="lotNumber" error={e?.lotNumber} />
          <TextField label="Quantity (mg)" name="quantityMg" inputMode="decimal" error={e?.quantityMg} />
          <TextField label="Note (supplier, invoice)" name="note" error={e?.note} />
        </>
      )}
    </ActionForm>
  );
}

export function WasteForm({ lots, witnesses }: { lots: Lot[]; witnesses: Person[] }) {
  return (
    <ActionForm action={wasteAction} title="Record waste" submit="Record waste">
      {(e) => (
        <>
          <SelectField label="Lot" name="lotId" options={lotOptions(lots)} error={e?.lotId} />
          <TextField label="Quantity wasted (mg)" name="quantityMg" inputMode="decimal" error={e?.quantityMg} />
          <TextField label="Reason" name="reason" error={e?.reason} />
          <SelectField label="Witnessed by" name="witnessedById" options={choose(witnesses.map((w) => ({ value: w.id, label: w.name })))} error={e?.witnessedById} />
        </>
      )}
    </ActionForm>
  );
}

export function CountForm({ lots }: { lots: Lot[] }) {
  return (
    <ActionForm action={countAction} title="Record a count" submit="Record count">
      {(e) => (
        <>
          <SelectField label="Lot" name="lotId" options={lotOptions(lots)} error={e?.lotId} />
          <TextField label="Counted on the shelf (mg)" name="countedMg" inputMode="decimal" error={e?.countedMg} />
          <TextField label="Note" name="note" error={e?.note} />
        </>
      )}
    </ActionForm>
  );
}

export function CorrectionForm() {
  return (
    <ActionForm action={correctionAction} title="Correct an entry" submit="Record correction">
      {(e) => (
        <>
          <TextField label="Entry to correct (its id, from the report)" name="entryId" error={e?.entryId} />
          <TextField label="Change to the balance (mg, negative to take away)" name="quantityMg" inputMode="decimal" error={e?.quantityMg} />
          <TextField label="What was wrong" name="reason" error={e?.reason} />
        </>
      )}
    </ActionForm>
  );
}
