import "server-only";
import { recordAudit } from "../audit/record";
import { partnerWhere, sessionWhere } from "../auth/reach";
import type { Staff } from "../auth/session";
import { db } from "../db";
import { InvalidInputError, NotFoundError } from "../errors";
import { atClinicTime, clinicDate } from "../protocol/calendar";
import type { TRecordMeasure } from "./input";
import { INSTRUMENTS, score, type Band } from "./instruments";

/** A measure dated an earlier day is placed at noon of that day, clinic time. */
const NOON = 12 * 60;

/**
 * A clinician enters a partner's measure: reach first (a partner out of reach is not found), then
 * the optional session (one the partner attended, within the clinician's reach), the date (blank
 * or today: now; an earlier day: its noon; never the future), the score on the server, and the
 * response with its audit row in one transaction. The audit row names the record, never the answers.
 */
export async function recordMeasure(staff: Staff, input: TRecordMeasure, now = new Date()): Promise<{ id: string; total: number; band: Band }> {
  const partners = partnerWhere(staff, "measure:record");
  if (!partners) throw new NotFoundError("The partner");
  return db.$transaction(async (tx) => {
    const partner = await tx.client.findFirst({ where: { AND: [partners, { id: input.clientId }] }, select: { id: true, clinicId: true, clinic: { select: { timeZone: true } } } });
    if (!partner) throw new NotFoundError("The partner");
    if (input.sessionId) {
      const sessions = sessionWhere(staff, "measure:record");
      const session =
        sessions &&
        (await tx.session.findFirst({
          where: { AND: [sessions, { id: input.sessionId, attendees: { some: { clientId: partner.id } } }] },
          select: { id: true },
        }));
      if (!session) throw new InvalidInputError("Choose a session of this partner, or none.", { sessionId: ["Choose a session of this partner, or none."] });
    }
    const zone = partner.clinic.timeZone;
    const today = clinicDate(now, zone);
    if (input.takenOn && input.takenOn > today) {
      throw new InvalidInputError("A measure cannot be dated in the future.", { takenOn: ["A measure cannot be dated in the future."] });
    }
    const takenAt = !input.takenOn || input.takenOn === today ? now : atClinicTime(input.takenOn, NOON, zone);
    const { total, band } = score(input.instrument, input.answers);
    const response = await tx.measureResponse.create({
      data: {
        clinicId: partner.clinicId,
        clientId: partner.id,
        instrument: input.instrument,
        answers: input.answers,
        total,
        takenAt,
        source: "CLINICIAN",
        enteredById: staff.id,
        sessionId: input.sessionId ?? null,
      },
      select: { id: true },
    });
    await recordAudit(tx, staff, { action: "create", entity: "MeasureResponse", entityId: response.id, clientId: partner.id, outcome: "ALLOWED" });
    return { id: response.id, total, band };
  });
}

/** "PHQ-9 recorded: 7 (Mild)." for the form's confirmation. */
export function recordedMessage(instrument: keyof typeof INSTRUMENTS, total: number, band: Band): string {
  return `${INSTRUMENTS[instrument].name} recorded: ${total} of ${INSTRUMENTS[instrument].maxTotal} (${band.label}).`;
}
