"use client";

import { useFormAction } from "@/components/ui/use-form-action";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { startCycleAction } from "../actions";

/** Start a KAP cycle: the model, full cycle or single experience, and the couple's shared goals. */
export function StartCycleForm({ coupleId }: { coupleId: string }) {
  const { state, pending, onSubmit } = useFormAction(startCycleAction);
  const errors = state && !state.ok ? state.fieldErrors ?? {} : {};
  return (
    <form onSubmit={onSubmit} className="grid gap-3 rounded-lg border border-stone-200 bg-white p-4 text-sm sm:grid-cols-2" aria-labelledby="start-cycle">
      <h3 id="start-cycle" className="font-semibold sm:col-span-2">
        Start a KAP cycle
      </h3>
      {state && !state.ok && (
        <div className="sm:col-span-2">
          <FormMessage tone="error">{state.error}</FormMessage>
        </div>
      )}
      <input type="hidden" name="coupleId" value={coupleId} />
      <fieldset>
        <legend className="font-medium">Model</legend>
        <label className="mt-1 flex items-center gap-2">
          <input type="radio" name="model" value="TAKING_TURNS" defaultChecked /> Taking Turns (one journeys, one sits)
        </label>
        <label className="flex items-center gap-2">
          <input type="radio" name="model" value="LOW_DOSE_TOGETHER" /> Low Dose Together (a series)
        </label>
        {errors.model && <p className="text-red-700">{errors.model.join(" ")}</p>}
      </fieldset>
      <fieldset>
        <legend className="font-medium">Format</legend>
        <label className="mt-1 flex items-center gap-2">
          <input type="radio" name="format" value="FULL" defaultChecked /> Full cycle
        </label>
        <label className="flex items-center gap-2">
          <input type="radio" name="format" value="SINGLE_EXPERIENCE" /> Single experience
        </label>
        {errors.format && (
          <p className="text-red-700" data-testid="error-format">
            {errors.format.join(" ")}
          </p>
        )}
      </fieldset>
      <label className="flex flex-col sm:col-span-2">
        Shared goals
        <textarea name="sharedGoals" rows={3} aria-describedby="shared-goals-hint" className="rounded border border-stone-300 px-2 py-1" />
        {errors.sharedGoals && <span className="text-red-700">{errors.sharedGoals.join(" ")}</span>}
      </label>
      <p id="shared-goals-hint" className="-mt-2 text-xs text-stone-500 sm:col-span-2">
        One goal per line: each integration note records insight against each goal (P13).
      </p>
      <div className="sm:col-span-2">
        <Button disabled={pending}>{pending ? "Starting…" : "Start cycle"}</Button>
      </div>
    </form>
  );
}
