"use client";

import { startTransition, useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { FieldError, FormMessage } from "@/components/ui/field";
import { previewSeriesAction } from "./series-actions";

const field = "rounded border border-stone-300 px-2 py-1";
const MAX_OCCURRENCES = 104; // lib/scheduling/series-rule.ts; the server checks it again

/** The Repeat part's fields once ticked (loaded then, see ./repeat-part.tsx), and the clash check of each date. */
export function RepeatFields({ errors }: { errors: Record<string, string[]> }) {
  const [ends, setEnds] = useState<"count" | "until">("count");
  const [preview, dispatch, previewing] = useActionState(previewSeriesAction, null);
  const err = (name: string) => <FieldError name={name} error={errors[name]} />;
  const clashing = preview?.ok ? preview.data.occurrences.filter((o) => o.clashes.length > 0).length : 0;

  return (
    <>
      <label className="flex flex-col">
        Every
        <select name="everyWeeks" defaultValue="1" className={field}>
          <option value="1">Week</option>
          <option value="2">Two weeks</option>
        </select>
        {err("everyWeeks")}
      </label>
      <fieldset className="flex flex-col gap-1 sm:col-span-2">
        <legend>Ends</legend>
        <div className="flex flex-wrap items-center gap-2">
          <label className="flex items-center gap-1">
            <input type="radio" name="ends" value="count" checked={ends === "count"} onChange={() => setEnds("count")} />
            After
          </label>
          <label className="flex items-center gap-1">
            <input type="number" name="count" min={2} max={MAX_OCCURRENCES} defaultValue={12} disabled={ends !== "count"} className={`${field} w-20`} aria-label="Number of sessions" />
            sessions
          </label>
          <label className="flex items-center gap-1">
            <input type="radio" name="ends" value="until" checked={ends === "until"} onChange={() => setEnds("until")} />
            On
          </label>
          <input type="date" name="untilDate" disabled={ends !== "until"} className={field} aria-label="Last date" />
        </div>
        {err("count")}
        {err("untilDate")}
        {err("ends")}
      </fieldset>
      <div className="sm:col-span-3">
        <Button type="button" variant="secondary" disabled={previewing} onClick={(e) => { const form = e.currentTarget.form; if (form) startTransition(() => dispatch(new FormData(form))); }}>
          {previewing ? "Checking…" : "Check the dates for clashes"}
        </Button>
      </div>
      {preview && (
        <div className="sm:col-span-3" aria-live="polite" data-testid="series-preview">
          {!preview.ok ? (
            <FormMessage tone="error">
              {preview.error} {Object.values(preview.fieldErrors ?? {}).flat().join(" ")}
            </FormMessage>
          ) : (
            <>
              <p className="mb-1 font-medium" data-testid="series-preview-summary">
                {preview.data.occurrences.length} sessions; {clashing === 0 ? "no clashes: the series can be booked." : `${clashing} ${clashing === 1 ? "date clashes" : "dates clash"}: nothing will be booked until they are free.`}
              </p>
              {preview.data.general.map((g) => (
                <p key={g} className="text-red-700">{g}</p>
              ))}
              {/* Scrolls when long: focusable, so a keyboard can scroll it too. */}
              <ul className="max-h-64 overflow-y-auto rounded border border-stone-200" tabIndex={0} aria-label="The series' dates">
                {preview.data.occurrences.map((o) => (
                  <li key={o.label} className="border-b border-stone-100 px-2 py-1 last:border-0" data-testid="series-occurrence">
                    <span className="font-mono">{o.label}</span>{" "}
                    {o.clashes.length === 0 ? <span className="text-green-800">free</span> : <span className="text-red-700">{o.clashes.join(" ")}</span>}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
        </>
  );
}
