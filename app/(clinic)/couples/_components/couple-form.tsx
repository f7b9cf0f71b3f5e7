"use client";

import { useFormAction } from "@/components/ui/use-form-action";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { FormMessage, TextField } from "@/components/ui/field";
import type { ActionResult } from "@/lib/actions/define-action";

type Option = { id: string; name: string };
type PartnerValues = { firstName: string; lastName: string; email: string | null; phone: string | null; remindersOptOut: boolean };
export type CoupleValues = {
  coupleId: string;
  partnerA: PartnerValues;
  partnerB: PartnerValues;
  couplesTherapistId: string;
  partnerAKapTherapistId: string;
  partnerBKapTherapistId: string;
};

/** Both partners, their contact details and their therapists: adds a couple, or edits one (`initial`). */
export function CoupleForm({
  therapists,
  action: submit,
  initial,
}: {
  therapists: Option[];
  action: (previous: ActionResult<{ coupleId: string }> | null, form: FormData) => Promise<ActionResult<{ coupleId: string }>>;
  initial?: CoupleValues;
}) {
  const { state, pending, onSubmit } = useFormAction(submit);
  const errors = state && !state.ok ? state.fieldErrors ?? {} : {};
  const select = (name: string, label: string) => (
    <label className="flex flex-col text-sm font-medium text-stone-800">
      {label}
      <select
        name={name}
        defaultValue={initial?.[name as "couplesTherapistId"]}
        className="mt-1 rounded-md border border-stone-300 px-3 py-2 font-normal"
        aria-invalid={errors[name] ? true : undefined}
      >
        {therapists.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
          </option>
        ))}
      </select>
      {errors[name] && <span className="mt-1 font-normal text-red-700">{errors[name].join(" ")}</span>}
    </label>
  );
  const partner = (p: "partnerA" | "partnerB", title: string) => (
    <fieldset className="grid gap-3 rounded-lg border border-stone-200 bg-white p-4 sm:grid-cols-2">
      <legend className="px-1 font-semibold">{title}</legend>
      <TextField label="First name" name={`${p}.firstName`} defaultValue={initial?.[p].firstName} required error={errors[`${p}.firstName`]} autoComplete="off" />
      <TextField label="Last name" name={`${p}.lastName`} defaultValue={initial?.[p].lastName} required error={errors[`${p}.lastName`]} autoComplete="off" />
      <TextField label="Email" name={`${p}.email`} defaultValue={initial?.[p].email ?? ""} type="email" error={errors[`${p}.email`]} autoComplete="off" />
      <TextField label="Phone" name={`${p}.phone`} defaultValue={initial?.[p].phone ?? ""} type="tel" error={errors[`${p}.phone`]} autoComplete="off" />
      <label className="flex items-center gap-2 text-sm sm:col-span-2">
        <input type="checkbox" name={`${p}.remindersOptOut`} defaultChecked={initial?.[p].remindersOptOut ?? false} className="h-4 w-4" />
        No email reminders (appointment reminders and preparation messages)
      </label>
      {select(`${p}KapTherapistId`, `${title}'s KAP therapist`)}
    </fieldset>
  );

  if (state?.ok) {
    return (
      <FormMessage tone="success">
        {initial ? "Couple updated." : "Couple added."} <Link className="underline" href={`/couples/${state.data.coupleId}`}>Open their page</Link>
      </FormMessage>
    );
  }
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {state && !state.ok && <FormMessage tone="error">{state.error}</FormMessage>}
      {initial && <input type="hidden" name="coupleId" value={initial.coupleId} />}
      {partner("partnerA", "First partner")}
      {partner("partnerB", "Second partner")}
      <div className="max-w-sm">{select("couplesTherapistId", "Couple's therapist")}</div>
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : initial ? "Save changes" : "Add couple"}
      </Button>
    </form>
  );
}
