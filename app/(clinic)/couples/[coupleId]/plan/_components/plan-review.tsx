"use client";

import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { useFormAction } from "@/components/ui/use-form-action";
import { bookPlanAction } from "../actions";

export type ReviewRow = {
  step: string;
  kind: string;
  kindLabel: string;
  date: string;
  time: string;
  roomId: string | null;
  partnerIds: string[];
  clinicianIds: string[];
  who: string;
  journeyerId: string | null;
  medicineIndex: number | null;
  isMedicine: boolean;
  /** Partners and clinicians (P9's head count): no room smaller is offered. */
  people: number;
};

const field = "rounded border border-stone-300 px-2 py-1";

/**
 * The proposed plan, each session's day, time and room editable; booked all at once or not at all.
 * Each session is offered only the rooms it may use (P9): in use, big enough for its people, and
 * dosing-equipped for a medicine session.
 */
export function PlanReview({ coupleId, rows, rooms }: { coupleId: string; rows: ReviewRow[]; rooms: { id: string; name: string; dosingEquipped: boolean; capacity: number }[] }) {
  const { state, pending, onSubmit } = useFormAction(bookPlanAction);
  return (
    <form onSubmit={onSubmit} aria-label="Review the plan" className="space-y-3">
      <input type="hidden" name="coupleId" value={coupleId} />
      {state && !state.ok && (
        <FormMessage tone="error">
          <span data-testid="plan-error">{state.error}</span>
        </FormMessage>
      )}
      <table className="w-full rounded-lg border border-stone-200 bg-white text-sm">
        <caption className="sr-only">Proposed sessions</caption>
        <thead className="bg-stone-100 text-left">
          <tr>
            <th scope="col" className="px-3 py-2">Session</th>
            <th scope="col" className="px-3 py-2">Who</th>
            <th scope="col" className="px-3 py-2">Date</th>
            <th scope="col" className="px-3 py-2">Start</th>
            <th scope="col" className="px-3 py-2">Room</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {rows.map((row, i) => (
            <tr key={i} data-testid="plan-row">
              <th scope="row" className="px-3 py-2 text-left font-medium">
                {row.step}
                <span className="block text-xs font-normal text-stone-600">{row.kindLabel}</span>
                <input type="hidden" name={`rows.${i}.kind`} value={row.kind} />
                <input type="hidden" name={`rows.${i}.partnerIds`} value={row.partnerIds.join(",")} />
                <input type="hidden" name={`rows.${i}.clinicianIds`} value={row.clinicianIds.join(",")} />
                <input type="hidden" name={`rows.${i}.journeyerId`} value={row.journeyerId ?? ""} />
                <input type="hidden" name={`rows.${i}.medicineIndex`} value={row.medicineIndex ?? ""} />
              </th>
              <td className="px-3 py-2">{row.who}</td>
              <td className="px-3 py-2">
                <input type="date" name={`rows.${i}.date`} defaultValue={row.date} aria-label={`Date of ${row.step}`} className={field} />
              </td>
              <td className="px-3 py-2">
                <input type="time" name={`rows.${i}.time`} defaultValue={row.time} step={900} aria-label={`Start of ${row.step}`} className={field} />
              </td>
              <td className="px-3 py-2">
                <select name={`rows.${i}.roomId`} defaultValue={row.roomId ?? "telehealth"} aria-label={`Room for ${row.step}`} className={field}>
                  {row.kind === "MEDICAL_EVALUATION" && <option value="telehealth">Telehealth</option>}
                  {rooms.filter((r) => (!row.isMedicine || r.dosingEquipped) && r.capacity >= row.people).map((r) => (
                    <option key={r.id} value={r.id}>
                      {r.name}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Button type="submit" disabled={pending}>
        {pending ? "Booking…" : `Book the whole plan (${rows.length} sessions)`}
      </Button>
    </form>
  );
}
