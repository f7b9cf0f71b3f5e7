"use client";

import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { useFormAction } from "@/components/ui/use-form-action";
import { MeasureItems, type InstrumentForm } from "@/components/measures/measure-items";
import { submitMeasureLinkAction } from "../../actions";

/**
 * The partner's questionnaires from a one-time link. A refusal keeps every answer chosen and
 * marks the items still to answer; once sent, the page thanks them and shows nothing more.
 */
export function LinkAnswersForm({ token, clinicName, instruments }: { token: string; clinicName: string; instruments: InstrumentForm[] }) {
  const { state, pending, onSubmit, ref } = useFormAction(submitMeasureLinkAction);
  if (state?.ok) {
    return (
      <div role="status" data-testid="link-thanks" className="mt-6 rounded-lg border border-emerald-200 bg-emerald-50 p-6 text-emerald-900">
        <h2 className="text-lg font-semibold">Thank you</h2>
        <p className="mt-1 text-sm">Your answers have been sent to {clinicName}. You can close this page.</p>
      </div>
    );
  }
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form ref={ref} onSubmit={onSubmit} noValidate aria-label="Your questionnaires" className="mt-6 space-y-8">
      {state && !state.ok && <FormMessage tone="error">{state.error}</FormMessage>}
      <input type="hidden" name="token" value={token} />
      {instruments.map((instrument) => (
        <div key={instrument.id} className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
          <MeasureItems instrument={instrument} errors={errors} idPrefix="link" />
        </div>
      ))}
      {state && !state.ok && <FormMessage tone="error">{state.error}</FormMessage>}
      <Button type="submit" disabled={pending} className="w-full sm:w-auto">
        {pending ? "Sending…" : "Send my answers"}
      </Button>
    </form>
  );
}
