// The one place that reads database errors. Prisma wraps driver errors differently per path
// (P2039 with a driverAdapterError, a bare DriverAdapterError, P2034 for write conflicts), on
// PGlite and on PostgreSQL alike; callers get one plain shape.

export type DatabaseFailure = {
  /** SQLSTATE, e.g. 23P01 (exclusion), 23505 (unique), 23514 (check), 40001 (serialization). */
  code: string;
  /** The violated constraint's name, when the message names one. */
  constraint?: string;
  message: string;
  detail?: string;
};

type Cause = { kind?: string; code?: string; originalCode?: string; message?: string; originalMessage?: string; detail?: string };

export function databaseFailureOf(error: unknown): DatabaseFailure | null {
  const cause = findCause(error);
  if (!cause) return null;
  const code = cause.originalCode ?? cause.code ?? (cause.kind === "TransactionWriteConflict" ? "40001" : undefined);
  if (!code) return null;
  const message = cause.originalMessage ?? cause.message ?? "";
  const constraint = /constraint "([^"]+)"/.exec(message)?.[1];
  return { code, constraint, message, detail: cause.detail };
}

function findCause(error: unknown): Cause | null {
  if (!error || typeof error !== "object") return null;
  const e = error as { code?: string; meta?: { driverAdapterError?: { cause?: Cause } }; cause?: unknown; name?: string };
  if (e.meta?.driverAdapterError?.cause) return e.meta.driverAdapterError.cause;
  if (e.code === "P2034") return { code: "40001", message: "write conflict" };
  if (e.code === "P2002") return { code: "23505", message: "unique constraint" };
  if (e.name === "DriverAdapterError" && e.cause && typeof e.cause === "object") return e.cause as Cause;
  return null;
}

export const isExclusionViolation = (f: DatabaseFailure | null) => f?.code === "23P01";
export const isUniqueViolation = (f: DatabaseFailure | null) => f?.code === "23505";
export const isCheckViolation = (f: DatabaseFailure | null) => f?.code === "23514";
export const isAppendOnlyRefusal = (f: DatabaseFailure | null) => f?.code === "KP001";
export const isRetryableConflict = (f: DatabaseFailure | null) => f?.code === "40001" || f?.code === "40P01";
