// Issue 13's budget: a backup of the whole large clinic, and its restore into an empty database
// of the same kind, each within 30 s (the server stopped: PGlite has one owner).
import fs from "node:fs";
import path from "node:path";
import type { DatabaseTarget } from "../lib/db/adapter";
import { backupDatabase } from "../lib/db/ops/backup";
import { openRaw } from "../lib/db/ops/raw";
import { restoreDatabase } from "../lib/db/ops/restore";
import { createDatabase, dropDatabase } from "./prepare-database";

export type BackupRun = { backupSeconds: number; restoreSeconds: number; bytes: number };

const inUse = (owner: string) => `The bench's database is held by process ${owner}.`;
const seconds = (since: number) => Math.round((performance.now() - since) / 100) / 10;

export async function measureBackup(target: DatabaseTarget, serverUrl: string, name: string): Promise<BackupRun> {
  const file = path.resolve(".data/bench-backup.sql.gz");
  const copyName = `${name}_restore`;
  const copyDir = path.resolve(".data/bench-restore");
  try {
    const source = await openRaw(target, inUse);
    let bytes: number;
    let started = performance.now();
    try {
      ({ bytes } = await backupDatabase(source, file));
    } finally {
      await source.close();
    }
    const backupSeconds = seconds(started);

    fs.rmSync(copyDir, { recursive: true, force: true });
    const copyTarget: DatabaseTarget = target.kind === "postgres" ? { kind: "postgres", url: await createDatabase(serverUrl, copyName) } : { kind: "pglite", dataDir: copyDir };
    started = performance.now();
    const copy = await openRaw(copyTarget, inUse, { create: true });
    try {
      await restoreDatabase(copy, file);
    } finally {
      await copy.close();
    }
    return { backupSeconds, restoreSeconds: seconds(started), bytes };
  } finally {
    fs.rmSync(file, { force: true });
    fs.rmSync(copyDir, { recursive: true, force: true });
    fs.rmSync(`${copyDir}.lock`, { force: true });
    if (target.kind === "postgres") await dropDatabase(serverUrl, copyName);
  }
}
