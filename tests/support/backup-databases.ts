import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { newPGlite } from "@/lib/db/adapter";
import { rawPGlite, rawPostgres, type RawDatabase } from "@/lib/db/ops/raw";
import type { Db } from "@/lib/db/prisma";
import { clinicWithEvaluation, lotWith, medicineSession, phq9, signedClearance } from "./dosing-fixtures";
import { withPgClient } from "./pg-client";

// Issue 13's backup tests: empty databases of either kind to restore into (created here, and
// closed and dropped by closeBackupDatabases), each table's contents as a digest, and a clinic
// with a bit of everything the law makes a clinic keep. tests/integration/embedded/
// backup-restore.test.ts and tests/integration/postgres/backup-race.test.ts use them.

export const server = process.env.TEST_DATABASE_URL;
/** A scratch folder for the backup files of one test file, removed by closeBackupDatabases. */
export const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kap-backup-test-"));
const created: string[] = [];
const opened: RawDatabase[] = [];

/** A statement on the server's own database (creating and dropping the tests' databases). */
const admin = (sql: string) => withPgClient(server!, (client) => client.query(sql));

/** An empty database of the given kind: a fresh in-memory PGlite, or a new database on the local server. */
export async function emptyDatabase(kind: "pglite" | "postgres"): Promise<RawDatabase> {
  let database: RawDatabase;
  if (kind === "pglite") {
    const client = await newPGlite("memory://");
    database = rawPGlite(client, () => client.close());
  } else {
    const name = `kap_backup_${randomBytes(5).toString("hex")}`;
    await admin(`CREATE DATABASE ${name}`);
    created.push(name);
    const url = new URL(server!);
    url.pathname = `/${name}`;
    database = await rawPostgres(url.toString());
  }
  opened.push(database);
  await database.exec("SET TimeZone = 'UTC'");
  return database;
}

export async function closeBackupDatabases(): Promise<void> {
  for (const database of opened) await database.close().catch(() => {});
  for (const name of created) await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  fs.rmSync(dir, { recursive: true, force: true });
}

/** The live databases a test opened itself, closed with the rest. */
export function keepOpen(database: RawDatabase): void {
  opened.push(database);
}

/** Every table's row count and a digest of its rows (as PostgreSQL prints them), by name. */
export async function contents(database: RawDatabase): Promise<Record<string, string>> {
  const tables = await database.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename");
  const out: Record<string, string> = {};
  for (const { tablename } of tables) {
    const [row] = await database.query<{ n: number; digest: string | null }>(
      `SELECT count(*)::int AS n, md5(string_agg(t::text, E'\\n' ORDER BY t::text)) AS digest FROM "${tablename}" t`,
    );
    out[tablename] = `${row!.n} rows ${row!.digest ?? "-"}`;
  }
  return out;
}

export async function refusal(database: RawDatabase, sql: string, params: unknown[] = []): Promise<string | undefined> {
  try {
    await database.query(sql, params);
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
}

/** A clinic with a bit of everything the law makes a clinic keep. */
export async function seedClinic(db: Db) {
  const c = await clinicWithEvaluation(db);
  const clearance = await signedClearance(db, c);
  const other = await signedClearance(db, c, { clientId: c.couple.partnerBId });
  await db.clearanceRevocation.create({ data: { clearanceId: other.id, revokedById: c.psychiatrist.id, reason: "New medication" } });
  const medicine = await medicineSession(db, c);
  const lot = await lotWith(db, c, 500, "KET-BACKUP-1");
  await db.substanceLogEntry.create({
    data: { lotId: lot.id, kind: "WASTE", quantityMg: -20, reason: "Dropped lozenge", recordedById: c.psychiatrist.id, witnessedById: c.therapist.id, occurredAt: new Date("2026-03-05T18:00:00Z") },
  });
  await phq9(db, c, c.couple.partnerAId, new Date("2026-03-08T18:00:00Z"));
  const note = await db.sessionNote.create({ data: { sessionId: c.evaluation.id, authorId: c.psychiatrist.id, content: { summary: "Cleared; «ü» and 'quotes'\nsecond line" } } });
  await db.sessionNote.update({ where: { id: note.id }, data: { signedAt: new Date("2026-03-02T20:00:00Z") } });
  await db.noteAddendum.create({ data: { noteId: note.id, authorId: c.psychiatrist.id, text: "Addendum" } });
  for (const action of ["clearance.sign", "session.book", "note.read"]) {
    await db.auditEvent.create({ data: { actorId: c.psychiatrist.id, action, entity: "Clearance", entityId: clearance.id, outcome: "ALLOWED", ip: "127.0.0.1" } });
  }
  return { c, medicine };
}

export const roomOverlap = `INSERT INTO "Session" SELECT (jsonb_populate_record(s, jsonb_build_object('id', gen_random_uuid()))).* FROM "Session" s WHERE s.id = $1`;

