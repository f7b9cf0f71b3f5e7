"use client";

import { startTransition, useActionState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { ChoiceGroup, FormMessage, SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { DECISION_LABELS, ROUTE_LABELS, SCREENING_GROUPS } from "@/lib/clearance/screening";
import { recordClearanceAction } from "../actions";

export type ClearanceDefaults = {
  evaluatedOn: string;
  screening: string[];
  systolic?: number;
  diastolic?: number;
  heartRate?: number;
  decision?: keyof typeof DECISION_LABELS;
  conditions?: string;
  models?: string[];
  maxDoseMg?: number | null;
  route?: keyof typeof ROUTE_LABELS | null;
  validUntil?: string;
};

const MODELS = [
  { value: "TAKING_TURNS", label: "Taking Turns" },
  { value: "LOW_DOSE_TOGETHER", label: "Low Dose Together" },
] as const;

export function ClearanceForm(props: {
  clientId: string;
  evaluationSessionId?: string;
  supersedesId?: string;
  draftId?: string;
  validityDays: number;
  defaults: ClearanceDefaults;
}) {
  const [state, action, pending] = useActionState(recordClearanceAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const d = props.defaults;
  // Submitted by hand rather than through `action`, so that React does not reset the form when
  // the server returns errors: the psychiatrist corrects a field instead of typing it all again.
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
    startTransition(() => action(data));
  };
  return (
    <form onSubmit={submit} noValidate className="space-y-6 rounded-lg border border-stone-200 bg-white p-4" aria-label="Clearance">
      {state && !state.ok && <FormMessage tone="error">{state.error}</FormMessage>}
      <input type="hidden" name="clientId" value={props.clientId} />
      {props.evaluationSessionId && <input type="hidden" name="evaluationSessionId" value={props.evaluationSessionId} />}
      {props.supersedesId && <input type="hidden" name="supersedesId" value={props.supersedesId} />}
      {props.draftId && <input type="hidden" name="draftId" value={props.draftId} />}

      <TextField label="Evaluation date" name="evaluatedOn" type="date" defaultValue={d.evaluatedOn} required error={errors?.evaluatedOn} />

      <section aria-labelledby="screening-heading" className="space-y-3">
        <h2 id="screening-heading" className="text-base font-semibold">
          Screening checklist <span className="text-sm font-normal text-stone-600">(tick what is present)</span>
        </h2>
        {SCREENING_GROUPS.map((group) => (
          <ChoiceGroup
            key={group.id}
            legend={group.label}
            name="screening"
            type="checkbox"
            options={group.items.map((i) => ({ value: i.key, label: i.label }))}
            defaultValue={d.screening}
          />
        ))}
        {errors?.screening && <p className="text-sm text-red-700">{errors.screening.join(" ")}</p>}
      </section>

      <section aria-labelledby="vitals-heading" className="space-y-3">
        <h2 id="vitals-heading" className="text-base font-semibold">
          Blood pressure and heart rate at the evaluation
        </h2>
        <div className="grid gap-4 sm:grid-cols-3">
          <TextField label="Systolic (mmHg)" name="systolic" inputMode="numeric" defaultValue={d.systolic} required error={errors?.systolic} />
          <TextField label="Diastolic (mmHg)" name="diastolic" inputMode="numeric" defaultValue={d.diastolic} required error={errors?.diastolic} />
          <TextField label="Heart rate (beats per minute)" name="heartRate" inputMode="numeric" defaultValue={d.heartRate} required error={errors?.heartRate} />
        </div>
      </section>

      <section aria-labelledby="decision-heading" className="space-y-3">
        <h2 id="decision-heading" className="text-base font-semibold">
          Decision
        </h2>
        <ChoiceGroup
          legend="Decision"
          name="decision"
          type="radio"
          options={Object.entries(DECISION_LABELS).map(([value, label]) => ({ value, label }))}
          defaultValue={d.decision ? [d.decision] : []}
          error={errors?.decision}
        />
        <TextAreaField label="Conditions" name="conditions" defaultValue={d.conditions} hint="Required when cleared with conditions." error={errors?.conditions} />
        <ChoiceGroup legend="Models covered" name="models" type="checkbox" options={MODELS} defaultValue={d.models} error={errors?.models} />
        <div className="grid gap-4 sm:grid-cols-3">
          <TextField label="Maximum dose (mg)" name="maxDoseMg" inputMode="decimal" defaultValue={d.maxDoseMg ?? undefined} error={errors?.maxDoseMg} />
          <SelectField label="Route" name="route" defaultValue={d.route ?? ""} error={errors?.route}>
            <option value="">Choose…</option>
            {Object.entries(ROUTE_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </SelectField>
          <TextField
            label="Valid until"
            name="validUntil"
            type="date"
            defaultValue={d.validUntil}
            hint={`Leave blank for ${props.validityDays} days from the evaluation (the clinic's setting, also the longest allowed).`}
            error={errors?.validUntil}
          />
        </div>
      </section>

      <div className="flex flex-wrap gap-3">
        <Button type="submit" name="intent" value="sign" disabled={pending}>
          {pending ? "Saving…" : "Record and sign"}
        </Button>
        <Button type="submit" name="intent" value="draft" variant="secondary" disabled={pending}>
          Save as draft
        </Button>
      </div>
      <p className="text-xs text-stone-500">A signed clearance cannot be changed: a change is recorded as an amendment that supersedes it.</p>
    </form>
  );
}
