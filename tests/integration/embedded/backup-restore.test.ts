import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import type { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { newPGlite, pgliteFactory } from "@/lib/db/adapter";
import { backupDatabase } from "@/lib/db/ops/backup";
import { checkDatabase, expectedGuards } from "@/lib/db/ops/check";
import { rawPGlite, type RawDatabase } from "@/lib/db/ops/raw";
import { restoreDatabase } from "@/lib/db/ops/restore";
import { writeBackup } from "@/lib/db/ops/dump-file";
import { applyMigrations, MIGRATIONS_DIR } from "@/lib/db/schema-engine";
import { createPrismaClient } from "@/lib/db/prisma";
import { closeBackupDatabases, contents, dir, emptyDatabase, refusal, roomOverlap, seedClinic, server } from "../../support/backup-databases";

// Issue 13: a backup restores on the other kind of database, whole and still guarded: the round
// trip PGlite → PostgreSQL → PGlite (PGlite → PGlite when no local PostgreSQL is named). The
// backup taken while bookings race is tests/integration/postgres/backup-race.test.ts.

afterAll(closeBackupDatabases);

describe("a backup restores on the other kind of database", () => {
  const other = server ? "postgres" : "pglite";
  let source: PGlite;
  let original: Record<string, string>;
  let medicineId: string;
  let backup: string;
  let restored: RawDatabase;

  beforeAll(async () => {
    source = await newPGlite("memory://");
    const factory = pgliteFactory(source);
    await applyMigrations(factory);
    const db = createPrismaClient(factory);
    ({ medicine: { id: medicineId } } = await seedClinic(db));
    const raw = rawPGlite(source);
    await raw.exec("SET TimeZone = 'UTC'");
    original = await contents(raw);
    backup = path.join(dir, "from-pglite.sql.gz");
    await backupDatabase(raw, backup);
  });
  afterAll(() => source?.close());

  test(`PGlite → ${other}: every table's rows equal, the guards still refuse, db:check passes`, async () => {
    expect(fs.statSync(backup).mode & 0o777).toBe(0o600);
    expect(Object.keys(original).length).toBeGreaterThan(20);
    restored = await emptyDatabase(other);
    const result = await restoreDatabase(restored, backup);
    expect(result.applied).toEqual([]);
    expect(await contents(restored)).toEqual(original);
    expect(await refusal(restored, `UPDATE "AuditEvent" SET action = 'edited'`)).toBe("KP001");
    expect(await refusal(restored, `UPDATE "SubstanceLogEntry" SET reason = 'edited'`)).toBe("KP001");
    expect(await refusal(restored, `DELETE FROM "Clearance"`)).toBe("KP001");
    expect(await refusal(restored, `UPDATE "SessionNote" SET content = '{}'`)).toBe("KP001");
    expect(await refusal(restored, roomOverlap, [medicineId])).toBe("23P01");
    expect(await checkDatabase(restored)).toEqual([]);
  });

  test(`${other} → PGlite: the same rows come back`, async () => {
    const again = path.join(dir, "from-other.sql.gz");
    await backupDatabase(restored, again);
    const target = await emptyDatabase("pglite");
    await restoreDatabase(target, again);
    expect(await contents(target)).toEqual(original);
    expect(await checkDatabase(target)).toEqual([]);
  });

  test("a cut-short, foreign or failing file is refused in words and changes nothing", async () => {
    const target = await emptyDatabase(other);
    const bytes = fs.readFileSync(backup);
    const truncated = path.join(dir, "truncated.sql.gz");
    fs.writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expect(restoreDatabase(target, truncated)).rejects.toThrow(/is damaged or cut short \(gzip: unexpected end of file\); nothing was restored/);

    const sql = zlib.gunzipSync(bytes).toString("utf8");
    const cutPlain = path.join(dir, "cut.sql");
    fs.writeFileSync(cutPlain, sql.slice(0, Math.floor(sql.length * 0.7)));
    await expect(restoreDatabase(target, cutPlain)).rejects.toThrow(/is cut short: it does not end with pg_dump's "dump complete" line/);

    const foreignDb = await newPGlite("memory://");
    await foreignDb.exec("CREATE TABLE invoices (id int PRIMARY KEY, total numeric); INSERT INTO invoices VALUES (1, 9.5);");
    const foreign = path.join(dir, "foreign.sql.gz");
    await backupDatabase(rawPGlite(foreignDb), foreign);
    await foreignDb.close();
    await expect(restoreDatabase(target, foreign)).rejects.toThrow(/is not a backup of this app: it has no record of the app's migrations/);

    const newer = path.join(dir, "newer.sql.gz");
    await writeBackup(newer, sql.replace("'20261126142251_init'", "'29991231000000_from_the_future'"));
    await expect(restoreDatabase(target, newer)).rejects.toThrow(/comes from a newer version of the app .*29991231000000_from_the_future.*never migrated back/);

    // A statement that fails half-way (here the last row of the audit log): the transaction
    // takes everything back.
    const failing = path.join(dir, "failing.sql.gz");
    await writeBackup(failing, sql.replace(/(CREATE TRIGGER "AuditEvent_append_only")/, `INSERT INTO public."Nowhere" VALUES (1);\n$1`));
    await expect(restoreDatabase(target, failing)).rejects.toThrow(/Nowhere/);
    expect(await contents(target)).toEqual({});

    // Told nothing, a non-empty database is refused; told in words, it is replaced.
    await restoreDatabase(target, backup);
    await expect(restoreDatabase(target, backup)).rejects.toThrow(/is not empty .* Nothing was restored\. .* --erase-existing-data/);
    await restoreDatabase(target, backup, { eraseExisting: true });
    expect(await contents(target)).toEqual(original);
  });

  test("db:check says in words what is wrong", async () => {
    const target = await emptyDatabase("pglite");
    await restoreDatabase(target, backup);
    await target.exec(`
      ALTER TABLE "Session" DROP CONSTRAINT "Session_room_no_overlap";
      ALTER TABLE "SessionClinician" DROP CONSTRAINT "SessionClinician_no_overlap";
      ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only";
      DROP TRIGGER "SubstanceLogEntry_append_only" ON "SubstanceLogEntry";
      UPDATE "SubstanceLot" SET "balanceMg" = 1;
      DELETE FROM "_prisma_migrations" WHERE migration_name = '20261126151614_staff_invitations';`);
    // The medicine session twice: the same room and the same therapist at the same time.
    await target.query(
      `WITH copy AS (${roomOverlap} RETURNING id)
       INSERT INTO "SessionClinician" SELECT (jsonb_populate_record(x, jsonb_build_object('sessionId', copy.id))).* FROM "SessionClinician" x, copy WHERE x."sessionId" = $1`,
      [medicineId],
    );
    const problems = await checkDatabase(target);
    expect(problems).toEqual([
      "Migration 20261126151614_staff_invitations is not applied (run npm run db:migrate).",
      "The exclusion constraint SessionClinician_no_overlap is missing: overlapping bookings would not be refused.",
      "The exclusion constraint Session_room_no_overlap is missing: overlapping bookings would not be refused.",
      "The trigger AuditEvent_append_only is disabled.",
      "The trigger SubstanceLogEntry_append_only is missing: records it guards could be changed or deleted.",
      expect.stringMatching(new RegExp(`^Sessions (${medicineId} and [0-9a-f-]{36}|[0-9a-f-]{36} and ${medicineId}) overlap and share a room, and neither is cancelled\\.$`)),
      expect.stringMatching(new RegExp(`^Sessions (${medicineId} and [0-9a-f-]{36}|[0-9a-f-]{36} and ${medicineId}) overlap and share a clinician, and neither is cancelled\\.$`)),
      "Lot KET-BACKUP-1's balance is 1.00 mg but its log entries add up to 480.00 mg.",
    ]);
  });

  test("a backup from an older version is migrated forward after the restore", async () => {
    const older = path.join(dir, "older-migrations");
    const names = fs.readdirSync(MIGRATIONS_DIR).filter((n) => /^\d{14}_/.test(n)).sort();
    fs.mkdirSync(older);
    fs.copyFileSync(path.join(MIGRATIONS_DIR, "migration_lock.toml"), path.join(older, "migration_lock.toml"));
    for (const n of names.slice(0, -1)) fs.cpSync(path.join(MIGRATIONS_DIR, n), path.join(older, n), { recursive: true });
    const old = await newPGlite("memory://");
    await applyMigrations(pgliteFactory(old), older);
    const file = path.join(dir, "older.sql.gz");
    await backupDatabase(rawPGlite(old), file);
    await old.close();

    const target = await emptyDatabase(other);
    const result = await restoreDatabase(target, file);
    expect(result).toEqual({ fromMigrations: names.slice(0, -1), applied: names.slice(-1) });
    expect(await checkDatabase(target)).toEqual([]);
  });

  test("a failed write (a full disk) fails loudly and leaves the earlier backup as it was", async () => {
    const file = path.join(dir, "kap-earlier.sql.gz");
    await writeBackup(file, "earlier");
    const open = fs.promises.open;
    const spy = vi.spyOn(fs.promises, "open").mockImplementation(async (...args: Parameters<typeof open>) => {
      const handle = await open(...args);
      handle.writeFile = () => Promise.reject(Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" }));
      return handle;
    });
    try {
      await expect(writeBackup(file, "later")).rejects.toThrow(/ENOSPC: no space left on device/);
    } finally {
      spy.mockRestore();
    }
    expect(zlib.gunzipSync(fs.readFileSync(file)).toString()).toBe("earlier");
    expect(fs.readdirSync(dir).filter((n) => n.endsWith(".partial"))).toEqual([]);
  });

  test("the guards expected are read from the migrations", () => {
    const guards = expectedGuards();
    expect(guards.excludes).toEqual(["SessionAttendee_no_overlap", "SessionClinician_no_overlap", "Session_room_no_overlap"]);
    expect(guards.triggers).toEqual(expect.arrayContaining(["AuditEvent_append_only", "SessionNote_signed_is_immutable", "Clearance_signed_is_immutable", "SubstanceLogEntry_post"]));
    expect(guards.checks).toContain("SubstanceLot_balance_not_negative");
  });
});

