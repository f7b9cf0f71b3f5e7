import { describe, expect, test } from "vitest";
import { ZBackupSettingsForm } from "@/lib/backups/settings";
import { formatBytes } from "@/lib/format/bytes";

const parse = (form: Record<string, string>) => ZBackupSettingsForm.safeParse(form);
const errors = (form: Record<string, string>) => {
  const result = parse(form);
  return result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message]));
};

describe("the backup settings form", () => {
  test("a time, two numbers and the confirmation box", () => {
    expect(parse({ backupAtMinute: "02:30", backupKeepDaily: "14", backupKeepMonthly: "12" }).data).toEqual({ backupAtMinute: 150, backupKeepDaily: 14, backupKeepMonthly: 12, confirmDeletion: false });
    expect(parse({ backupAtMinute: "23:59", backupKeepDaily: "1", backupKeepMonthly: "0", confirmDeletion: "on" }).data).toEqual({ backupAtMinute: 1439, backupKeepDaily: 1, backupKeepMonthly: 0, confirmDeletion: true });
    expect(parse({ backupAtMinute: "00:00", backupKeepDaily: "366", backupKeepMonthly: "120" }).success).toBe(true);
  });

  test.each([
    [{ backupAtMinute: "24:00", backupKeepDaily: "14", backupKeepMonthly: "12" }, { backupAtMinute: "Enter the time of the daily backup, as HH:MM." }],
    [{ backupAtMinute: "", backupKeepDaily: "14", backupKeepMonthly: "12" }, { backupAtMinute: "Enter the time of the daily backup, as HH:MM." }],
    [{ backupAtMinute: "02:30", backupKeepDaily: "0", backupKeepMonthly: "12" }, { backupKeepDaily: "The daily backups kept must be at least 1 day." }],
    [{ backupAtMinute: "02:30", backupKeepDaily: "367", backupKeepMonthly: "12" }, { backupKeepDaily: "The daily backups kept must be at most 366 days." }],
    [{ backupAtMinute: "02:30", backupKeepDaily: "14", backupKeepMonthly: "-1" }, { backupKeepMonthly: "The monthly backups kept must be at least 0 months." }],
    [{ backupAtMinute: "02:30", backupKeepDaily: "14", backupKeepMonthly: "121" }, { backupKeepMonthly: "The monthly backups kept must be at most 120 months." }],
    [{ backupAtMinute: "02:30", backupKeepDaily: "2.5", backupKeepMonthly: "12" }, { backupKeepDaily: "The daily backups kept must be a whole number of days." }],
    [{ backupAtMinute: "02:30", backupKeepDaily: "", backupKeepMonthly: "12" }, { backupKeepDaily: "The daily backups kept: enter a number of days." }],
  ])("refused with the field's own words: %o", (form, expected) => {
    expect(errors(form)).toEqual(expected);
  });
});

test.each([
  [0, "0 bytes"],
  [1, "1 byte"],
  [1023, "1023 bytes"],
  [1024, "1.0 KB"],
  [49_357, "48.2 KB"],
  [2_097_152, "2.0 MB"],
  [5 * 1024 ** 3, "5.0 GB"],
])("a file of %d bytes reads %s", (bytes, words) => {
  expect(formatBytes(bytes)).toBe(words);
});
