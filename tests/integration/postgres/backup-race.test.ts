import path from "node:path";
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, test, vi } from "vitest";
import { dumpDatabase } from "@/lib/db/ops/backup";
import { checkDatabase } from "@/lib/db/ops/check";
import { rawPostgres } from "@/lib/db/ops/raw";
import { restoreDatabase } from "@/lib/db/ops/restore";
import { writeBackup } from "@/lib/db/ops/dump-file";
import type { NewSession } from "@/lib/protocol";
import { bookSessions } from "@/lib/scheduling/book-sessions";
import { testDb } from "../../support/database";
import { makeCouple, smallClinic, staffOf } from "../../support/fixtures";
import { closeBackupDatabases, dir, emptyDatabase, keepOpen } from "../../support/backup-databases";

// Issue 13: a backup taken on PostgreSQL while bookings race is one snapshot (pg_dump's), and
// restores to a state that satisfies db:check.

afterAll(closeBackupDatabases);

describe("a backup taken while bookings race", () => {
  test("restores to a state that satisfies db:check", async () => {
    vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true });
    vi.setSystemTime(new Date("2026-03-02T16:00:00Z"));
    try {
      const db = await testDb();
      const c = await smallClinic(db);
      const couples = [];
      for (let i = 0; i < 20; i++) couples.push(await makeCouple(db, c.clinic.id, c.therapist.id, `Race${i}`));
      const live = await rawPostgres(process.env.DATABASE_URL!);
      keepOpen(live);
      // Twenty bookings for overlapping hours in one room (a few win, the rest are refused), and a
      // dump started in the middle of them.
      const bookings = couples.map((couple, i) => {
        const startsAt = new Date(Date.UTC(2026, 2, 3, 17, i * 20));
        const session: NewSession = {
          id: randomUUID(), kind: "COUPLES_THERAPY", startsAt, endsAt: new Date(startsAt.getTime() + 60 * 60_000), roomId: c.willow.id,
          journeyerId: null, medicineSessionId: null, clinicianIds: [c.therapist.id], partnerIds: [couple.partnerAId, couple.partnerBId],
        };
        return bookSessions(staffOf(c.therapist), { coupleId: couple.id, cycleId: null, sessions: [session] });
      });
      const dump = dumpDatabase(live);
      const results = await Promise.allSettled(bookings);
      const file = path.join(dir, "during-races.sql.gz");
      await writeBackup(file, await dump);
      expect(results.filter((r) => r.status === "fulfilled").length).toBeGreaterThan(0);

      const target = await emptyDatabase("pglite");
      await restoreDatabase(target, file);
      expect(await checkDatabase(target)).toEqual([]);
      // Each booking is wholly in the snapshot or wholly out: a session with its clinician and both partners.
      const [seen] = await target.query<{ sessions: number; clinicians: number; attendees: number }>(
        `SELECT count(*)::int AS sessions, (SELECT count(*)::int FROM "SessionClinician" x JOIN "Session" s ON s.id = x."sessionId" WHERE s."clinicId" = $1) AS clinicians,
                (SELECT count(*)::int FROM "SessionAttendee" x JOIN "Session" s ON s.id = x."sessionId" WHERE s."clinicId" = $1) AS attendees
           FROM "Session" WHERE "clinicId" = $1`,
        [c.clinic.id],
      );
      const won = results.filter((r) => r.status === "fulfilled").length;
      expect(seen!.sessions).toBeLessThanOrEqual(won);
      expect(seen).toEqual({ sessions: seen!.sessions, clinicians: seen!.sessions, attendees: 2 * seen!.sessions });
    } finally {
      vi.useRealTimers();
    }
  });
});
