import { describe, expect, it } from "vitest";
import { runBaseline } from "../../bench/baseline";
import { buildClinic, freeSlots, SMALL } from "../../bench/clinic-model";
import { insertClinicalRecord } from "../../bench/clinical-record";
import { insertClinic } from "../../bench/insert-clinic";
import { markdown, type Report } from "../../bench/report";
import type { Sql } from "../../bench/sql";
import { roomSchedule } from "@/lib/sessions/room-schedule";
import { testDb } from "../support/database";

// The benchmark's small version, on the test database: the generator's bulk inserts pass every
// constraint, the free slots it finds really are free (the plain-SQL baseline books them all),
// and the calendar's query sees the generated week. Budgets are the bench's (`npm run bench`),
// not this test's: nothing here is timed.

describe("bench (small clinic)", () => {
  it("generates a clinic the database accepts, books its free slots and shows its week", async () => {
    const db = await testDb();
    const sql: Sql = {
      query: (text, params = []) => db.$queryRawUnsafe(text, ...params),
      transaction: (work) => db.$transaction((tx) => work({ query: (text, params = []) => tx.$queryRawUnsafe(text, ...params) })),
      close: async () => {},
    };
    const namespace = Math.floor(Math.random() * 0xffffffff).toString(16).padStart(8, "0");
    const model = buildClinic(SMALL, new Date(), namespace);
    await insertClinic(sql, model, "not-a-real-hash");
    expect(await db.session.count({ where: { clinicId: model.clinicId } })).toBe(SMALL.sessions);
    expect(await db.sessionAttendee.count({ where: { session: { clinicId: model.clinicId } } })).toBe(model.sessions.reduce((n, s) => n + s.attendees.length, 0));

    // The couple page's record: the notes and measures pass the database's own checks (signed
    // notes, addenda after signing, answers on each instrument's scale summing to the total).
    const record = await insertClinicalRecord(sql, model);
    expect(record.notes).toBeGreaterThan(0);
    expect(await db.sessionNote.count({ where: { session: { coupleId: record.coupleId }, signedAt: { not: null } } })).toBe(record.notes);
    expect(await db.measureResponse.count({ where: { clinicId: model.clinicId } })).toBe(record.measures);

    const slots = freeSlots(model, 12);
    const baseline = await runBaseline(sql, model.clinicId, model.desk.id, slots, 4, 30);
    expect(baseline).toMatchObject({ bookings: 12, failed: 0 });

    const desk = { id: model.desk.id, name: model.desk.name, email: model.desk.email, roles: ["FRONT_DESK" as const], clinicId: model.clinicId, ip: null };
    const week = await roomSchedule(desk, model.timeZone, model.today, 7);
    expect(week.rooms).toHaveLength(SMALL.rooms);
    const report: Report = { at: "now", cores: 2, cpu: "test", loadAverage: [0, 0, 0], node: process.version, size: "small", runs: [], firstLoadJs: [{ route: "/calendar", gzipKb: 151 }] };
    expect(markdown(report)).toContain("| `/calendar` | 151 kB ❌ |");
  });
});
