// The plain-SQL baseline: the same kind of booking (a couple's one-hour session in a free slot)
// as the server action writes it, in one transaction with the same constraints (the couple's row
// lock, the EXCLUDE constraints on room, clinician and partners, the audit row), with no app in
// between. Run at the same concurrency as the action's load.
import type { FreeSlot } from "./clinic-model";
import { percentile, round } from "./load";
import type { Sql } from "./sql";

export type BaselineResult = { bookings: number; failed: number; p50Ms: number; p95Ms: number; perSecond: number; statementsPerBooking: number };

const STATEMENTS = 5;

async function book(sql: Sql, clinicId: string, actorId: string, slot: FreeSlot): Promise<void> {
  await sql.transaction(async (tx) => {
    await tx.query(`SELECT 1 FROM "Couple" WHERE "id" = $1::uuid FOR UPDATE`, [slot.coupleId]);
    const [session] = await tx.query<{ id: string }>(
      `INSERT INTO "Session" ("clinicId", "coupleId", "kind", "startsAt", "endsAt", "roomId", "createdById", "updatedAt")
       VALUES ($1, $2, 'COUPLES_THERAPY', $3, $4, $5, $6, now()) RETURNING "id"`,
      [clinicId, slot.coupleId, slot.startsAt.toISOString(), slot.endsAt.toISOString(), slot.roomId, actorId],
    );
    const link = [session.id, slot.startsAt.toISOString(), slot.endsAt.toISOString()];
    await tx.query(`INSERT INTO "SessionClinician" ("sessionId", "sessionStartsAt", "sessionEndsAt", "sessionStatus", "userId") VALUES ($1, $2, $3, 'SCHEDULED', $4)`, [...link, slot.clinicianId]);
    await tx.query(
      `INSERT INTO "SessionAttendee" ("sessionId", "sessionStartsAt", "sessionEndsAt", "sessionStatus", "clientId") VALUES ($1, $2, $3, 'SCHEDULED', $4), ($1, $2, $3, 'SCHEDULED', $5)`,
      [...link, ...slot.partnerIds],
    );
    await tx.query(`INSERT INTO "AuditEvent" ("actorId", "actorRole", "clinicId", "action", "entity", "entityId", "outcome") VALUES ($1, 'FRONT_DESK', $2, 'book', 'Session', $3, 'ALLOWED')`, [
      actorId,
      clinicId,
      session.id,
    ]);
  });
}

/** Books every slot with `concurrency` workers, bounded by the slots and by `maxSeconds`. */
export async function runBaseline(sql: Sql, clinicId: string, actorId: string, slots: FreeSlot[], concurrency: number, maxSeconds: number): Promise<BaselineResult> {
  const latencies: number[] = [];
  let failed = 0;
  let next = 0;
  const started = performance.now();
  const deadline = started + maxSeconds * 1000;
  const worker = async () => {
    while (next < slots.length && performance.now() < deadline) {
      const slot = slots[next++];
      const t = performance.now();
      try {
        await book(sql, clinicId, actorId, slot);
        latencies.push(performance.now() - t);
      } catch {
        failed++;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  // "+ 2": BEGIN and COMMIT.
  return { bookings: latencies.length, failed, p50Ms: round(percentile(latencies, 50)), p95Ms: round(percentile(latencies, 95)), perSecond: round(latencies.length / seconds), statementsPerBooking: STATEMENTS + 2 };
}
