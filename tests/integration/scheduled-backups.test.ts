import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, describe, expect, test } from "vitest";
import { liveBackupTarget, runDueBackups } from "@/lib/backups/scheduler";
import { claimBackup, markInterruptedBackups, type BackupTarget } from "@/lib/backups/run-backup";
import { backUpNow, updateBackupSettings } from "@/lib/backups/update-backups";
import { InvalidInputError } from "@/lib/errors";
import { databaseKind, testDb } from "../support/database";
import { smallClinic, staffOf } from "../support/fixtures";

// Issue 13: the server's own backups. A daily run through the app's live connection (on PGlite,
// the very instance the app holds open) writes an owner-only file, is recorded in BackupRun,
// is taken once per clinic day, and retention deletes the clinic's old ones and nothing else; a
// failed run is recorded FAILED, in the audit log too, and leaves the earlier backups alone.

const db = await testDb();
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "kap-scheduled-backups-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** 11:00 UTC on a November day: 03:00 in Los Angeles, after the default 02:30. */
const morningOf = (day: string) => new Date(`${day}T11:00:00.000Z`);
const mode = (p: string) => fs.statSync(p).mode & 0o777;

async function clinicWithAdmin() {
  const c = await smallClinic(db);
  const admin = await db.user.create({ data: { clinicId: c.clinic.id, email: `backup-admin-${c.clinic.id}@clinic.test`, name: "Backup Admin", roles: ["ADMIN"], passwordHash: "x" } });
  return { c, admin: staffOf(admin) };
}

async function targetIn(dir: string): Promise<BackupTarget> {
  return { ...(await liveBackupTarget()), dir };
}

describe(`the server's scheduled backups (${databaseKind})`, () => {
  test("the daily backup: a 0600 file in a 0700 folder, recorded with its size, taken once per clinic day; the app's connection carries on", async () => {
    const { c } = await clinicWithAdmin();
    const dir = path.join(scratch, "daily", "backups");
    const target = await targetIn(dir);
    const only = { clinicIds: [c.clinic.id] };

    const [run] = await runDueBackups(db, target, morningOf("2026-11-30"), only);
    expect(run).toMatchObject({ outcome: "OK", trigger: "SCHEDULED", day: new Date("2026-11-30T00:00:00.000Z"), error: null, prunedAt: null });
    const file = path.join(dir, run!.fileName!);
    expect(mode(dir)).toBe(0o700);
    expect(mode(file)).toBe(0o600);
    expect(Number(run!.sizeBytes)).toBe(fs.statSync(file).size);
    const sql = zlib.gunzipSync(fs.readFileSync(file)).toString("utf8");
    expect(sql).toContain(c.clinic.id);
    expect(sql).toMatch(/-- PostgreSQL database dump complete\s*(--\s*)?$/);

    // Taken: not again that day, however often the schedule looks, nor by a restarted server.
    expect(await runDueBackups(db, target, morningOf("2026-11-30"), only)).toEqual([]);
    expect(await runDueBackups(db, target, new Date("2026-12-01T07:59:00.000Z"), only)).toEqual([]);
    // Before 02:30 on the 1st, the latest due is still the 30th's; at 02:30 the 1st's is due.
    const [next] = await runDueBackups(db, target, new Date("2026-12-01T10:30:00.000Z"), only);
    expect(next).toMatchObject({ outcome: "OK", day: new Date("2026-12-01T00:00:00.000Z") });
    expect(await db.backupRun.count({ where: { clinicId: c.clinic.id } })).toBe(2);

    // The dump held the app's one session on PGlite; the app's reads and transactions go on as before.
    const [{ isolation, readOnly }] = await db.$queryRaw<{ isolation: string; readOnly: string }[]>`SELECT current_setting('transaction_isolation') AS isolation, current_setting('transaction_read_only') AS "readOnly"`;
    expect({ isolation, readOnly }).toEqual({ isolation: "read committed", readOnly: "off" });
    await db.$transaction(async (tx) => tx.room.create({ data: { clinicId: c.clinic.id, name: "After the backup", capacity: 2 } }));
    expect(await db.room.count({ where: { clinicId: c.clinic.id, name: "After the backup" } })).toBe(1);
  });

  test("retention keeps the last days' and months' backups and deletes only the app's own older files", async () => {
    const { c, admin } = await clinicWithAdmin();
    await db.clinic.update({ where: { id: c.clinic.id }, data: { backupKeepDaily: 3, backupKeepMonthly: 2 } });
    const dir = path.join(scratch, "retention");
    const target = await targetIn(dir);
    fs.mkdirSync(dir, { recursive: true });
    // What the app did not write is never its to delete: db:backup's file, anything else.
    fs.writeFileSync(path.join(dir, "kap-20261001T101500Z.sql.gz"), "an operator's backup");
    fs.writeFileSync(path.join(dir, "notes.txt"), "keep me");

    const days = ["2026-10-30", "2026-10-31", "2026-11-26", "2026-11-27", "2026-11-28", "2026-11-29", "2026-11-30"];
    const runs = [];
    for (const day of days) runs.push(...(await runDueBackups(db, target, morningOf(day), { clinicIds: [c.clinic.id] })));
    expect(runs.map((r) => r.outcome)).toEqual(days.map(() => "OK"));

    // Kept: the 3 latest days (28–30 November) and the 2 latest months' latest (30 November, 31 October).
    const byDay = new Map(runs.map((r) => [r.day!.toISOString().slice(0, 10), r.fileName!]));
    const kept = ["2026-10-31", "2026-11-28", "2026-11-29", "2026-11-30"].map((d) => byDay.get(d)!);
    expect(fs.readdirSync(dir).sort()).toEqual([...kept, "kap-20261001T101500Z.sql.gz", "notes.txt"].sort());
    const rows = await db.backupRun.findMany({ where: { clinicId: c.clinic.id }, orderBy: { startedAt: "asc" } });
    expect(rows.map((r) => r.prunedAt !== null)).toEqual([true, false, true, true, false, false, false]);

    // Fewer kept is asked for in words first, and then deletes after the next backup.
    const fewer = { backupAtMinute: 150, backupKeepDaily: 1, backupKeepMonthly: 0, confirmDeletion: false };
    const refused = await updateBackupSettings(admin, fewer).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(InvalidInputError);
    expect((refused as InvalidInputError).fieldErrors.confirmDeletion?.[0]).toMatch(/^These numbers keep fewer backups than there are: 3 backup files would be deleted after the next backup\./);
    expect(await db.clinic.findUniqueOrThrow({ where: { id: c.clinic.id } })).toMatchObject({ backupKeepDaily: 3, backupKeepMonthly: 2 });
    expect(await updateBackupSettings(admin, { ...fewer, confirmDeletion: true })).toEqual({ deleting: 3 });
    await runDueBackups(db, target, morningOf("2026-12-01"), { clinicIds: [c.clinic.id] });
    expect(fs.readdirSync(dir).filter((f) => f.startsWith("kap-auto-"))).toHaveLength(1);
    expect(fs.readdirSync(dir)).toEqual(expect.arrayContaining(["kap-20261001T101500Z.sql.gz", "notes.txt"]));
  });

  test("a backup that cannot be written is recorded FAILED with the reason and in the audit log; earlier backups stay", async () => {
    const { c } = await clinicWithAdmin();
    await db.clinic.update({ where: { id: c.clinic.id }, data: { backupKeepDaily: 1, backupKeepMonthly: 0 } });
    const good = path.join(scratch, "failing", "good");
    const [earlier] = await runDueBackups(db, await targetIn(good), morningOf("2026-11-29"), { clinicIds: [c.clinic.id] });
    expect(earlier!.outcome).toBe("OK");

    // The backup folder cannot be made: a file is in the way.
    const blocked = path.join(scratch, "failing", "a-file");
    fs.writeFileSync(blocked, "");
    const [failed] = await runDueBackups(db, await targetIn(path.join(blocked, "backups")), morningOf("2026-11-30"), { clinicIds: [c.clinic.id] });
    expect(failed).toMatchObject({ outcome: "FAILED", fileName: null, sizeBytes: null, day: new Date("2026-11-30T00:00:00.000Z") });
    expect(failed!.error).toMatch(/is not a folder \(a file is in the way\)\.$/);
    expect(failed!.finishedAt).not.toBeNull();
    expect(await db.auditEvent.findMany({ where: { entity: "BackupRun", entityId: failed!.id } })).toEqual([
      expect.objectContaining({ action: "backup", outcome: "FAILED", actorId: null, clinicId: c.clinic.id }),
    ]);
    // Nothing was pruned for a failure, though only 1 daily backup is kept.
    expect(fs.readdirSync(good)).toEqual([earlier!.fileName]);
    expect(await db.backupRun.findUniqueOrThrow({ where: { id: earlier!.id } })).toMatchObject({ outcome: "OK", prunedAt: null });
    // The day's claim is spent: the failure is shown, not retried every minute.
    expect(await runDueBackups(db, await targetIn(good), morningOf("2026-11-30"), { clinicIds: [c.clinic.id] })).toEqual([]);
  });

  test("Back up now: one at a time, audited under the admin; a run cut off by a stop is recorded as failed and frees the way", async () => {
    const { c, admin } = await clinicWithAdmin();
    const target = await targetIn(path.join(scratch, "now"));
    const run = await backUpNow(admin, target);
    expect(run).toMatchObject({ outcome: "OK", trigger: "MANUAL", startedById: admin.id, day: null });
    expect(await db.auditEvent.count({ where: { entity: "BackupRun", entityId: run.id, actorId: admin.id, outcome: "ALLOWED" } })).toBe(1);

    // A run under way (claimed by another press, another process, or a server that then stopped).
    const running = await claimBackup(db, { clinicId: c.clinic.id, trigger: "MANUAL", by: admin }, new Date(Date.now() - 60_000));
    expect(running).not.toBeNull();
    await expect(backUpNow(admin, target)).rejects.toThrow(/^A backup is already running\./);
    // Neither does the schedule start a second one: it tries again at its next look.
    expect(await runDueBackups(db, target, new Date(), { clinicIds: [c.clinic.id] })).toEqual([]);

    // Cut off: started over half a minute ago and still running (younger runs of other test files are left alone).
    expect(await markInterruptedBackups(db, new Date(Date.now() - 30_000))).toBeGreaterThanOrEqual(1);
    expect(await db.backupRun.findUniqueOrThrow({ where: { id: running! } })).toMatchObject({ outcome: "FAILED", error: expect.stringMatching(/^The server stopped before this backup finished/) });
    expect(await db.auditEvent.count({ where: { entity: "BackupRun", entityId: running!, outcome: "FAILED", clinicId: c.clinic.id } })).toBe(1);
    expect((await backUpNow(admin, target)).outcome).toBe("OK");
  });
});
