"use client";

import { useFormAction } from "@/components/ui/use-form-action";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field";
import type { CoupleChoice } from "@/lib/couples/search-couples";
import { isMedicine } from "@/lib/protocol/cycle";
import { integrationWindowWords } from "@/lib/protocol/labels";
import { SESSION_KIND_LABELS, type SessionKindName } from "@/lib/sessions/labels";
import { bookSessionAction } from "./actions";
import { CouplePicker } from "./couple-picker";
import { ALL_KINDS, endOf, firstOpenWindowDay, kindsFor } from "./booking-defaults";
import { RepeatPart, useSeriesBooking } from "./repeat-part";
import { ResultMessage } from "./result-message";

type Option = { id: string; name: string };
type Room = Option & { dosingEquipped: boolean };
type Partner = Option & { kapTherapist?: string };

const field = "rounded border border-stone-300 px-2 py-1";

/** Book one session for a couple; a medicine session is booked together with its integration (P4). */
export function BookSessionForm(props: {
  /** A fixed couple (the couple's page), or none: the couple is searched for (the board). */
  coupleId?: string;
  /** With no fixed couple: the couple already chosen (the board's couple filter), if any. */
  initialCouple?: CoupleChoice | null;
  partners: Partner[];
  /** The couple's therapist, to say who the session is with. */
  couplesTherapist?: string;
  rooms: Room[];
  psychiatrists: Option[];
  kinds: SessionKindName[];
  defaultDate: string;
  defaultKind?: SessionKindName;
  defaultRoomId?: string;
  defaultTime?: string;
  /** The clinic's integration window (P4), in days after the medicine session. */
  integrationWindow: { min: number; max: number };
  /** Each kind's length (the clinic's settings), to show when the session ends. */
  sessionMinutes?: Record<SessionKindName, number>;
  /** The clinic's open weekdays and closed dates, to propose the integration's first open day. */
  openDays?: { weekdays: readonly number[]; closed?: readonly string[] };
}) {
  const picking = !props.coupleId;
  const [couple, setCouple] = useState<CoupleChoice | null>(props.initialCouple ?? null);
  const kinds = picking ? (couple ? kindsFor(couple.model) : ALL_KINDS) : props.kinds;
  const [chosenKind, setKind] = useState<SessionKindName>(props.defaultKind ?? kinds[0]);
  const kind = kinds.includes(chosenKind) ? chosenKind : kinds[0];
  const [date, setDate] = useState(props.defaultDate);
  const [time, setTime] = useState(props.defaultTime ?? "10:00");
  // The integration's date follows the medicine session's until the user sets it.
  const [integrationDate, setIntegrationDate] = useState<string | null>(null);
  const single = useFormAction(bookSessionAction);
  // Couples therapy with Repeat ticked books the whole series instead, all or nothing (./repeat-part.tsx).
  const series = useSeriesBooking();
  const repeating = kind === "COUPLES_THERAPY" && series.repeat;
  const { state, pending, onSubmit } = repeating ? series : single;
  const medicine = isMedicine({ kind });
  const onePartner = kind === "INTAKE" || kind === "MEDICAL_EVALUATION";
  const rooms = medicine ? props.rooms.filter((r) => r.dosingEquipped) : props.rooms;
  const therapyRooms = props.rooms.filter((r) => !r.dosingEquipped);
  const partners: Partner[] = picking ? (couple?.partners ?? []) : props.partners;
  const therapist = picking ? couple?.couplesTherapist : props.couplesTherapist;
  const [partnerId, setPartnerId] = useState<string>("");
  const partner = partners.find((p) => p.id === partnerId) ?? partners[0];
  const minutes = props.sessionMinutes?.[kind];
  const ends = minutes ? endOf(time, minutes) : null;
  const proposedIntegration = props.openDays ? firstOpenWindowDay(date, props.integrationWindow, props.openDays) : "";
  const errors = state && !state.ok ? state.fieldErrors ?? {} : {};
  const err = (name: string) => <FieldError name={name} error={errors[name]} />;
  // Who the session is with, as draftBooking will pick: an intake with that partner's KAP
  // therapist, an evaluation with the psychiatrist chosen below, the rest with the couple's therapist.
  const withWhom = kind === "MEDICAL_EVALUATION" ? null : kind === "INTAKE" ? partner?.kapTherapist : therapist;

  return (
    <form onSubmit={onSubmit} className="grid gap-3 rounded-lg border border-stone-200 bg-white p-4 text-sm sm:grid-cols-3" aria-labelledby="book-heading">
      <h2 id="book-heading" className="text-lg font-semibold sm:col-span-3">
        Book a session
      </h2>
      {props.coupleId ? (
        <input type="hidden" name="coupleId" value={props.coupleId} />
      ) : (
        <CouplePicker name="coupleId" label="Couple" initial={props.initialCouple} onChoose={setCouple} error={errors.coupleId?.join(" ")} />
      )}
      <label className="flex flex-col">
        Kind of session
        <select name="kind" value={kind} onChange={(e) => setKind(e.target.value as SessionKindName)} className={field}>
          {kinds.map((k) => (
            <option key={k} value={k}>
              {SESSION_KIND_LABELS[k]}
            </option>
          ))}
        </select>
        {err("kind")}
      </label>
      <label className="flex flex-col">
        Date
        <input type="date" name="date" value={date} onChange={(e) => setDate(e.target.value)} required className={field} />
        {err("date")}
      </label>
      <label className="flex flex-col">
        Start time
        <input type="time" name="time" value={time} onChange={(e) => setTime(e.target.value)} step={900} required className={field} />
        {err("time")}
      </label>
      {minutes !== undefined && (
        <p className="flex flex-col justify-end" data-testid="session-ends">
          {ends ? `Ends at ${ends} (${minutes} min)` : `Lasts ${minutes} min`}
        </p>
      )}
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
          <select name="partnerId" value={partner?.id ?? ""} onChange={(e) => setPartnerId(e.target.value)} className={field}>
            {partners.map((p) => (
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
            {partners.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
          {err("journeyerId")}
        </label>
      )}
      {withWhom && (
        <p className="flex flex-col justify-end" data-testid="session-clinician">
          With {withWhom}
        </p>
      )}
      {medicine && (
        <fieldset className="grid gap-3 sm:col-span-3 sm:grid-cols-3">
          <legend className="mb-1 text-stone-700">Its integration session (P4: {integrationWindowWords(props.integrationWindow)} after the medicine session, on a day the clinic is open)</legend>
          <label className="flex flex-col">
            Integration date
            <input type="date" name="integrationDate" value={integrationDate ?? proposedIntegration} onChange={(e) => setIntegrationDate(e.target.value)} className={field} />
            {err("integrationDate")}
          </label>
          <label className="flex flex-col">
            Integration start time
            <input type="time" name="integrationTime" defaultValue={props.defaultTime ?? "10:00"} step={900} className={field} />
            {err("integrationTime")}
          </label>
          <label className="flex flex-col">
            Integration room
            <select name="integrationRoomId" defaultValue={(therapyRooms[0] ?? props.rooms[0])?.id} className={field}>
              {props.rooms.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
            </select>
            {err("integrationRoomId")}
          </label>
          {props.sessionMinutes && (
            <p className="sm:col-span-3" data-testid="integration-ends">
              The integration lasts {props.sessionMinutes.INTEGRATION} min.
            </p>
          )}
        </fieldset>
      )}
      {kind === "COUPLES_THERAPY" && <RepeatPart repeat={series.repeat} onRepeat={series.setRepeat} errors={errors} />}
      <div className="sm:col-span-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Booking…" : repeating ? "Book the series" : medicine ? "Book medicine session and integration" : "Book session"}
        </Button>
      </div>
      <div className="sm:col-span-3" aria-live="polite">
        <ResultMessage state={state} />
      </div>
    </form>
  );
}
