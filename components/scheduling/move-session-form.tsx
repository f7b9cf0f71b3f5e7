"use client";

import { useEffect, useRef, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { integrationWindowWords } from "@/lib/protocol/labels";
import type { MovePreview } from "@/lib/scheduling/preview-move";
import { moveSessionAction, type ScheduleResult } from "./actions";
import { previewMoveAction } from "./preview-move-action";
import { ResultMessage } from "./result-message";

export type MoveRoom = { id: string; name: string; dosingEquipped: boolean };
export type MovePlace = { date: string; time: string; roomId: string | null };
type PreviewResult = Awaited<ReturnType<typeof previewMoveAction>>;

/**
 * Moving a session (issue 14): the new date, time and room, then the protocol's verdict on that
 * place before anything is saved (previewMoveAction runs the move and rolls it back), then the
 * move on the user's word. A medicine session whose integration would leave its window (P4) is
 * offered the integration's new place, and moves with it. The board's drop opens this form with
 * the dropped place filled in and checked at once; the session panel's "Move…" opens it empty of
 * a verdict, for keyboard users.
 */
export function MoveSessionForm({
  sessionId,
  label,
  rooms,
  initial,
  integration = null,
  integrationWindow,
  checkAtOnce = false,
  isMedicine = false,
  onMoved,
}: {
  sessionId: string;
  /** "Couples therapy on Tue 3 Mar": names the form for assistive technology. */
  label: string;
  rooms: MoveRoom[];
  initial: MovePlace;
  /** A medicine session's live integration, where it is now. */
  integration?: { date: string; time: string } | null;
  integrationWindow: { min: number; max: number };
  /** Ask for the verdict as soon as the form opens (a drop on the board). */
  checkAtOnce?: boolean;
  /** Offer only dosing rooms (P9). */
  isMedicine?: boolean;
  onMoved?: (message: string) => void;
}) {
  const [place, setPlace] = useState(initial);
  const [withIntegration, setWithIntegration] = useState(false);
  const [integrationPlace, setIntegrationPlace] = useState(integration ?? { date: "", time: "" });
  const [preview, setPreview] = useState<PreviewResult | null>(null);
  const [saved, setSaved] = useState<ScheduleResult | null>(null);
  const [pending, startTransition] = useTransition();
  const showIntegration = integration !== null || (preview?.ok === true && preview.data.integration !== null);

  const fields = () => {
    const form = new FormData();
    form.set("sessionId", sessionId);
    form.set("date", place.date);
    form.set("time", place.time);
    form.set("roomId", place.roomId ?? "");
    if (withIntegration) {
      form.set("integrationDate", integrationPlace.date);
      form.set("integrationTime", integrationPlace.time);
    }
    return form;
  };

  const check = (form = fields()) =>
    startTransition(async () => {
      setSaved(null);
      const result = await previewMoveAction(null, form);
      // The integration's proposed place, taken up at once: the verdict then shown is on moving both.
      if (result.ok && result.data.integration && !form.has("integrationDate")) {
        const proposal = result.data.integration;
        setWithIntegration(true);
        setIntegrationPlace({ date: proposal.date, time: proposal.time });
      }
      setPreview(result);
    });

  const move = () =>
    startTransition(async () => {
      const result = await moveSessionAction(null, fields());
      // Saved, or refused after all (someone took the place since the verdict): the verdict is spent either way.
      setSaved(result);
      setPreview(null);
      if (result.ok) onMoved?.(result.data.message);
    });

  // A drop asks at once. Later edits make the verdict stale: it must be asked again.
  const asked = useRef(false);
  useEffect(() => {
    if (checkAtOnce && !asked.current) {
      asked.current = true;
      check();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, on opening
  }, []);
  const edit = <T,>(set: (value: T) => void) => (value: T) => {
    set(value);
    setPreview(null);
    setSaved(null);
  };

  const verdict = verdictShown(preview, withIntegration);

  const roomChoices = rooms.filter((r) => !isMedicine || r.dosingEquipped || r.id === place.roomId);
  return (
    <form
      className="grid gap-2 rounded border border-stone-200 bg-stone-50 p-3 text-sm sm:grid-cols-3"
      aria-label={`Move ${label}`}
      onSubmit={(event) => {
        event.preventDefault();
        check();
      }}
    >
      <label className="flex flex-col">
        New date
        <input type="date" name="date" value={place.date} required onChange={(e) => edit(setPlace)({ ...place, date: e.target.value })} className="rounded border border-stone-300 bg-white px-2 py-1" />
      </label>
      <label className="flex flex-col">
        New start time
        <input type="time" name="time" value={place.time} step={900} required onChange={(e) => edit(setPlace)({ ...place, time: e.target.value })} className="rounded border border-stone-300 bg-white px-2 py-1" />
      </label>
      <label className="flex flex-col">
        Room
        <select name="roomId" value={place.roomId ?? ""} onChange={(e) => edit(setPlace)({ ...place, roomId: e.target.value || null })} className="rounded border border-stone-300 bg-white px-2 py-1">
          {initial.roomId === null && <option value="">Telehealth (no room)</option>}
          {roomChoices.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </select>
      </label>
      {showIntegration && (
        <fieldset className="grid gap-2 sm:col-span-3 sm:grid-cols-2">
          <legend className="text-stone-700">Its integration (P4: {integrationWindowWords(integrationWindow)} after the medicine session, on a day the clinic is open).</legend>
          <label className="flex items-center gap-2 sm:col-span-2">
            <input type="checkbox" checked={withIntegration} onChange={(e) => edit(setWithIntegration)(e.target.checked)} className="h-4 w-4" />
            Move its integration too
          </label>
          <label className="flex flex-col">
            Integration date
            <input type="date" name="integrationDate" value={integrationPlace.date} disabled={!withIntegration} onChange={(e) => edit(setIntegrationPlace)({ ...integrationPlace, date: e.target.value })} className="rounded border border-stone-300 bg-white px-2 py-1" />
          </label>
          <label className="flex flex-col">
            Integration start time
            <input type="time" name="integrationTime" value={integrationPlace.time} step={900} disabled={!withIntegration} onChange={(e) => edit(setIntegrationPlace)({ ...integrationPlace, time: e.target.value })} className="rounded border border-stone-300 bg-white px-2 py-1" />
          </label>
        </fieldset>
      )}
      <div className="flex flex-wrap gap-2 sm:col-span-3">
        <Button disabled={pending}>{pending && !verdict ? "Checking…" : "Move session"}</Button>
      </div>
      <div className="space-y-2 sm:col-span-3" aria-live="polite">
        {preview && !preview.ok && <ResultMessage state={preview} />}
        {preview?.ok && verdict && (
          <div className="space-y-2 rounded-md border border-stone-300 bg-white p-3" data-testid="move-verdict">
            <p className="font-medium">{preview.data.question}</p>
            {preview.data.integration && withIntegration && (
              <p>
                Its integration must move with it (P4): proposed for {preview.data.integration.words}.
              </p>
            )}
            {verdict.ok ? (
              <>
                <p className="text-emerald-800">The protocol allows this move.</p>
                {verdict.notices.map((n) => (
                  <p key={n} className="text-amber-800">
                    Notice: {n}
                  </p>
                ))}
                {/* The confirmation, next after the verdict in the tab order. */}
                <Button type="button" autoFocus disabled={pending} onClick={move}>
                  {pending ? "Moving…" : "Yes, move it"}
                </Button>
              </>
            ) : (
              <FormMessage tone="error">
                <span data-testid="schedule-error">{verdict.error}</span>
                <span className="mt-1 block">Nothing was moved.</span>
              </FormMessage>
            )}
          </div>
        )}
        <ResultMessage state={saved} />
      </div>
    </form>
  );
}

/** The verdict on what "Yes, move it" would send: the session alone, or with the integration's proposed place. */
function verdictShown(preview: PreviewResult | null, withIntegration: boolean): MovePreview["verdict"] | null {
  if (!preview?.ok) return null;
  const { verdict, integration } = preview.data;
  return integration && withIntegration ? integration.verdict : verdict;
}
