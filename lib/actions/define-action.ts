import "server-only";
import type { z } from "zod";
import { can, type Permission } from "../auth/permissions";
import { reachesRecord, RECORD_NAMES, type RecordKind } from "../auth/reach-check";
import { currentStaff, type Staff } from "../auth/session";
import { databaseFailureOf, refusalOf } from "../db/errors";
import { ForbiddenError, InvalidInputError, NotFoundError, RuleViolationError, RuleViolationsError } from "../errors";
import { decodeForm, UNREADABLE, type FormLimits } from "./form-input";

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: string; fieldErrors?: Record<string, string[]>; rules?: string[] };

/** The function React's useActionState and a form's `action` call. */
export type FormAction<T> = (previous: ActionResult<T> | null, form: FormData) => Promise<ActionResult<T>>;

/**
 * Which record the form names, checked before anything else of the form is read: one field
 * holding its id ({ session: "sessionId" }), or "own-clinic" for actions that name no record
 * (adding a room, say) and act only on the caller's own clinic.
 */
export type ReachOf = "own-clinic" | { [K in RecordKind]: { [P in K]: string } }[RecordKind];

export const SESSION_ENDED = "Your session has ended. Please sign in again.";

/**
 * Every server action is a public POST endpoint, so each one is made here, in this order: the
 * session (re-read from the database), the role, the caller's reach to the record the form
 * names (out of reach is answered exactly as not found: no name, date or rule), then the form
 * read within limits and parsed with zod, then the domain call, whose known errors become words.
 * Unexpected errors are logged without their message and reported without detail.
 */
export function defineAction<S extends z.ZodType, T>(options: {
  permission: Permission;
  reach: ReachOf;
  input: S;
  limits?: Partial<FormLimits>;
  run: (input: z.output<S>, staff: Staff) => Promise<T>;
  /** After a success, outside the error mapping: a redirect() is React's to follow. */
  then?: (data: T, input: z.output<S>) => void;
}): FormAction<T> {
  return async (_previous, form) => {
    const staff = await currentStaff();
    if (!staff) return { ok: false, error: SESSION_ENDED };
    if (!can(staff.roles, options.permission)) return { ok: false, error: new ForbiddenError().message };
    if (!(form instanceof FormData)) return { ok: false, error: UNREADABLE };
    if (options.reach !== "own-clinic") {
      const [kind, field] = Object.entries(options.reach)[0] as [RecordKind, string];
      if (!(await reachesRecord(staff, options.permission, kind, form.get(field)))) return { ok: false, error: new NotFoundError(RECORD_NAMES[kind]).message };
    }
    return parseAndRun(form, options, (input) => options.run(input, staff));
  };
}

/**
 * The one kind of action that needs no session: accepting an invitation link, whose token is
 * the credential. The same limits, zod and error mapping; `run` must check the token itself.
 */
export function definePublicAction<S extends z.ZodType, T>(options: {
  input: S;
  limits?: Partial<FormLimits>;
  run: (input: z.output<S>) => Promise<T>;
  then?: (data: T, input: z.output<S>) => void;
}): FormAction<T> {
  return async (_previous, form) => {
    if (!(form instanceof FormData)) return { ok: false, error: UNREADABLE };
    return parseAndRun(form, options, options.run);
  };
}

async function parseAndRun<S extends z.ZodType, T>(
  form: FormData,
  options: { input: S; limits?: Partial<FormLimits>; then?: (data: T, input: z.output<S>) => void },
  run: (input: z.output<S>) => Promise<T>,
): Promise<ActionResult<T>> {
  const decoded = decodeForm(form, options.limits);
  if (!decoded.ok) return decoded;
  const parsed = options.input.safeParse(decoded.value);
  if (!parsed.success) return { ok: false, error: "Please correct the highlighted fields.", fieldErrors: fieldErrorsOf(parsed.error) };
  let data: T;
  try {
    data = await run(parsed.data);
  } catch (error) {
    return failureOf(error);
  }
  options.then?.(data, parsed.data);
  return { ok: true, data };
}

export function failureOf(error: unknown): { ok: false; error: string; fieldErrors?: Record<string, string[]>; rules?: string[] } {
  if (error instanceof RuleViolationsError) return { ok: false, error: error.message, rules: error.violations.map((v) => v.rule) };
  if (error instanceof RuleViolationError) return { ok: false, error: error.message, rules: [error.rule] };
  if (error instanceof InvalidInputError) return { ok: false, error: error.message, fieldErrors: error.fieldErrors };
  if (error instanceof NotFoundError || error instanceof ForbiddenError) return { ok: false, error: error.message };
  const refusal = refusalOf(error);
  if (refusal) {
    return { ok: false, error: refusal.message, ...(refusal.rule && { rules: [refusal.rule] }), ...(refusal.field && { fieldErrors: { [refusal.field]: [refusal.message] } }) };
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
