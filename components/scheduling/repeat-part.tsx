"use client";

import { lazy, Suspense, useState } from "react";
import { useFormAction } from "@/components/ui/use-form-action";
import { bookSeriesAction } from "./series-actions";

// The repeat fields and the clash check are loaded once Repeat is ticked, so the pages with a
// booking form (the couple page, the board) keep their first-load JavaScript within budget.
// (React's lazy, not next/dynamic, whose own runtime costs the first load more than it saves.)
const RepeatFields = lazy(() => import("./repeat-fields").then((m) => ({ default: m.RepeatFields })));

/** The booking form's submit when Repeat is ticked: the whole series, all or nothing. */
export function useSeriesBooking() {
  const [repeat, setRepeat] = useState(false);
  return { repeat, setRepeat, ...useFormAction(bookSeriesAction) };
}

/**
 * The "Repeat" part of the couples-therapy booking form: every week or two, until a date or for
 * a number of sessions, and a check of each date's clashes before anything is booked.
 */
export function RepeatPart({ repeat, onRepeat, errors }: { repeat: boolean; onRepeat: (on: boolean) => void; errors: Record<string, string[]> }) {
  return (
    <fieldset className="grid gap-3 rounded border border-stone-200 p-3 sm:col-span-3 sm:grid-cols-3">
      <legend className="px-1 text-stone-700">Repeat</legend>
      <label className="flex items-center gap-2 sm:col-span-3">
        <input type="checkbox" checked={repeat} onChange={(e) => onRepeat(e.target.checked)} />
        Repeat this session (same time each week or two, at the clinic’s local time)
      </label>
      {repeat && (
        <Suspense fallback={<p className="sm:col-span-3">Loading…</p>}>
          <RepeatFields errors={errors} />
        </Suspense>
      )}
    </fieldset>
  );
}
