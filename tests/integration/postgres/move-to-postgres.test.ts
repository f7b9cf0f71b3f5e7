import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, expect, test } from "vitest";
import { openDatabase } from "@/lib/db/adapter";
import { createPrismaClient } from "@/lib/db/prisma";
import { embeddedClinicFolder, runCommand } from "../../support/operations-commands";
import { withPgClient } from "../../support/pg-client";

// Issue 13: db:move-to-postgres as an office manager runs it, from an embedded folder of its own
// to a new database on the local server (created and dropped here).

const server = process.env.TEST_DATABASE_URL!;
const name = `kap_move_${randomBytes(5).toString("hex")}`;
let dir: string;
let folder: string;
let c: Awaited<ReturnType<typeof embeddedClinicFolder>>["c"];
let booking: Awaited<ReturnType<typeof embeddedClinicFolder>>["booking"];

/** A statement on the server's own database (creating and dropping the tests' databases). */
const admin = (sql: string) => withPgClient(server!, (client) => client.query(sql));

const move = (url: string, pgliteDir: string) => runCommand("db-move-to-postgres", [url], pgliteDir);

beforeAll(async () => {
  ({ dir, folder, c, booking } = await embeddedClinicFolder());
});

afterAll(async () => {
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test("db:move-to-postgres copies the embedded clinic, checks it and prints the DATABASE_URL; the booking is there", async () => {

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
