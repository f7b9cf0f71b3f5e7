"use client";

import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { useFormAction } from "@/components/ui/use-form-action";
import type { ActionResult } from "@/lib/actions/define-action";

type Result = ActionResult<{ message: string }>;

/**
 * A small form for an action that answers with a message (the dosing day, the substance log):
 * the refusal or the success above the fields, field errors handed to them, the fields cleared
 * after a success. Named by `label`, or by a visible `title` on a card of its own.
 */
export function ActionForm({
  action,
  label,
  title,
  submit,
  pendingText = "Saving…",
  hidden = {},
  variant,
  children,
}: {
  action: (previous: Result | null, form: FormData) => Promise<Result>;
  submit: string;
  pendingText?: string;
  hidden?: Record<string, string>;
  variant?: "primary" | "secondary" | "danger";
  children?: (errors: Record<string, string[]> | undefined) => ReactNode;
} & ({ label: string; title?: never } | { title: string; label?: never })) {
  const { state, pending, onSubmit, ref: form } = useFormAction(action, { resetOnSuccess: true });
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const headingId = title ? title.replace(/\W+/g, "-").toLowerCase() : undefined;
  return (
    <form
      ref={form}
      onSubmit={onSubmit}
      noValidate
      aria-label={label}
      aria-labelledby={headingId}
      className={title ? "space-y-3 rounded-lg border border-stone-200 bg-white p-4" : "space-y-3"}
    >
      {title && (
        <h3 id={headingId} className="font-semibold">
          {title}
        </h3>
      )}
      {state && !state.ok && <FormMessage tone="error">{state.error}</FormMessage>}
      {state?.ok && <FormMessage tone="success">{state.data.message}</FormMessage>}
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children?.(errors)}
      <Button type="submit" variant={variant} disabled={pending}>
        {pending ? pendingText : submit}
      </Button>
    </form>
  );
}
