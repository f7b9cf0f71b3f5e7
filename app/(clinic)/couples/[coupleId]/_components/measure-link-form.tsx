"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ChoiceGroup, FormMessage, SelectField } from "@/components/ui/field";
import { useFormAction } from "@/components/ui/use-form-action";
import { makeMeasureLinkAction } from "../measure-actions";

export type LinkPartner = { id: string; name: string; due: string[] };

/**
 * "Make a link": a one-time link for the partner to fill in the chosen measures without an
 * account. The link is shown here once, with a button to copy it; it is not stored and cannot be
 * shown again.
 */
export function MeasureLinkForm({ partners, instruments }: { partners: LinkPartner[]; instruments: { id: string; name: string }[] }) {
  const { state, pending, onSubmit, ref } = useFormAction(makeMeasureLinkAction);
  const [partnerId, setPartnerId] = useState(partners[0]?.id ?? "");
  const [copied, setCopied] = useState(false);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const partner = partners.find((p) => p.id === partnerId);
  const link = state?.ok ? new URL(state.data.path, window.location.origin).href : null;
  const copy = () => {
    if (!link) return;
    navigator.clipboard.writeText(link).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <form ref={ref} onSubmit={onSubmit} noValidate aria-label="Make a link" className="space-y-4 p-2">
      <p className="text-sm text-stone-600">The partner answers from their own device, without an account. The link works once and expires after 7 days.</p>
      {state && !state.ok && <FormMessage tone="error">{state.error}</FormMessage>}
      {state?.ok && link && (
        <div role="status" className="space-y-2 rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900" data-testid="measure-link">
          <p>
            Link made for {state.data.partnerName}; it works once, until {state.data.expires}.
            Copy it now: it is not shown again.
          </p>
          <div className="flex gap-2">
            <label htmlFor="measure-link-url" className="sr-only">
              The link
            </label>
            <input id="measure-link-url" readOnly value={link} className="w-full rounded-md border border-stone-300 bg-white px-2 py-1 font-mono text-xs" onFocus={(e) => e.currentTarget.select()} />
            <Button type="button" variant="secondary" onClick={copy}>
              {copied ? "Copied" : "Copy"}
            </Button>
          </div>
        </div>
      )}
      <SelectField
        label="Partner"
        name="clientId"
        value={partnerId}
        onChange={(e) => {
          setPartnerId(e.target.value);
          setCopied(false);
        }}
        options={partners.map((p) => ({ value: p.id, label: p.name }))}
        error={errors?.clientId}
      />
      <ChoiceGroup
        key={partnerId}
        legend={partner && partner.due.length > 0 ? "Measures (those due now are ticked)" : "Measures"}
        name="instruments"
        type="checkbox"
        options={instruments.map((i) => ({ value: i.id, label: i.name }))}
        defaultValue={partner?.due}
        error={errors?.instruments}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Making…" : "Make a link"}
      </Button>
    </form>
  );
}
