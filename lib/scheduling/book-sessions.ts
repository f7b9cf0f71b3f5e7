import "server-only";
import { recordAudits } from "../audit/record";
import type { Staff } from "../auth/session";
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
  // Medicine sessions first: an integration's foreign key points at its medicine session.
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
      // Three multi-row inserts, not a nested create per session: a nested create also reads
      // the session back, and every statement is a round trip the booking waits for. Foreign
      // keys are checked at the end of each statement, so an integration may name the medicine
      // session inserted beside it.
      await tx.session.createMany({
        data: ordered.map((s) => ({
          id: s.id,
          clinicId: staff.clinicId,
          coupleId: request.coupleId,
          cycleId: s.kind === "COUPLES_THERAPY" ? null : request.cycleId,
          kind: s.kind,
          startsAt: s.startsAt,
          endsAt: s.endsAt,
          roomId: s.roomId,
          journeyerId: s.journeyerId,
          medicineSessionId: s.medicineSessionId,
          seriesId: request.series?.id ?? null,
          createdById: staff.id,
        })),
      });
      // The session's time and status are copied onto its clinicians and attendees (a composite
      // foreign key) so that their EXCLUDE constraints can see when each person is busy.
      const times = (s: NewSession) => ({ sessionId: s.id, sessionStartsAt: s.startsAt, sessionEndsAt: s.endsAt, sessionStatus: "SCHEDULED" as const });
      await tx.sessionClinician.createMany({ data: ordered.flatMap((s) => s.clinicianIds.map((userId) => ({ ...times(s), userId }))) });
      await tx.sessionAttendee.createMany({
        data: ordered.flatMap((s) =>
          s.partnerIds.map((clientId) => ({ ...times(s), clientId, role: s.journeyerId ? (clientId === s.journeyerId ? ("JOURNEYER" as const) : ("SITTER" as const)) : ("PARTICIPANT" as const) })),
        ),
      });
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
