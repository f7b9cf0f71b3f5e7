"use client";

import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { FieldError } from "@/components/ui/field";
import type { CoupleChoice } from "@/lib/couples/search-couples";
import { searchCouplesAction } from "./couple-search";

/**
 * A searchable couple picker (WAI-ARIA combobox with a list box): a few letters of a partner's
 * name ask the server (searchCouplesAction: at most 20 couples, only those the caller reaches),
 * never a <select> of every couple. The chosen couple's id goes in a hidden field named `name`.
 * Keyboard: type, ↓/↑ through the couples, Enter chooses, Escape closes.
 */
export function CouplePicker(props: {
  name: string;
  label: string;
  initial?: CoupleChoice | null;
  onChoose?: (couple: CoupleChoice | null) => void;
  error?: string;
  className?: string;
}) {
  const id = useId();
  const [chosen, setChosen] = useState<CoupleChoice | null>(props.initial ?? null);
  const [text, setText] = useState(props.initial?.name ?? "");
  const [results, setResults] = useState<CoupleChoice[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [status, setStatus] = useState("");
  const asked = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  /** Asks the server after a pause in typing; an answer to an older query is dropped. */
  const ask = (text: string) => {
    clearTimeout(timer.current);
    const mine = ++asked.current;
    const q = text.trim();
    if (q.length < 2) {
      setResults([]);
      setOpen(false);
      setStatus(q ? "Type at least 2 letters of a partner's name." : "");
      return;
    }
    timer.current = setTimeout(() => void answer(q, mine), 200);
  };
  const answer = async (q: string, mine: number) => {
    const form = new FormData();
    form.set("q", q);
    const reply = await searchCouplesAction(null, form);
    if (mine !== asked.current) return;
    if (!reply.ok) {
      setResults([]);
      setStatus(reply.fieldErrors?.q?.join(" ") ?? reply.error);
      return;
    }
    const { couples, more } = reply.data;
    setResults(couples);
    setActive(couples.length > 0 ? 0 : -1);
    setOpen(true);
    setStatus(couples.length === 0 ? "No couple matches." : `${couples.length}${more ? "+" : ""} couple${couples.length === 1 ? "" : "s"} found${more ? ": type more to narrow" : ""}.`);
  };

  const choose = (couple: CoupleChoice) => {
    clearTimeout(timer.current);
    asked.current++;
    setChosen(couple);
    setText(couple.name);
    setOpen(false);
    setStatus(`Chosen: ${couple.name}.`);
    props.onChoose?.(couple);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown" && results.length > 0) {
      event.preventDefault();
      setOpen(true);
      setActive((i) => Math.min(results.length - 1, i + 1));
    } else if (event.key === "ArrowUp" && results.length > 0) {
      event.preventDefault();
      setActive((i) => Math.max(0, i - 1));
    } else if (event.key === "Enter" && open && results[active]) {
      // Choosing, not submitting the form.
      event.preventDefault();
      choose(results[active]);
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      setOpen(false);
    }
  };

  const listId = `${id}-list`;
  const optionId = (i: number) => `${id}-option-${i}`;
  return (
    <div className={`relative flex flex-col ${props.className ?? ""}`}>
      <label htmlFor={`${id}-input`}>{props.label}</label>
      <input
        id={`${id}-input`}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open && active >= 0 ? optionId(active) : undefined}
        aria-describedby={`${id}-status`}
        aria-invalid={props.error ? true : undefined}
        placeholder="Type a partner's name"
        value={text}
        maxLength={60}
        onChange={(e) => {
          setText(e.target.value);
          if (chosen) {
            setChosen(null);
            props.onChoose?.(null);
          }
          ask(e.target.value);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        className="rounded border border-stone-300 px-2 py-1"
      />
      <input type="hidden" name={props.name} value={chosen?.id ?? ""} />
      <ul id={listId} role="listbox" aria-label={`${props.label}: matches`} hidden={!open || results.length === 0} className="absolute top-full z-20 mt-1 max-h-64 w-full overflow-auto rounded border border-stone-300 bg-white shadow">
        {results.map((couple, i) => (
          <li
            key={couple.id}
            id={optionId(i)}
            role="option"
            aria-selected={i === active}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => choose(couple)}
            className={`cursor-pointer px-2 py-1 ${i === active ? "bg-brand-100" : ""}`}
          >
            {couple.name}
          </li>
        ))}
      </ul>
      <span id={`${id}-status`} className="text-xs text-stone-600" aria-live="polite">
        {status}
      </span>
      <FieldError name={props.name} error={props.error} />
    </div>
  );
}
