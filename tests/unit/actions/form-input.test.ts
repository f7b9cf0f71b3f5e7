import { describe, expect, test } from "vitest";
import { decodeForm } from "@/lib/actions/form-input";

// A server action's form, read within limits (lib/actions/form-input.ts): nothing grows with what
// a field's name says, and every refusal is in words.

const form = (entries: [string, string | Blob][]) => {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return f;
};
const rows = { rows: { max: 40, message: "A plan has at most 40 sessions." } };

describe("reading a server action's form", () => {
  test("dotted names nest, repeated names are lists, React's own fields are skipped", () => {
    const decoded = decodeForm(
      form([
        ["partnerA.firstName", "Sam"],
        ["partnerA.lastName", "Rivera"],
        ["roles", "THERAPIST"],
        ["roles", "ADMIN"],
        ["$ACTION_ID_abc", ""],
        ["rows.0.kind", "INTAKE"],
        ["rows.1.kind", "PREPARATION"],
      ]),
      { lists: rows },
    );
    expect(decoded).toEqual({
      ok: true,
      value: { partnerA: { firstName: "Sam", lastName: "Rivera" }, roles: ["THERAPIST", "ADMIN"], rows: [{ kind: "INTAKE" }, { kind: "PREPARATION" }] },
    });
  });

  test("a list index is compared with the list's size, never used to build it (issue 11, finding 1)", () => {
    const started = performance.now();
    for (const index of ["40", "1000000000", "99999999999999999999999"]) {
      expect(decodeForm(form([[`rows.${index}.kind`, "X"]]), { lists: rows })).toEqual({
        ok: false,
        error: "Please correct the highlighted fields.",
        fieldErrors: { rows: ["A plan has at most 40 sessions."] },
      });
    }
    expect(performance.now() - started).toBeLessThan(50);
  });

  test("a list must be numbered without gaps, and only declared lists take numbers", () => {
    expect(decodeForm(form([["rows.0.kind", "A"], ["rows.2.kind", "B"]]), { lists: rows })).toMatchObject({ ok: false, fieldErrors: { rows: [expect.stringContaining("without gaps")] } });
    expect(decodeForm(form([["items.0", "A"]]))).toMatchObject({ ok: false, error: expect.stringContaining("could not be read") });
    expect(decodeForm(form([["rows.kind", "A"]]), { lists: rows })).toMatchObject({ ok: false, error: expect.stringContaining("could not be read") });
  });

  test.each([
    ["too many fields", form(Array.from({ length: 101 }, (_, i) => [`f${i}`, "x"] as [string, string])), "This form has more fields than it can take."],
    ["a file", form([["upload", new Blob(["x"])]]), "This form does not take files."],
    ["a name too long", form([["a".repeat(101), "x"]]), "This form could not be read. Reload the page and try again."],
    ["nesting too deep", form([["a.b.c.d.e", "x"]]), "This form could not be read. Reload the page and try again."],
    ["a prototype in the path", form([["__proto__.polluted", "x"]]), "This form could not be read. Reload the page and try again."],
    ["a constructor in the path", form([["a.constructor", "x"]]), "This form could not be read. Reload the page and try again."],
    ["odd characters", form([["a-b", "x"]]), "This form could not be read. Reload the page and try again."],
    ["a name both a field and a group", form([["a", "x"], ["a.b", "y"]]), "This form could not be read. Reload the page and try again."],
  ])("refuses %s", (_, f, error) => {
    expect(decodeForm(f)).toMatchObject({ ok: false, error });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test("a value over its size is a field error, and the limits are the action's to raise", () => {
    expect(decodeForm(form([["note", "x".repeat(5001)]]))).toEqual({ ok: false, error: "Please correct the highlighted fields.", fieldErrors: { note: ["Keep this under 5,000 characters."] } });
    expect(decodeForm(form([["note", "x".repeat(5001)]]), { valueLength: 6000 })).toEqual({ ok: true, value: { note: "x".repeat(5001) } });
    expect(decodeForm(form(Array.from({ length: 101 }, (_, i) => [`f${i}`, "x"] as [string, string])), { fields: 200 }).ok).toBe(true);
  });
});
