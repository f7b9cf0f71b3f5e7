// The one reader of numbers typed into forms and page addresses. `Number(text)` reads far more
// than staff type: "0x10" is 16 (a dose of 0x10 was recorded as 16 mg), "1e2" is 100, and
// "Infinity", "" and "  " are numbers too. Here a number is decimal digits, an optional minus and
// an optional fraction; the field's own range then refuses a minus where none is allowed, with
// the field's words.

const DECIMAL = /^-?\d+(?:\.\d+)?$/;

/** "12", "-3", "0.25" (spaces around it ignored) as a number; anything else is NaN. */
export function parseDecimal(text: string): number {
  const trimmed = text.trim();
  return DECIMAL.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/**
 * A form field for a zod number schema: blank is undefined (the schema says "enter …"), text is
 * read as a decimal (NaN, which the schema refuses as "not a number", when it is not one), and
 * anything else (a number from a test or a JSON body) goes through unchanged for the schema to judge.
 */
export function numberFromForm(value: unknown): unknown {
  if (typeof value !== "string") return value;
  return value.trim() === "" ? undefined : parseDecimal(value);
}

/** A whole number from a page's address (?page=2), or `fallback` when it is missing or not one. */
export function wholeNumberOr<T>(value: unknown, fallback: T): number | T {
  // A repeated name arrives as an array: not a number, and never a reason to throw.
  const n = typeof value === "string" ? parseDecimal(value) : Number.NaN;
  return Number.isInteger(n) ? n : fallback;
}
