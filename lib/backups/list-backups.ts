import "server-only";
import path from "node:path";
import { db } from "../db";
import { env } from "../env";
import { nextSlot } from "./schedule";

/** What /admin/backups shows: the clinic's settings, its latest runs (newest first), the folder and the next backup. */
export async function loadBackups(clinicId: string, now = new Date()) {
  const [clinic, runs] = await Promise.all([
    db.clinic.findUniqueOrThrow({ where: { id: clinicId }, select: { timeZone: true, backupAtMinute: true, backupKeepDaily: true, backupKeepMonthly: true } }),
    db.backupRun.findMany({
      where: { clinicId },
      orderBy: [{ startedAt: "desc" }, { id: "desc" }],
      take: 100,
      select: { id: true, trigger: true, day: true, outcome: true, startedAt: true, finishedAt: true, fileName: true, sizeBytes: true, error: true, prunedAt: true, startedBy: { select: { name: true } } },
    }),
  ]);
  return {
    settings: clinic,
    runs: runs.map((run) => ({ ...run, sizeBytes: run.sizeBytes === null ? null : Number(run.sizeBytes) })),
    folder: path.resolve(env.KAP_BACKUP_DIR),
    next: nextSlot(now, clinic.backupAtMinute, clinic.timeZone),
    scheduled: env.KAP_SCHEDULED_BACKUPS === "on",
  };
}
export type BackupsPage = Awaited<ReturnType<typeof loadBackups>>;
