"use client";

import { Button } from "@/components/ui/button";
import { FormMessage, SelectField, TextField } from "@/components/ui/field";
import { useFormAction } from "@/components/ui/use-form-action";
import { declareClosureAction } from "../actions";
import { SessionsInside } from "./sessions-inside";

export function DeclareClosureForm({ rooms }: { rooms: { id: string; name: string }[] }) {
  const { state, pending, onSubmit, ref } = useFormAction(declareClosureAction, { resetOnSuccess: true });
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form ref={ref} onSubmit={onSubmit} noValidate className="space-y-4 self-start rounded-lg border border-stone-200 bg-white p-4" aria-labelledby="declare-closure">
      <h2 id="declare-closure" className="text-lg font-semibold">
        Declare a closure
      </h2>
      {state && !state.ok && <FormMessage tone="error">{state.error}</FormMessage>}
      {state?.ok && (
        <FormMessage tone="success">
          <span data-testid="closure-declared">Declared: {state.data.words}.</span>
          <SessionsInside sessions={state.data.sessions} />
        </FormMessage>
      )}
      <SelectField label="What is closed" name="roomId" defaultValue="" error={errors?.roomId} options={[{ value: "", label: "The whole clinic (a holiday)" }, ...rooms.map((r) => ({ value: r.id, label: `${r.name} (out of service)` }))]} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="First day" name="fromDate" type="date" required error={errors?.fromDate} />
        <TextField label="Last day" name="toDate" type="date" required error={errors?.toDate} />
        <TextField label="From (time, optional)" name="fromTime" type="time" error={errors?.fromTime} hint="Leave both times empty for whole days." />
        <TextField label="Until (time, optional)" name="toTime" type="time" error={errors?.toTime} />
      </div>
      <TextField label="Reason" name="reason" required maxLength={200} error={errors?.reason} hint="Shown to staff on the calendar, e.g. Holidays, Repairs." />
      <Button type="submit" disabled={pending}>
        {pending ? "Declaring…" : "Declare closure"}
      </Button>
    </form>
  );
}
