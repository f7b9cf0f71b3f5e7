import { DriverAdapterError } from "@prisma/driver-adapter-utils";
import { expect, test } from "vitest";
import { isConnectionFailure } from "@/lib/db/errors";
import { isRead } from "@/lib/db/pg-pool";

test("connection failures: the server ending it, a reset socket, pg's own words, and as the adapter wraps them", () => {
  const failures = [
    Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01", severity: "FATAL" }),
    { code: "57P02" },
    { code: "57P03" },
    { code: "08006" },
    { code: "08003" },
    Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET", syscall: "read", errno: -104 }),
    { code: "EPIPE" },
    new Error("Connection terminated unexpectedly"),
    new Error("Client has encountered a connection error and is not queryable"),
    new DriverAdapterError({ kind: "postgres", code: "57P01", severity: "FATAL", message: "terminating connection", originalCode: "57P01", originalMessage: "" } as never),
    new DriverAdapterError({ kind: "ConnectionClosed" }),
  ];
  for (const error of failures) expect(isConnectionFailure(error), String((error as { code?: string }).code ?? error)).toBe(true);
});

test("the statement's own failures are not: constraints, a timeout, a malformed message, a full server", () => {
  const statementErrors = [
    { code: "23P01" },
    { code: "23505" },
    { code: "57014" }, // statement_timeout or a cancel
    { code: "08P01" },
    { code: "53300" },
    { code: "40001" },
    new Error("syntax error"),
    new DriverAdapterError({ kind: "UniqueConstraintViolation", constraint: { fields: ["email"] } }),
    null,
    "57P01",
  ];
  for (const error of statementErrors) expect(isConnectionFailure(error), JSON.stringify(error)).toBe(false);
});

test("only reads may be sent twice", () => {
  expect(isRead('SELECT "id" FROM "public"."Clinic"')).toBe(true);
  expect(isRead({ text: "\n  select 1", values: [] })).toBe(true);
  expect(isRead('INSERT INTO "AuditEvent" VALUES ($1) RETURNING "id"')).toBe(false);
  expect(isRead('UPDATE "StaffSession" SET "lastSeenAt" = $1')).toBe(false);
  expect(isRead("WITH moved AS (DELETE FROM t RETURNING *) SELECT * FROM moved")).toBe(false);
  expect(isRead("BEGIN")).toBe(false);
  expect(isRead(undefined)).toBe(false);
});
