import { describe, expect, test } from "vitest";
import { APP_BACKUP_NAME, appBackupName, backupsToKeep, backupsToPrune, type StoredBackup } from "@/lib/backups/retention";
import { atClinicTime } from "@/lib/protocol/calendar";

const LA = "America/Los_Angeles";

/** One backup a day at 02:30 in Los Angeles, from `first` for `days` days, named by their date. */
function daily(first: string, days: number): StoredBackup[] {
  const start = Date.parse(`${first}T12:00:00Z`);
  return Array.from({ length: days }, (_, i) => {
    const day = new Date(start + i * 86_400_000).toISOString().slice(0, 10);
    return { id: day, startedAt: atClinicTime(day, 150, LA) };
  });
}
const ids = (backups: readonly StoredBackup[]) => backups.map((b) => b.id);

describe("which backups are kept (restic's keep-daily and keep-monthly)", () => {
  test("14 daily and 12 monthly, 20 days of backups in one month: the 14 latest days stay, the 6 oldest go, oldest first", () => {
    const backups = daily("2026-11-10", 20);
    expect(ids(backupsToPrune(backups, { keepDaily: 14, keepMonthly: 12, timeZone: LA }))).toEqual(["2026-11-10", "2026-11-11", "2026-11-12", "2026-11-13", "2026-11-14", "2026-11-15"]);
  });

  test("across months: the last 7 days, and each of the last 3 months' latest (the last day of September and October)", () => {
    const backups = daily("2026-09-01", 91); // 1 September … 30 November
    const kept = [...backupsToKeep(backups, { keepDaily: 7, keepMonthly: 3, timeZone: LA })].sort();
    expect(kept).toEqual(["2026-09-30", "2026-10-31", "2026-11-24", "2026-11-25", "2026-11-26", "2026-11-27", "2026-11-28", "2026-11-29", "2026-11-30"]);
    expect(backupsToPrune(backups, { keepDaily: 7, keepMonthly: 3, timeZone: LA })).toHaveLength(91 - 9);
  });

  test("several backups on one day (a \"Back up now\" beside the scheduled one) count as that day's one: its latest", () => {
    const backups: StoredBackup[] = [
      { id: "scheduled-29", startedAt: new Date("2026-11-29T10:30:00Z") },
      { id: "manual-29-noon", startedAt: new Date("2026-11-29T20:00:00Z") },
      { id: "manual-29-evening", startedAt: new Date("2026-11-30T02:00:00Z") }, // 18:00 on the 29th in Los Angeles
      { id: "scheduled-30", startedAt: new Date("2026-11-30T10:30:00Z") },
    ];
    expect([...backupsToKeep(backups, { keepDaily: 2, keepMonthly: 0, timeZone: LA })].sort()).toEqual(["manual-29-evening", "scheduled-30"]);
    expect(ids(backupsToPrune(backups, { keepDaily: 2, keepMonthly: 0, timeZone: LA }))).toEqual(["scheduled-29", "manual-29-noon"]);
  });

  test("days and months are the clinic's: 05:00 UTC on 1 December is still 30 November in Los Angeles", () => {
    const backups: StoredBackup[] = [
      { id: "nov-29", startedAt: new Date("2026-11-29T10:30:00Z") },
      { id: "late-nov-30", startedAt: new Date("2026-12-01T05:00:00Z") },
      { id: "dec-1", startedAt: new Date("2026-12-01T10:30:00Z") },
    ];
    // One month kept: December's latest. In UTC "late-nov-30" would be December's and "nov-29" November's.
    expect([...backupsToKeep(backups, { keepDaily: 1, keepMonthly: 2, timeZone: LA })].sort()).toEqual(["dec-1", "late-nov-30"]);
    expect([...backupsToKeep(backups, { keepDaily: 1, keepMonthly: 2, timeZone: "UTC" })].sort()).toEqual(["dec-1", "nov-29"]);
  });

  test("days with no backup are not counted: 3 daily keeps the 3 latest days that have one, however far apart", () => {
    const backups = [...daily("2026-06-01", 2), ...daily("2026-06-20", 2)];
    expect([...backupsToKeep(backups, { keepDaily: 3, keepMonthly: 0, timeZone: LA })].sort()).toEqual(["2026-06-02", "2026-06-20", "2026-06-21"]);
  });

  test("a daylight-saving day is one day: the backups of 7, 8 and 9 March 2026 (clocks forward on the 8th) are three days", () => {
    const backups = daily("2026-03-07", 3);
    expect(backupsToPrune(backups, { keepDaily: 3, keepMonthly: 0, timeZone: LA })).toEqual([]);
    expect(ids(backupsToPrune(backups, { keepDaily: 2, keepMonthly: 0, timeZone: LA }))).toEqual(["2026-03-07"]);
  });

  test("a year of backups with the defaults (14 daily, 12 monthly) keeps 14 days and 11 earlier months' latest: 25", () => {
    const backups = daily("2026-01-01", 365);
    const kept = backupsToKeep(backups, { keepDaily: 14, keepMonthly: 12, timeZone: LA });
    expect(kept.size).toBe(25);
    expect(kept.has("2026-01-31")).toBe(true);
    expect(kept.has("2026-01-30")).toBe(false);
  });

  test("nothing to keep from nothing; the newest backup is always kept", () => {
    expect(backupsToPrune([], { keepDaily: 1, keepMonthly: 0, timeZone: LA })).toEqual([]);
    const backups = daily("2026-05-01", 10);
    expect([...backupsToKeep(backups, { keepDaily: 1, keepMonthly: 0, timeZone: LA })]).toEqual(["2026-05-10"]);
  });
});

describe("the app's backup file names", () => {
  test("a run's file is named by its UTC time and its id, and only that shape is the app's to delete", () => {
    const name = appBackupName("20261130T103000Z", "3f2a9c1e-77b4-4c1d-9e0f-0123456789ab");
    expect(name).toBe("kap-auto-20261130T103000Z-3f2a9c1e.sql.gz");
    expect(APP_BACKUP_NAME.test(name)).toBe(true);
    for (const other of ["kap-20261130T103000Z.sql.gz", "../kap-auto-20261130T103000Z-3f2a9c1e.sql.gz", "kap-auto-20261130T103000Z-3f2a9c1e.sql.gz.partial", "pglite", ".kap-auto-20261130T103000Z-3f2a9c1e.sql.gz.123.partial"]) {
      expect(APP_BACKUP_NAME.test(other), other).toBe(false);
    }
  });
});
