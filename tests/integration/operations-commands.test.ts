import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, expect, test } from "vitest";
import { newPGlite, openDatabase, pgliteFactory } from "@/lib/db/adapter";
import { createPrismaClient } from "@/lib/db/prisma";
import { applyMigrations } from "@/lib/db/schema-engine";
import { databaseKind } from "../support/database";
import { clinicWithEvaluation, medicineSession } from "../support/dosing-fixtures";

// Issue 13: the operations commands as an office manager runs them, on an embedded folder of
// their own and a new database on the local server (created and dropped here).

const server = process.env.TEST_DATABASE_URL;
let dir: string;
const name = `kap_move_${randomBytes(5).toString("hex")}`;

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: server });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

afterAll(async () => {
  if (server) await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const command = (script: string, args: string[], pgliteDir: string) =>
  spawnSync(path.resolve("node_modules/.bin/tsx"), [`scripts/${script}.ts`, ...args], {
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: "", PGLITE_DIR: pgliteDir },
    timeout: 60_000,
  });
const move = (url: string, pgliteDir: string) => command("db-move-to-postgres", [url], pgliteDir);

let folder: string;
let c: Awaited<ReturnType<typeof clinicWithEvaluation>>;
let booking: Awaited<ReturnType<typeof medicineSession>>;

beforeAll(async () => {
  // Only the embedded project runs these (a file whose tests all skip runs no afterAll).
  if (databaseKind !== "PGlite") return;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "kap-move-test-"));
  folder = path.join(dir, "pglite");
  const embedded = await newPGlite(folder);
  const factory = pgliteFactory(embedded);
  await applyMigrations(factory);
  c = await clinicWithEvaluation(createPrismaClient(factory));
  booking = await medicineSession(createPrismaClient(factory), c);
  await embedded.close();
});

test.runIf(databaseKind === "PGlite")("db:backup refuses while the app holds the folder, then writes an owner-only file that db:restore brings back and db:check passes", () => {
  fs.writeFileSync(`${folder}.lock`, String(process.pid));
  const refused = command("db-backup", [], folder);
  expect(refused.status).toBe(1);
  expect(refused.stderr).toContain(`The app (process ${process.pid}) has the embedded database in ${folder} open, and only one process may open it. Stop the app`);
  fs.rmSync(`${folder}.lock`);

  const file = path.join(dir, "kept", "clinic.sql.gz");
  const backup = command("db-backup", [file], folder);
  expect(backup.stderr).toBe("");
  expect(backup.stdout).toMatch(new RegExp(`^Backup written: ${file} \\(\\d+\\.\\d KiB, \\d+\\.\\d s\\)\\.\\n$`));
  expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);

  const restoredFolder = path.join(dir, "restored");
  const restore = command("db-restore", [file], restoredFolder);
  expect(restore.stderr).toBe("");
  expect(restore.stdout).toContain("Its schema is this version's: nothing to migrate.");
  const check = command("db-check", [], restoredFolder);
  expect(check.status).toBe(0);
  expect(check.stdout).toContain("The database is sound");
});

test.runIf(databaseKind === "PGlite" && server)("db:move-to-postgres copies the embedded clinic, checks it and prints the DATABASE_URL; the booking is there", async () => {

  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(server!);
  url.pathname = `/${name}`;

  const moved = move(url.toString(), folder);
  expect(moved.stderr).toBe("");
  expect(moved.status).toBe(0);
  expect(moved.stdout).toMatch(/Copied \d+ tables, \d+ rows; every table's row count matches and the guards are in place\./);
  expect(moved.stdout).toContain(`  DATABASE_URL=${url}`);
  expect(fs.readdirSync(path.join(dir, "backups"))).toEqual([expect.stringMatching(/^kap-\d{8}T\d{6}Z\.sql\.gz$/)]);

  const database = await openDatabase({ kind: "postgres", url: url.toString() }, { poolSize: 1 });
  try {
    const db = createPrismaClient(database.factory);
    const session = await db.session.findUniqueOrThrow({ where: { id: booking.id }, include: { attendees: true, clinicians: true } });
    expect(session).toMatchObject({ status: "CHECKED_IN", roomId: c.cedar.id, startsAt: booking.startsAt });
    expect(session.attendees).toHaveLength(2);
    await db.$disconnect();
  } finally {
    await database.close();
  }

  // The copy is not overwritten by a second move.
  const again = move(url.toString(), folder);
  expect(again.status).toBe(1);
  expect(again.stderr).toContain("The PostgreSQL database is not empty; nothing was copied.");
});
