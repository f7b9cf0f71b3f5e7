// A server action's form fields as the object its zod schema reads, within limits. Actions are
// public endpoints: a request may carry any names and any number of them, so nothing here grows
// with what a name says (a list index of 1,000,000,000 once built an array that long and held
// the server for 24 s). Names are dotted paths: "partnerA.firstName" is a field of an object,
// "rows.3.date" the fourth item of a list that the action declares with its largest size.

export type FormLimits = {
  /** Fields in all; a name sent several times (a checkbox group) counts each time. */
  fields: number;
  /** Characters in one field's value. */
  valueLength: number;
  /** Lists the form may hold, by path, each with its largest size and the words for too many. */
  lists: Record<string, { max: number; message: string }>;
};

export const DEFAULT_FORM_LIMITS: FormLimits = { fields: 100, valueLength: 5_000, lists: {} };

export type DecodedForm = { ok: true; value: Record<string, unknown> } | { ok: false; error: string; fieldErrors?: Record<string, string[]> };

export const UNREADABLE = "This form could not be read. Reload the page and try again.";
const MAX_NAME = 100;
const MAX_DEPTH = 4;
const SEGMENT = /^[A-Za-z0-9_]+$/;
const DIGITS = /^\d+$/;
// A segment that would reach an object's prototype instead of a field.
const FORBIDDEN = new Set(["__proto__", "prototype", "constructor"]);

type Node = Record<string, unknown> | unknown[];

export function decodeForm(form: FormData, limits: Partial<FormLimits> = {}): DecodedForm {
  const { fields, valueLength, lists } = { ...DEFAULT_FORM_LIMITS, ...limits };
  const root: Record<string, unknown> = {};
  const fieldErrors: Record<string, string[]> = {};
  const seen = new Set<string>();
  let count = 0;
  for (const [name, value] of form.entries()) {
    // React's own fields for forms submitted before hydration.
    if (name.startsWith("$ACTION")) continue;
    if (++count > fields) return { ok: false, error: "This form has more fields than it can take." };
    if (typeof value !== "string") return { ok: false, error: "This form does not take files." };
    if (name.length > MAX_NAME) return { ok: false, error: UNREADABLE };
    const path = name.split(".");
    if (path.length > MAX_DEPTH || path.some((s) => !SEGMENT.test(s) || FORBIDDEN.has(s))) return { ok: false, error: UNREADABLE };
    if (value.length > valueLength) {
      (fieldErrors[name] ??= []).push(`Keep this under ${valueLength.toLocaleString("en-US")} characters.`);
      continue;
    }
    const placed = place(root, path, value, seen.has(name), lists);
    if (placed !== true) {
      if (typeof placed === "string") return { ok: false, error: UNREADABLE };
      const messages = (fieldErrors[placed.list] ??= []);
      if (!messages.includes(placed.message)) messages.push(placed.message);
      continue;
    }
    seen.add(name);
  }
  for (const list of Object.keys(lists)) {
    const items = read(root, list.split("."));
    if (Array.isArray(items) && items.length !== Object.keys(items).length) {
      (fieldErrors[list] ??= []).push("The form's rows must be numbered from the first without gaps. Reload the page and try again.");
    }
  }
  if (Object.keys(fieldErrors).length > 0) return { ok: false, error: "Please correct the highlighted fields.", fieldErrors };
  return { ok: true, value: root };
}

/** Puts one value at its path: true, a list over its size, or "conflict" for names that cannot both hold. */
function place(root: Record<string, unknown>, path: string[], value: string, repeated: boolean, lists: FormLimits["lists"]): true | "conflict" | { list: string; message: string } {
  let node: Node = root;
  for (let i = 0; i < path.length; i++) {
    const key = path[i];
    let slot: string | number = key;
    if (Array.isArray(node)) {
      // An item of a declared list: its index is compared, never used to size anything first.
      const list = path.slice(0, i).join(".");
      if (!DIGITS.test(key)) return "conflict";
      const index = Number(key);
      if (index >= lists[list].max) return { list, message: lists[list].message };
      slot = index;
    } else if (DIGITS.test(key)) {
      return "conflict";
    }
    const fields = node as unknown as Record<string | number, unknown>;
    const current = fields[slot];
    if (i === path.length - 1) {
      if (current === undefined) fields[slot] = value;
      else if (repeated && typeof current === "string") fields[slot] = [current, value];
      else if (repeated && Array.isArray(current) && current.every((v) => typeof v === "string")) current.push(value);
      else return "conflict";
      return true;
    }
    const wantsList = lists[path.slice(0, i + 1).join(".")] !== undefined;
    if (current === undefined) fields[slot] = wantsList ? [] : {};
    const child = fields[slot];
    if (typeof child !== "object" || child === null || Array.isArray(child) !== wantsList) return "conflict";
    node = child as Node;
  }
  return "conflict";
}

function read(root: Record<string, unknown>, path: string[]): unknown {
  let node: unknown = root;
  for (const key of path) node = node && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined;
  return node;
}
