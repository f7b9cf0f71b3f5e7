"use client";

import { useFormAction } from "@/components/ui/use-form-action";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { isMedicine } from "@/lib/protocol/cycle";
import { integrationWindowWords } from "@/lib/protocol/labels";
import { SESSION_KIND_LABELS, type SessionKindName } from "@/lib/sessions/labels";
import { bookSessionAction } from "./actions";
import { ResultMessage } from "./result-message";

type Option = { id: string; name: string };
type Room = Option & { dosingEquipped: boolean };

const field = "rounded border border-stone-300 px-2 py-1";

/** Book one session for a couple; a medicine session is booked together with its integration (P4). */
export function BookSessionForm(props: {
  /** A fixed couple (the couple's page), or a choice of couples (the room calendar). */
  coupleId?: string;
  couples?: Option[];
  partners: Option[];
  rooms: Room[];
  psychiatrists: Option[];
  kinds: SessionKindName[];
  defaultDate: string;
  defaultKind?: SessionKindName;
  defaultRoomId?: string;
  defaultTime?: string;
  /** The clinic's integration window (P4), in days after the medicine session. */
  integrationWindow: { min: number; max: number };
}) {
  const [kind, setKind] = useState<SessionKindName>(props.defaultKind ?? props.kinds[0]);
  const { state, pending, onSubmit } = useFormAction(bookSessionAction);
  const medicine = isMedicine({ kind });
  const onePartner = kind === "INTAKE" || kind === "MEDICAL_EVALUATION";
  const rooms = medicine ? props.rooms.filter((r) => r.dosingEquipped) : props.rooms;
  const errors = state && !state.ok ? state.fieldErrors ?? {} : {};
  const err = (name: string) =>
    errors[name] ? (
      <span className="text-red-700" data-testid={`error-${name}`}>
        {errors[name].join(" ")}
      </span>
    ) : null;

  return (
    <form onSubmit={onSubmit} className="grid gap-3 rounded-lg border border-stone-200 bg-white p-4 text-sm sm:grid-cols-3" aria-labelledby="book-heading">
      <h2 id="book-heading" className="text-lg font-semibold sm:col-span-3">
        Book a session
      </h2>
      {props.coupleId ? (
        <input type="hidden" name="coupleId" value={props.coupleId} />
      ) : (
        <label className="flex flex-col">
          Couple
          <select name="coupleId" className={field} required>
            {(props.couples ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
          {err("coupleId")}
        </label>
      )}
      <label className="flex flex-col">
        Kind of session
        <select name="kind" value={kind} onChange={(e) => setKind(e.target.value as SessionKindName)} className={field}>
          {props.kinds.map((k) => (
            <option key={k} value={k}>
              {SESSION_KIND_LABELS[k]}
            </option>
          ))}
        </select>
        {err("kind")}
      </label>
      <label className="flex flex-col">
        Date
        <input type="date" name="date" defaultValue={props.defaultDate} required className={field} />
        {err("date")}
      </label>
      <label className="flex flex-col">
        Start time
        <input type="time" name="time" defaultValue={props.defaultTime ?? "10:00"} step={900} required className={field} />
        {err("time")}
      </label>
      <label className="flex flex-col">
        Room
        <select name="roomId" defaultValue={props.defaultRoomId} key={kind} className={field}>
          {kind === "MEDICAL_EVALUATION" && <option value="telehealth">Telehealth (no room)</option>}
          {rooms.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
              {r.dosingEquipped ? " (dosing)" : ""}
            </option>
          ))}
        </select>
        {err("roomId")}
      </label>
      {onePartner && (
        <label className="flex flex-col">
          Partner
          <select name="partnerId" className={field}>
            {props.partners.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
          {err("partnerId")}
        </label>
      )}
      {kind === "MEDICAL_EVALUATION" && (
        <label className="flex flex-col">
          Psychiatrist
          <select name="psychiatristId" className={field}>
            {props.psychiatrists.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
          {err("psychiatristId")}
        </label>
      )}
      {kind === "MEDICINE_TAKING_TURNS" && (
        <label className="flex flex-col">
          Journeyer (the other partner sits)
          <select name="journeyerId" className={field}>
            {props.partners.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
          {err("journeyerId")}
        </label>
      )}
      {medicine && (
        <fieldset className="grid gap-3 sm:col-span-3 sm:grid-cols-3">
          <legend className="mb-1 text-stone-700">Its integration session (P4: {integrationWindowWords(props.integrationWindow)} after the medicine session, on a day the clinic is open)</legend>
          <label className="flex flex-col">
            Integration date
            <input type="date" name="integrationDate" className={field} />
            {err("integrationDate")}
          </label>
          <label className="flex flex-col">
            Integration start time
            <input type="time" name="integrationTime" defaultValue="10:00" step={900} className={field} />
            {err("integrationTime")}
          </label>
          <label className="flex flex-col">
            Integration room
            <select name="integrationRoomId" className={field}>
              {props.rooms.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
            </select>
            {err("integrationRoomId")}
          </label>
        </fieldset>
      )}
      <div className="sm:col-span-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Booking…" : medicine ? "Book medicine session and integration" : "Book session"}
        </Button>
      </div>
      <div className="sm:col-span-3" aria-live="polite">
        <ResultMessage state={state} />
      </div>
    </form>
  );
}
