import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, test } from "vitest";
import { claimBackup } from "@/lib/backups/run-backup";
import { runDueBackups } from "@/lib/backups/scheduler";
import { openDatabase, type OpenDatabase } from "@/lib/db/adapter";
import { createPrismaClient } from "@/lib/db/prisma";
import { testDb } from "../../support/database";
import { smallClinic, staffOf } from "../../support/fixtures";

// Issue 13: servers sharing one PostgreSQL database each run the backup schedule. Each stands for
// a process of its own here (its own pool and Prisma client); when they look at the same moment,
// one takes the day's backup and the others take none, and one "Back up now" runs at a time.

const db = await testDb();
const url = process.env.DATABASE_URL!;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kap-backup-claims-"));
const opened: OpenDatabase[] = [];
afterAll(async () => {
  for (const database of opened) await database.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Six servers' clients, each with its own connections. */
async function servers(count = 6) {
  return Promise.all(
    Array.from({ length: count }, async () => {
      const database = await openDatabase({ kind: "postgres", url }, { poolSize: 2 });
      opened.push(database);
      return createPrismaClient(database.factory);
    }),
  );
}

test("six servers looking at once: exactly one takes the day's backup, and only one file is written", async () => {
  const c = await smallClinic(db);
  const clients = await servers();
  const now = new Date("2026-11-30T11:00:00.000Z");
  const taken = await Promise.all(clients.map((client) => runDueBackups(client, { source: { url }, dir }, now, { clinicIds: [c.clinic.id] })));
  expect(taken.flat().map((r) => r.outcome)).toEqual(["OK"]);
  expect(await db.backupRun.count({ where: { clinicId: c.clinic.id } })).toBe(1);
  expect(fs.readdirSync(dir).filter((f) => f.startsWith("kap-auto-"))).toEqual([taken.flat()[0]!.fileName]);
});

test("claims raced without looking first: one scheduled claim per clinic day, one running backup per clinic", async () => {
  const c = await smallClinic(db);
  const admin = await db.user.create({ data: { clinicId: c.clinic.id, email: `claims-${c.clinic.id}@clinic.test`, name: "Claims Admin", roles: ["ADMIN"], passwordHash: "x" } });
  const clients = await servers();
  const now = new Date();
  const scheduled = await Promise.all(clients.map((client) => claimBackup(client, { clinicId: c.clinic.id, trigger: "SCHEDULED", day: "2026-11-30" }, now)));
  expect(scheduled.filter(Boolean)).toHaveLength(1);
  // That one is still running: no press of "Back up now", on any server, starts a second.
  const presses = await Promise.all(clients.map((client) => claimBackup(client, { clinicId: c.clinic.id, trigger: "MANUAL", by: staffOf(admin) }, now)));
  expect(presses.filter(Boolean)).toEqual([]);
  await db.backupRun.update({ where: { id: scheduled.find(Boolean)! }, data: { outcome: "FAILED", finishedAt: new Date(), error: "test" } });
  const again = await Promise.all(clients.map((client) => claimBackup(client, { clinicId: c.clinic.id, trigger: "MANUAL", by: staffOf(admin) }, now)));
  expect(again.filter(Boolean)).toHaveLength(1);
});
