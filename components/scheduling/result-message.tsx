import { FormMessage } from "@/components/ui/field";
import type { ScheduleResult } from "./actions";

/** What an action said: the refusal with its rule ids, or the success and any P7 notices. */
export function ResultMessage({ state }: { state: ScheduleResult | null }) {
  if (!state) return null;
  if (!state.ok) {
    const fields = Object.values(state.fieldErrors ?? {}).flat();
    return (
      <FormMessage tone="error">
        <span data-testid="schedule-error">{state.error}</span>
        {fields.length > 0 && (
          <ul className="mt-1 list-disc pl-5">
            {fields.map((f) => (
              <li key={f}>{f}</li>
            ))}
          </ul>
        )}
      </FormMessage>
    );
  }
  return (
    <FormMessage tone="success">
      {state.data.message}
      {state.data.notices.map((n) => (
        <span key={n} className="mt-1 block text-amber-800">
          Notice: {n}
        </span>
      ))}
    </FormMessage>
  );
}
