"use client";

import { useCallback, useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage, TextAreaField, TextField } from "@/components/ui/field";
import type { ActionResult } from "@/lib/actions/define-action";
import { saveNoteDraftAction, signNoteAction } from "../actions";

// The note's editor (P13): the author's draft, saved on the server as they type (a pause of
// AUTOSAVE_MS) and with "Save draft", one save at a time so an older text never lands after a
// newer one. Until the server confirms, the text is also kept in this browser (localStorage), so
// a refusal, a reload, a lost connection or an ended sign-in loses nothing: it is restored on
// the next visit. Signing asks for confirmation and sends the text on screen with it.

type Field = { key: string; label: string; hint?: string; required: boolean; max: number; rows: number };
type Values = { fields: Record<string, string>; insights: string[] };
type LocalCopy = Values & { base: string | null };
type Status = { kind: "saved"; at: string } | { kind: "never" } | { kind: "dirty" } | { kind: "saving" } | { kind: "retrying"; why?: string } | { kind: "refused"; why: string } | { kind: "restored" };

const AUTOSAVE_MS = 1_200;
const RETRY_MS = [2_000, 4_000, 8_000, 15_000, 30_000];
const keyOf = (sessionId: string) => `kap-note-draft:${sessionId}`;
const same = (a: Values, b: Values) => JSON.stringify(a) === JSON.stringify(b);

/** Refusals that may pass on a later try: a dropped sign-in, a busy or unreachable server. */
function retryable(result: ActionResult<unknown>): boolean {
  if (result.ok || result.fieldErrors || result.rules?.length) return false;
  return /session has ended|Something went wrong|could not be reached|at the same moment/.test(result.error);
}

function readLocal(sessionId: string): LocalCopy | null {
  try {
    const raw = window.localStorage.getItem(keyOf(sessionId));
    const copy = raw ? (JSON.parse(raw) as LocalCopy) : null;
    return copy && typeof copy.fields === "object" && Array.isArray(copy.insights) ? copy : null;
  } catch {
    return null;
  }
}

function writeLocal(sessionId: string, copy: LocalCopy | null) {
  try {
    if (copy) window.localStorage.setItem(keyOf(sessionId), JSON.stringify(copy));
    else window.localStorage.removeItem(keyOf(sessionId));
  } catch {
    // Private browsing or a full storage: the server copy still is the record.
  }
}

export function NoteEditor({
  sessionId,
  timeZone,
  fields,
  goals,
  initial,
  savedAt,
}: {
  sessionId: string;
  timeZone: string;
  fields: Field[];
  /** Integration: the cycle's goals, each with its own insight box. */
  goals: string[] | null;
  initial: Values;
  savedAt: string | null;
}) {
  const [values, setValues] = useState<Values>(initial);
  const [status, setStatus] = useState<Status>(savedAt ? { kind: "saved", at: savedAt } : { kind: "never" });
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [stale, setStale] = useState<LocalCopy | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [signing, setSigning] = useState<{ error?: string } | null>(null);
  const current = useRef(values);
  const base = useRef<string | null>(savedAt);
  const edits = useRef(0);
  const inFlight = useRef<Promise<void> | null>(null);
  const queued = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const attempt = useRef(0);
  const time = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone });

  const formOf = useCallback(
    (v: Values) => {
      const form = new FormData();
      form.set("sessionId", sessionId);
      for (const f of fields) form.set(`fields.${f.key}`, v.fields[f.key] ?? "");
      v.insights.forEach((insight, i) => form.set(`goals.${i}.insight`, insight));
      return form;
    },
    [sessionId, fields],
  );

  // save() calls itself again (a retry, the edits made while it ran) through this ref.
  const again = useRef<() => Promise<void>>(() => Promise.resolve());
  const save = useCallback((): Promise<void> => {
    if (inFlight.current) {
      queued.current = true;
      return inFlight.current;
    }
    clearTimeout(timer.current);
    const sent = current.current;
    const edit = edits.current;
    setStatus({ kind: "saving" });
    const run = async () => {
      let retry: string | undefined;
      try {
        const result = await saveNoteDraftAction(null, formOf(sent));
        if (result.ok) {
          attempt.current = 0;
          base.current = result.data.savedAt;
          setErrors({});
          // Kept in the browser only until the server holds what was typed last.
          if (edits.current === edit) {
            writeLocal(sessionId, null);
            setStatus({ kind: "saved", at: result.data.savedAt });
          } else setStatus({ kind: "dirty" });
        } else if (retryable(result)) retry = result.error;
        else {
          setErrors(result.fieldErrors ?? {});
          setStatus({ kind: "refused", why: result.error });
        }
      } catch {
        retry = "the server could not be reached";
      } finally {
        inFlight.current = null;
      }
      if (retry !== undefined) {
        setStatus({ kind: "retrying", why: retry });
        timer.current = setTimeout(() => void again.current(), RETRY_MS[Math.min(attempt.current++, RETRY_MS.length - 1)]);
      } else if (queued.current || edits.current !== edit) {
        queued.current = false;
        if (edits.current !== edit) void again.current();
      }
    };
    inFlight.current = run();
    return inFlight.current;
  }, [formOf, sessionId]);
  useEffect(() => {
    again.current = save;
  }, [save]);

  const change = (next: Values) => {
    current.current = next;
    edits.current += 1;
    setValues(next);
    setStatus({ kind: "dirty" });
    writeLocal(sessionId, { ...next, base: base.current });
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void save(), AUTOSAVE_MS);
  };

  // An unsent copy from an earlier visit: restored when it continues the draft the server holds;
  // offered when the server's draft has changed since (saved from elsewhere).
  // Read after hydration, so that the server's HTML and the first render agree: a one-off sync
  // from the browser's storage, which is what an effect is for.
  useEffect(() => {
    const local = readLocal(sessionId);
    if (!local) return;
    const copy = { fields: local.fields, insights: local.insights };
    if (same(copy, initial)) return writeLocal(sessionId, null);
    /* eslint-disable react-hooks/set-state-in-effect */
    if (local.base !== savedAt) return setStale(local);
    current.current = copy;
    edits.current += 1;
    setValues(copy);
    setStatus({ kind: "restored" });
    /* eslint-enable react-hooks/set-state-in-effect */
    timer.current = setTimeout(() => void save(), 0);
    // Only on arrival: what the server sent then, and this browser's copy.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Back online: try again at once.
  useEffect(() => {
    const online = () => {
      if (status.kind === "retrying") void save();
    };
    window.addEventListener("online", online);
    return () => window.removeEventListener("online", online);
  }, [status.kind, save]);

  useEffect(() => () => clearTimeout(timer.current), []);

  const submitDraft = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void save();
  };

  const sign = async () => {
    clearTimeout(timer.current);
    setSigning({});
    await inFlight.current;
    let result: ActionResult<{ signedAt: string }>;
    try {
      result = await signNoteAction(null, formOf(current.current));
    } catch {
      setSigning({ error: "The server could not be reached. The note is not signed; your text is kept here." });
      return;
    }
    if (result.ok) {
      writeLocal(sessionId, null);
      return; // The page reloads as the signed note (the action revalidates it).
    }
    setErrors(result.fieldErrors ?? {});
    setConfirming(false);
    setSigning({ error: result.error });
  };

  const statusText = (() => {
    switch (status.kind) {
      case "saved":
        return `Saved at ${time.format(new Date(status.at))}`;
      case "never":
        return "Not saved yet: nothing typed.";
      case "dirty":
        return "Unsaved changes…";
      case "saving":
        return "Saving…";
      case "retrying":
        return `Not saved — retrying (${status.why ?? "no answer"}). Your text is kept in this browser.`;
      case "refused":
        return `Not saved — ${status.why}`;
      case "restored":
        return "Restored text from this browser that had not reached the server; saving it now.";
    }
  })();

  const setField = (key: string, value: string) => change({ ...current.current, fields: { ...current.current.fields, [key]: value } });
  const setInsight = (i: number, value: string) => change({ ...current.current, insights: current.current.insights.map((x, j) => (j === i ? value : x)) });
  const insightBoxes = goals === null ? [] : goals.length > 0 ? goals : [""];

  return (
    <form onSubmit={submitDraft} noValidate aria-label="Note" className="space-y-4 rounded-lg border border-stone-200 bg-white p-4">
      {stale && (
        <div className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900" data-testid="note-stale-copy">
          <p>This browser holds text of this note that differs from the draft saved since. The saved draft is shown.</p>
          <div className="mt-2 flex gap-2">
            <Button type="button" variant="secondary" onClick={() => (setStale(null), change({ fields: stale.fields, insights: stale.insights }))}>
              Use this browser’s text
            </Button>
            <Button type="button" variant="secondary" onClick={() => (setStale(null), writeLocal(sessionId, null))}>
              Discard it
            </Button>
          </div>
        </div>
      )}
      {fields.slice(0, goals === null ? fields.length : 1).map((f) => (
        <NoteField key={f.key} field={f} value={values.fields[f.key] ?? ""} error={errors[`fields.${f.key}`]} onChange={(v) => setField(f.key, v)} />
      ))}
      {goals !== null && (
        <fieldset className="space-y-3">
          <legend className="text-sm font-semibold text-stone-800">Insight, goal by goal</legend>
          {insightBoxes.map((goal, i) => (
            <TextAreaField
              key={i}
              label={goal ? `Goal: ${goal}` : "Insight (the cycle has no shared goals written down)"}
              name={`goals.${i}.insight`}
              rows={3}
              value={values.insights[i] ?? ""}
              onChange={(e) => setInsight(i, e.target.value)}
              error={errors[`goals.${i}.insight`]}
            />
          ))}
        </fieldset>
      )}
      {goals !== null && fields.slice(1).map((f) => <NoteField key={f.key} field={f} value={values.fields[f.key] ?? ""} error={errors[`fields.${f.key}`]} onChange={(v) => setField(f.key, v)} />)}

      <p role="status" aria-live="polite" data-testid="note-save-status" className={`text-sm ${status.kind === "retrying" || status.kind === "refused" ? "text-red-700" : "text-stone-600"}`}>
        {statusText}
      </p>
      {signing?.error && <FormMessage tone="error">{signing.error}</FormMessage>}
      {!confirming ? (
        <div className="flex flex-wrap gap-3">
          <Button type="submit" variant="secondary" disabled={status.kind === "saving"}>
            Save draft
          </Button>
          <Button type="button" onClick={() => (setSigning(null), setConfirming(true))}>
            Sign note…
          </Button>
        </div>
      ) : (
        <div
          role="group"
          aria-labelledby="sign-confirm"
          className="space-y-2 rounded-md border border-brand-600 bg-brand-50 p-3"
          onKeyDown={(e: KeyboardEvent) => e.key === "Escape" && setConfirming(false)}
        >
          <p id="sign-confirm" className="font-semibold">
            Sign this note?
          </p>
          <p className="text-sm">Once signed it is never changed (P13): a correction is a signed addendum under it.</p>
          <div className="flex gap-3">
            {/* Focus moves here when the question opens; Escape or "Keep editing" closes it. */}
            <Button autoFocus type="button" onClick={() => void sign()} disabled={signing !== null && !signing.error}>
              {signing !== null && !signing.error ? "Signing…" : "Sign now"}
            </Button>
            <Button type="button" variant="secondary" onClick={() => setConfirming(false)}>
              Keep editing
            </Button>
          </div>
        </div>
      )}
    </form>
  );
}

function NoteField({ field, value, error, onChange }: { field: Field; value: string; error?: string[]; onChange: (value: string) => void }) {
  const label = field.required ? field.label : `${field.label} (optional)`;
  const near = value.length > field.max * 0.9 ? `${value.length.toLocaleString("en-US")} of ${field.max.toLocaleString("en-US")} characters.` : undefined;
  const hint = [field.hint, near].filter(Boolean).join(" ") || undefined;
  if (field.rows === 1) return <TextField label={label} name={`fields.${field.key}`} value={value} onChange={(e) => onChange(e.target.value)} error={error} hint={hint} autoComplete="off" />;
  return <TextAreaField label={label} name={`fields.${field.key}`} rows={field.rows} value={value} onChange={(e) => onChange(e.target.value)} error={error} hint={hint} />;
}
