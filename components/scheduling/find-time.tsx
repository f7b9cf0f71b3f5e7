"use client";

import { startTransition, useActionState, useState, type FormEvent } from "react";
import { useFormAction } from "@/components/ui/use-form-action";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { SESSION_KIND_LABELS, type SessionKindName } from "@/lib/sessions/labels";
import { bookSessionAction } from "./actions";
import { ResultMessage } from "./result-message";
import { findTimeAction, type FindTimeResult } from "./series-actions";

type Option = { id: string; name: string };
type Slot = Extract<FindTimeResult, { ok: true }>["data"]["slots"][number];

const field = "rounded border border-stone-300 px-2 py-1";

/**
 * "Find a time": the next free slots for this couple and a kind of session, each checked by the
 * protocol engine as booking it would be, each with a button that books it (the ordinary
 * booking action, so the same checks run again at that moment).
 */
export function FindTime(props: { coupleId: string; kinds: SessionKindName[]; partners: Option[]; psychiatrists: Option[]; defaultDate: string }) {
  const [kind, setKind] = useState<SessionKindName>(props.kinds[0]);
  const [found, dispatch, searching] = useActionState(findTimeAction, null);
  const [asked, setAsked] = useState<Record<string, string>>({});
  const onePartner = kind === "INTAKE" || kind === "MEDICAL_EVALUATION";
  const search = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    setAsked(Object.fromEntries([...data.entries()].map(([k, v]) => [k, String(v)])));
    startTransition(() => dispatch(data));
  };

  return (
    <section aria-labelledby="find-time-heading" className="rounded-lg border border-stone-200 bg-white p-4 text-sm">
      <h2 id="find-time-heading" className="mb-3 text-lg font-semibold">
        Find a time
      </h2>
      <form onSubmit={search} className="grid gap-3 sm:grid-cols-4" aria-label="Find a time">
        <input type="hidden" name="coupleId" value={props.coupleId} />
        <label className="flex flex-col">
          Kind of session
          <select name="kind" value={kind} onChange={(e) => setKind(e.target.value as SessionKindName)} className={field}>
            {props.kinds.map((k) => (
              <option key={k} value={k}>
                {SESSION_KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </label>
        {onePartner && (
          <label className="flex flex-col">
            For partner
            <select name="partnerId" className={field}>
              {props.partners.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
        )}
        {kind === "MEDICAL_EVALUATION" && (
          <label className="flex flex-col">
            With psychiatrist
            <select name="psychiatristId" className={field}>
              {props.psychiatrists.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
        )}
        {kind === "MEDICINE_TAKING_TURNS" && (
          <label className="flex flex-col">
            Who journeys
            <select name="journeyerId" className={field}>
              {props.partners.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="flex flex-col">
          From
          <input type="date" name="from" defaultValue={props.defaultDate} className={field} />
        </label>
        <div className="flex items-end">
          <Button type="submit" disabled={searching}>
            {searching ? "Searching…" : "Find a time"}
          </Button>
        </div>
      </form>
      {found && !found.ok && (
        <div className="mt-3">
          <FormMessage tone="error">
            {found.error} {Object.values(found.fieldErrors ?? {}).flat().join(" ")}
          </FormMessage>
        </div>
      )}
      {found?.ok && (
        <div className="mt-3" aria-live="polite">
          {found.data.slots.length === 0 ? (
            <p data-testid="find-time-none">No free time that the protocol allows in {found.data.searched}.</p>
          ) : (
            <ul className="divide-y divide-stone-100 rounded border border-stone-200" data-testid="find-time-slots">
              {found.data.slots.map((slot) => (
                <SlotRow key={`${slot.day} ${slot.time}`} slot={slot} asked={asked} />
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}

/** One slot and the button that books it (with its integration, for a medicine session). */
function SlotRow({ slot, asked }: { slot: Slot; asked: Record<string, string> }) {
  const { state, pending, onSubmit } = useFormAction(bookSessionAction);
  const label = slot.integration ? `${slot.label}; integration ${slot.integration.label}` : slot.label;
  return (
    <li className="flex flex-wrap items-center gap-3 px-3 py-2" data-testid="find-time-slot">
      <span className="font-mono">{label}</span>
      <form onSubmit={onSubmit} aria-label={`Book ${label}`}>
        <input type="hidden" name="coupleId" value={asked.coupleId ?? ""} />
        <input type="hidden" name="kind" value={asked.kind ?? ""} />
        <input type="hidden" name="date" value={slot.day} />
        <input type="hidden" name="time" value={slot.time} />
        <input type="hidden" name="roomId" value={slot.roomId ?? "telehealth"} />
        <input type="hidden" name="partnerId" value={asked.partnerId ?? ""} />
        <input type="hidden" name="journeyerId" value={asked.journeyerId ?? ""} />
        <input type="hidden" name="psychiatristId" value={asked.psychiatristId ?? ""} />
        {slot.integration && (
          <>
            <input type="hidden" name="integrationDate" value={slot.integration.day} />
            <input type="hidden" name="integrationTime" value={slot.integration.time} />
            <input type="hidden" name="integrationRoomId" value={slot.integration.roomId ?? ""} />
          </>
        )}
        <Button variant="secondary" className="px-2 py-1 text-xs" disabled={pending || state?.ok === true} aria-label={`Book ${label}`}>
          {state?.ok ? "Booked" : pending ? "Booking…" : "Book"}
        </Button>
      </form>
      <ResultMessage state={state} />
    </li>
  );
}
