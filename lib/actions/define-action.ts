import "server-only";
import { z } from "zod";
import { can, type Permission } from "../auth/permissions";
import { currentStaff, type Staff } from "../auth/session";
import { databaseFailureOf } from "../db/errors";
import { ForbiddenError, InvalidInputError, NotFoundError, RuleViolationError, RuleViolationsError } from "../errors";

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: string; fieldErrors?: Record<string, string[]>; rules?: string[] };

/**
 * Every server action is a public POST endpoint, so each one goes through this: the session
 * (re-read from the database), the permission, zod on the input, the domain call, and known
 * errors turned into words. Unexpected errors are logged and reported without detail.
 */
export function defineAction<S extends z.ZodType, T>(options: {
  permission: Permission;
  input: S;
  run: (input: z.output<S>, staff: Staff) => Promise<T>;
}): (raw: unknown) => Promise<ActionResult<T>> {
  return async (raw) => {
    const staff = await currentStaff();
    if (!staff) return { ok: false, error: "Your session has ended. Please sign in again." };
    if (!can(staff.roles, options.permission)) return { ok: false, error: new ForbiddenError().message };
    const parsed = options.input.safeParse(raw instanceof FormData ? formDataToObject(raw) : raw);
    if (!parsed.success) {
      return { ok: false, error: "Please correct the highlighted fields.", fieldErrors: fieldErrorsOf(parsed.error) };
    }
    try {
      return { ok: true, data: await options.run(parsed.data, staff) };
    } catch (error) {
      return failureOf(error);
    }
  };
}

/**
 * The one kind of action that needs no session: accepting an invitation link, whose token is
 * the credential. zod and the error mapping as above; `run` must check the token itself.
 */
export function definePublicAction<S extends z.ZodType, T>(options: { input: S; run: (input: z.output<S>) => Promise<T> }): (raw: unknown) => Promise<ActionResult<T>> {
  return async (raw) => {
    const parsed = options.input.safeParse(raw instanceof FormData ? formDataToObject(raw) : raw);
    if (!parsed.success) {
      return { ok: false, error: "Please correct the highlighted fields.", fieldErrors: fieldErrorsOf(parsed.error) };
    }
    try {
      return { ok: true, data: await options.run(parsed.data) };
    } catch (error) {
      return failureOf(error);
    }
  };
}

export function failureOf(error: unknown): { ok: false; error: string; fieldErrors?: Record<string, string[]>; rules?: string[] } {
  if (error instanceof RuleViolationsError) return { ok: false, error: error.message, rules: error.violations.map((v) => v.rule) };
  if (error instanceof RuleViolationError) return { ok: false, error: error.message, rules: [error.rule] };
  if (error instanceof InvalidInputError) return { ok: false, error: error.message, fieldErrors: error.fieldErrors };
  if (error instanceof NotFoundError || error instanceof ForbiddenError) return { ok: false, error: error.message };
  const failure = databaseFailureOf(error);
  if (failure?.code === "40001" || failure?.code === "40P01") {
    return { ok: false, error: "Someone else changed this at the same moment. Nothing was saved; please try again." };
  }
  console.error("Unexpected error in a server action", logSafe(error));
  return { ok: false, error: "Something went wrong and nothing was saved. Please try again." };
}

function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "form";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

/** Form fields as an object; a name sent several times (checkbox groups) becomes an array. */
export function formDataToObject(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(form.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const values = form.getAll(key).filter((v): v is string => typeof v === "string");
    out[key] = values.length > 1 ? values : values[0];
  }
  return out;
}

/**
 * What of an unexpected error goes to the server log: its kind, database code and where it was
 * thrown, but not its message. Database and validation messages can quote the values of the
 * query (a client's name, say), and the log is no place for them.
 */
export function logSafe(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { kind: typeof error };
  const failure = databaseFailureOf(error);
  const frames = (error.stack ?? "").split("\n").filter((line) => /^\s+at /.test(line)).slice(0, 8).join("\n");
  return { name: error.name, code: (error as { code?: unknown }).code ?? failure?.code, constraint: failure?.constraint, stack: frames };
}
