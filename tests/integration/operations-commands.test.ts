import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, expect, test } from "vitest";
import { newPGlite, openDatabase, pgliteFactory } from "@/lib/db/adapter";
import { createPrismaClient } from "@/lib/db/prisma";
import { applyMigrations } from "@/lib/db/schema-engine";
import { databaseKind } from "../support/database";
import { clinicWithEvaluation, medicineSession } from "../support/dosing-fixtures";

// Issue 13: `npm run db:move-to-postgres URL` as an office manager runs it, on an embedded
// folder of its own and a new database on the local server (created and dropped here).

const server = process.env.TEST_DATABASE_URL;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kap-move-test-"));
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
  fs.rmSync(dir, { recursive: true, force: true });
});

const move = (url: string, pgliteDir: string) =>
  spawnSync(path.resolve("node_modules/.bin/tsx"), ["scripts/db-move-to-postgres.ts", url], {
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: "", PGLITE_DIR: pgliteDir },
    timeout: 60_000,
  });

test.runIf(databaseKind === "PGlite" && server)("db:move-to-postgres copies the embedded clinic, checks it and prints the DATABASE_URL; the booking is there", async () => {
  const folder = path.join(dir, "pglite");
  const embedded = await newPGlite(folder);
  const factory = pgliteFactory(embedded);
  await applyMigrations(factory);
  const c = await clinicWithEvaluation(createPrismaClient(factory));
  const booking = await medicineSession(createPrismaClient(factory), c);
  await embedded.close();

  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(server!);
  url.pathname = `/${name}`;

  // While the app holds the folder (here: this test's process), nothing is copied.
  fs.writeFileSync(`${folder}.lock`, String(process.pid));
  const refused = move(url.toString(), folder);
  expect(refused.status).toBe(1);
  expect(refused.stderr).toContain(`The app (process ${process.pid}) has the embedded database in ${folder} open. Stop it`);
  fs.rmSync(`${folder}.lock`);

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
