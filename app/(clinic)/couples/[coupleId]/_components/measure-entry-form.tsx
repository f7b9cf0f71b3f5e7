"use client";

import { useState } from "react";
import { MeasureItems, type InstrumentForm } from "@/components/measures/measure-items";
import { Button } from "@/components/ui/button";
import { FormMessage, SelectField, TextField } from "@/components/ui/field";
import { useFormAction } from "@/components/ui/use-form-action";
import { recordMeasureAction } from "../measure-actions";

export type EntryPartner = { id: string; name: string };
/** A session a measure may be recorded in: one the partner attended, already started. */
export type EntrySession = { id: string; label: string; partnerIds: string[] };

/**
 * "Enter a measure": a clinician records the partner's answers in the session (the partner fills
 * in the paper form, or answers aloud). Scored on the server; a refusal keeps every choice and
 * marks each item still to answer.
 */
export function MeasureEntryForm({ partners, instruments, sessions, today }: { partners: EntryPartner[]; instruments: InstrumentForm[]; sessions: EntrySession[]; today: string }) {
  const { state, pending, onSubmit, ref } = useFormAction(recordMeasureAction, { resetOnSuccess: true });
  const [partnerId, setPartnerId] = useState(partners[0]?.id ?? "");
  const [instrumentId, setInstrumentId] = useState(instruments[0]?.id ?? "PHQ9");
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const instrument = instruments.find((i) => i.id === instrumentId) ?? instruments[0];
  const partnerSessions = sessions.filter((s) => s.partnerIds.includes(partnerId));
  return (
    <form ref={ref} onSubmit={onSubmit} noValidate aria-label="Enter a measure" className="space-y-4 p-2">
      {state && !state.ok && <FormMessage tone="error">{state.error}</FormMessage>}
      {state?.ok && <FormMessage tone="success">{state.data.message}</FormMessage>}
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          label="Partner"
          name="clientId"
          value={partnerId}
          onChange={(e) => setPartnerId(e.target.value)}
          options={partners.map((p) => ({ value: p.id, label: p.name }))}
          error={errors?.clientId}
        />
        <SelectField
          label="Measure"
          name="instrument"
          value={instrumentId}
          onChange={(e) => setInstrumentId(e.target.value as InstrumentForm["id"])}
          options={instruments.map((i) => ({ value: i.id, label: i.name }))}
          error={errors?.instrument}
        />
        <SelectField label="Taken in session (optional)" name="sessionId" defaultValue="" error={errors?.sessionId} key={partnerId}>
          <option value="">No session</option>
          {partnerSessions.map((s) => (
            <option key={s.id} value={s.id}>
              {s.label}
            </option>
          ))}
        </SelectField>
        <TextField label="Date taken" name="takenOn" type="date" max={today} hint="Leave blank for now." error={errors?.takenOn} />
      </div>
      {instrument && <MeasureItems key={instrument.id} instrument={instrument} errors={errors} idPrefix="entry" />}
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : `Record ${instrument?.name ?? "measure"}`}
      </Button>
    </form>
  );
}
