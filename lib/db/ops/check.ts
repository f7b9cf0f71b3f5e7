import fs from "node:fs";
import path from "node:path";
import { MIGRATIONS_DIR, readMigrations } from "../schema-engine";
import type { RawDatabase } from "./raw";

// `npm run db:check`: what the app relies on the database for, checked on a live database and
// told in words. The guards expected are read from the committed migrations' SQL, so a new
// migration's EXCLUDE constraint or trigger is checked without editing this file.

export type ExpectedGuards = { excludes: string[]; checks: string[]; triggers: string[] };

/** The EXCLUDE and CHECK constraints and triggers the migrations create (less those they drop). */
export function expectedGuards(dir = MIGRATIONS_DIR): ExpectedGuards {
  const sql = readMigrations(dir)
    .migrationDirectories.map((m) => path.join(dir, m.path, "migration.sql"))
    .filter((file) => fs.existsSync(file))
    .map((file) => fs.readFileSync(file, "utf8"))
    .join("\n");
  const names = (pattern: RegExp) => [...sql.matchAll(pattern)].map((m) => m[1]!);
  const dropped = new Set([...names(/DROP CONSTRAINT (?:IF EXISTS )?"([^"]+)"/g), ...names(/DROP TRIGGER (?:IF EXISTS )?"([^"]+)"/g)]);
  const kept = (list: string[]) => [...new Set(list)].filter((name) => !dropped.has(name)).sort();
  return {
    excludes: kept(names(/ADD CONSTRAINT "([^"]+)"\s+EXCLUDE\b/g)),
    checks: kept(names(/ADD CONSTRAINT "([^"]+)"\s+CHECK\b/g)),
    triggers: kept(names(/CREATE TRIGGER "([^"]+)"/g)),
  };
}

export async function checkDatabase(database: RawDatabase, dir = MIGRATIONS_DIR): Promise<string[]> {
  const tables = await database.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public' AND tablename = '_prisma_migrations'");
  if (tables[0]!.n === 0) return ["The database has no _prisma_migrations table: the app's migrations were never applied to it."];
  return [...(await migrationProblems(database, dir)), ...(await guardProblems(database, dir)), ...(await overlapProblems(database)), ...(await lotProblems(database))];
}

async function migrationProblems(database: RawDatabase, dir: string): Promise<string[]> {
  const rows = await database.query<{ migration_name: string; finished_at: Date | null; rolled_back_at: Date | null }>(
    'SELECT migration_name, finished_at, rolled_back_at FROM "_prisma_migrations"',
  );
  const committed = readMigrations(dir).migrationDirectories.map((m) => m.path);
  const applied = new Set(rows.filter((r) => r.finished_at && !r.rolled_back_at).map((r) => r.migration_name));
  const problems = committed.filter((name) => !applied.has(name)).map((name) => `Migration ${name} is not applied (run npm run db:migrate).`);
  for (const r of rows) {
    if (!r.finished_at && !r.rolled_back_at) problems.push(`Migration ${r.migration_name} started but did not finish.`);
    if (!committed.includes(r.migration_name)) problems.push(`Migration ${r.migration_name} is applied but not in this version of the app (a newer app wrote this database?).`);
  }
  return problems;
}

async function guardProblems(database: RawDatabase, dir: string): Promise<string[]> {
  const expected = expectedGuards(dir);
  const constraints = await database.query<{ conname: string; contype: string }>(
    `SELECT c.conname, c.contype FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = 'public'`,
  );
  const triggers = await database.query<{ tgname: string; tgenabled: string }>(
    `SELECT t.tgname, t.tgenabled FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND NOT t.tgisinternal`,
  );
  const has = (name: string, type: string) => constraints.some((c) => c.conname === name && c.contype === type);
  const problems = [
    ...expected.excludes.filter((name) => !has(name, "x")).map((name) => `The exclusion constraint ${name} is missing: overlapping bookings would not be refused.`),
    ...expected.checks.filter((name) => !has(name, "c")).map((name) => `The check constraint ${name} is missing.`),
  ];
  for (const name of expected.triggers) {
    const trigger = triggers.find((t) => t.tgname === name);
    if (!trigger) problems.push(`The trigger ${name} is missing${/append_only|immutable/.test(name) ? ": records it guards could be changed or deleted" : ""}.`);
    else if (trigger.tgenabled === "D") problems.push(`The trigger ${name} is disabled.`);
  }
  return problems;
}

/**
 * Two live sessions at overlapping times sharing a room, a clinician or a partner (P8). Each
 * session is compared with the latest end among the earlier ones of the same room (clinician,
 * partner): one sort, not a join of every pair, so it stays fast on a large clinic.
 */
async function overlapProblems(database: RawDatabase): Promise<string[]> {
  const shared = [
    { what: "room", rows: `SELECT s."roomId" AS who, s.id, s."startsAt", s."endsAt" FROM "Session" s WHERE s."roomId" IS NOT NULL AND s."status" <> 'CANCELLED'` },
    { what: "clinician", rows: `SELECT x."userId" AS who, s.id, s."startsAt", s."endsAt" FROM "SessionClinician" x JOIN "Session" s ON s.id = x."sessionId" WHERE s."status" <> 'CANCELLED'` },
    { what: "partner", rows: `SELECT x."clientId" AS who, s.id, s."startsAt", s."endsAt" FROM "SessionAttendee" x JOIN "Session" s ON s.id = x."sessionId" WHERE s."status" <> 'CANCELLED'` },
  ];
  const problems: string[] = [];
  for (const { what, rows } of shared) {
    const pairs = await database.query<{ a: string; b: string }>(
      `WITH live AS (${rows}),
            ordered AS (SELECT live.*, max("endsAt") OVER (PARTITION BY who ORDER BY "startsAt", id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS "earlierEnd" FROM live)
       SELECT (SELECT e.id FROM live e WHERE e.who = o.who AND e.id <> o.id AND e."startsAt" <= o."startsAt" AND e."endsAt" > o."startsAt" ORDER BY e."startsAt", e.id LIMIT 1) AS a, o.id AS b
         FROM ordered o WHERE o."startsAt" < o."earlierEnd" AND o."startsAt" < o."endsAt"
        ORDER BY o."startsAt", o.id LIMIT 50`,
    );
    for (const p of pairs) problems.push(`Sessions ${p.a} and ${p.b} overlap and share a ${what}, and neither is cancelled.`);
  }
  return problems;
}

/** Each lot's balance is the sum of its log's entries (the log is the record; the balance follows it). */
async function lotProblems(database: RawDatabase): Promise<string[]> {
  const lots = await database.query<{ lotNumber: string; balance: string; sum: string }>(
    `SELECT l."lotNumber", l."balanceMg"::text AS balance, COALESCE(sum(e."quantityMg"), 0)::text AS sum
       FROM "SubstanceLot" l LEFT JOIN "SubstanceLogEntry" e ON e."lotId" = l.id
      GROUP BY l.id HAVING l."balanceMg" <> COALESCE(sum(e."quantityMg"), 0) ORDER BY l."lotNumber"`,
  );
  return lots.map((l) => `Lot ${l.lotNumber}'s balance is ${l.balance} mg but its log entries add up to ${l.sum} mg.`);
}
