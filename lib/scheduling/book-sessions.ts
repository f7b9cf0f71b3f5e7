import "server-only";
import { recordAudits } from "../audit/record";
import type { Staff } from "../auth/session";
import type { Tx } from "../db/prisma";
import type { NewSession } from "../protocol";
import { underProtocol } from "./under-protocol";

export type BookingRequest = {
  coupleId: string;
  /** Null only for couples therapy outside a KAP cycle. */
  cycleId: string | null;
  /** One session, or a whole plan: all are booked or none (P4 books a medicine session with its integration). */
  sessions: NewSession[];
  /** A recurring series (lib/scheduling/book-series.ts): its row, written with its sessions. */
  series?: { id: string; rule: string; firstDay: string; startMinute: number };
};

/**
 * Books sessions in one transaction, after the protocol engine allows them; the database's
 * EXCLUDE constraints stop any double booking (P8) that two requests race into.
 */
export async function bookSessions(staff: Staff, request: BookingRequest) {
  // Medicine sessions first, then integrations: the order the engine is shown the change in and
  // the ids come back in (the insert itself checks foreign keys at the end of its statement).
  const ordered = [...request.sessions].sort((a, b) => Number(a.kind === "INTEGRATION") - Number(b.kind === "INTEGRATION"));
  const { result, notices } = await underProtocol({
    staff,
    coupleId: request.coupleId,
    cycleId: request.cycleId,
    change: () => ({ type: "book", sessions: ordered }),
    attempts: () => ordered,
    write: async (tx) => {
      if (request.series) {
        const { id, rule, firstDay, startMinute } = request.series;
        await tx.sessionSeries.create({ data: { id, clinicId: staff.clinicId, coupleId: request.coupleId, rule, firstDay: new Date(`${firstDay}T00:00:00Z`), startMinute, createdById: staff.id } });
      }
      // One statement for the sessions, their clinicians and their attendees, as plain SQL: a
      // round trip per table, and Prisma's createMany (compiled anew on every call: its
      // query-plan cache skips createMany), cost a booking ~2 ms. The session's time and status
      // are copied onto its clinicians and attendees (a composite foreign key) so that their
      // EXCLUDE constraints can see when each person is busy. Foreign keys are checked at the
      // end of the statement, so the rows may name the sessions inserted beside them (an
      // integration its medicine session); the EXCLUDE constraints check each row as it goes in.
      await insertSessions(tx, staff, request, ordered);
      await recordAudits(tx, staff, [
        ...ordered.map((s) => ({ action: "book", entity: "Session", entityId: s.id, outcome: "ALLOWED" as const })),
        ...(request.series ? [{ action: "book", entity: "SessionSeries", entityId: request.series.id, outcome: "ALLOWED" as const }] : []),
      ]);
      // The first booked KAP session opens a cycle that was still being planned.
      if (request.cycleId && ordered.some((s) => s.kind !== "COUPLES_THERAPY")) {
        await tx.kapCycle.updateMany({ where: { id: request.cycleId, status: "PLANNING" }, data: { status: "ACTIVE" } });
      }
      return ordered.map((s) => s.id);
    },
  });
  return { sessionIds: result, notices };
}

/** The sessions with their clinicians and attendees, in one INSERT … WITH statement. */
async function insertSessions(tx: Tx, staff: Staff, request: BookingRequest, sessions: readonly NewSession[]): Promise<void> {
  const at = (s: NewSession) => ({ sessionId: s.id, startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString() });
  const rows = JSON.stringify(
    sessions.map((s) => ({
      ...at(s),
      cycleId: s.kind === "COUPLES_THERAPY" ? null : request.cycleId,
      kind: s.kind,
      roomId: s.roomId,
      journeyerId: s.journeyerId,
      medicineSessionId: s.medicineSessionId,
    })),
  );
  const clinicians = JSON.stringify(sessions.flatMap((s) => s.clinicianIds.map((userId) => ({ ...at(s), userId }))));
  const attendees = JSON.stringify(
    sessions.flatMap((s) => s.partnerIds.map((clientId) => ({ ...at(s), clientId, role: s.journeyerId ? (clientId === s.journeyerId ? "JOURNEYER" : "SITTER") : "PARTICIPANT" }))),
  );
  await tx.$executeRaw`
    WITH sessions AS (
      INSERT INTO "Session" ("id", "clinicId", "coupleId", "cycleId", "kind", "startsAt", "endsAt", "roomId", "journeyerId", "medicineSessionId", "seriesId", "createdById", "updatedAt")
      SELECT r."sessionId", ${staff.clinicId}::uuid, ${request.coupleId}::uuid, r."cycleId", r."kind"::"SessionKind", r."startsAt", r."endsAt", r."roomId", r."journeyerId", r."medicineSessionId", ${request.series?.id ?? null}::uuid, ${staff.id}::uuid, now()
      FROM jsonb_to_recordset(${rows}::jsonb) AS r("sessionId" uuid, "cycleId" uuid, "kind" text, "startsAt" timestamptz, "endsAt" timestamptz, "roomId" uuid, "journeyerId" uuid, "medicineSessionId" uuid)
      RETURNING 1
    ), clinicians AS (
      INSERT INTO "SessionClinician" ("sessionId", "userId", "sessionStartsAt", "sessionEndsAt", "sessionStatus")
      SELECT r."sessionId", r."userId", r."startsAt", r."endsAt", 'SCHEDULED'::"SessionStatus"
      FROM jsonb_to_recordset(${clinicians}::jsonb) AS r("sessionId" uuid, "userId" uuid, "startsAt" timestamptz, "endsAt" timestamptz)
      RETURNING 1
    )
    INSERT INTO "SessionAttendee" ("sessionId", "clientId", "role", "sessionStartsAt", "sessionEndsAt", "sessionStatus")
    SELECT r."sessionId", r."clientId", r."role"::"AttendeeRole", r."startsAt", r."endsAt", 'SCHEDULED'::"SessionStatus"
    FROM jsonb_to_recordset(${attendees}::jsonb) AS r("sessionId" uuid, "clientId" uuid, "role" text, "startsAt" timestamptz, "endsAt" timestamptz)`;
}
