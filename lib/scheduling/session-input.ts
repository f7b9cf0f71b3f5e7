import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { coupleWhere, NOTHING } from "../auth/reach";
import type { Staff } from "../auth/session";
import { db } from "../db";
import { InvalidInputError, NotFoundError } from "../errors";
import { DATE_FIELDS, zCalendarDate } from "../input/calendar-date";
import { atClinicTime, integrationWindowWords, isMedicine, settingsFromClinic, type NewSession, type SessionKind } from "../protocol";

const ZDay = zCalendarDate(DATE_FIELDS.session, "Choose a date.");
/** A union with "" would hide the date's own message behind zod's "Invalid input". */
const ZOptionalDay = z.preprocess((v) => (v === "" ? undefined : v), ZDay.optional());
const ZTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Choose a start time (HH:MM).");
const ZId = z.string().uuid("Choose one from the list.");
const optionalId = z.preprocess((v) => (v === "" || v === "telehealth" ? null : v), ZId.nullable().optional());

export const ZSessionKind = z.enum(["INTAKE", "PREPARATION", "MEDICAL_EVALUATION", "MEDICINE_TAKING_TURNS", "MEDICINE_LOW_DOSE", "INTEGRATION", "COUPLES_THERAPY"], {
  message: "Choose the kind of session.",
});

/** The booking form: one session, or a medicine session with its integration (P4). */
export const ZBookingInput = z.object({
  coupleId: ZId,
  kind: ZSessionKind,
  date: ZDay,
  time: ZTime,
  roomId: optionalId,
  partnerId: optionalId,
  journeyerId: optionalId,
  psychiatristId: optionalId,
  integrationDate: ZOptionalDay,
  integrationTime: ZTime.optional().or(z.literal("").transform(() => undefined)),
  integrationRoomId: optionalId,
});
export type TBookingInput = z.output<typeof ZBookingInput>;

export const ZMoveInput = z.object({
  sessionId: ZId,
  date: ZDay,
  time: ZTime,
  roomId: optionalId,
  /** Moving a medicine session: its integration may move with it (P4), never silently. */
  integrationDate: ZOptionalDay,
  integrationTime: ZTime.optional().or(z.literal("").transform(() => undefined)),
});
export type TMoveInput = z.output<typeof ZMoveInput>;

export const ZSessionRef = z.object({ sessionId: ZId });
export const ZCancelInput = z.object({
  sessionId: ZId,
  reason: z.string().trim().min(3, "Give a reason for cancelling (at least 3 characters).").max(500, "Keep the reason under 500 characters."),
});

const ONE_PARTNER: SessionKind[] = ["INTAKE", "MEDICAL_EVALUATION"];

/**
 * Turns the form into the sessions to book: clinic-local date and time to instants, the
 * length from the clinic's settings, and the clinicians the protocol expects (an intake with
 * that partner's KAP therapist, an evaluation with a psychiatrist, the rest with the couple's
 * therapist). The cycle is the couple's open one.
 */
export async function draftBooking(staff: Staff, input: TBookingInput): Promise<{ coupleId: string; cycleId: string | null; sessions: NewSession[] }> {
  const couple = await db.couple.findFirst({
    where: { AND: [coupleWhere(staff, "session:book") ?? NOTHING, { id: input.coupleId }] },
    include: { clinic: true, cycles: { where: { status: { in: ["PLANNING", "ACTIVE"] } }, orderBy: { createdAt: "desc" }, take: 1 } },
  });
  if (!couple) throw new NotFoundError("The couple");
  const settings = settingsFromClinic(couple.clinic);
  const cycleId = input.kind === "COUPLES_THERAPY" ? null : couple.cycles[0]?.id ?? null;
  if (input.kind !== "COUPLES_THERAPY" && !cycleId) {
    throw new InvalidInputError("Start a KAP cycle for this couple before booking KAP sessions.", { kind: ["This couple has no open KAP cycle."] });
  }
  const need = (value: string | null | undefined, field: string, message: string) => {
    if (!value) throw new InvalidInputError("Please correct the highlighted fields.", { [field]: [message] });
    return value;
  };
  const partners = [couple.partnerAId, couple.partnerBId];
  const at = (day: string, time: string, kind: SessionKind) => {
    const [h, m] = time.split(":").map(Number);
    const startsAt = atClinicTime(day, h * 60 + m, settings.timeZone);
    return { startsAt, endsAt: new Date(startsAt.getTime() + settings.sessionMinutes[kind] * 60_000) };
  };

  let partnerIds = partners;
  let clinicianIds = [couple.couplesTherapistId];
  if (ONE_PARTNER.includes(input.kind)) {
    const partner = need(input.partnerId, "partnerId", "Choose which partner this session is for.");
    if (!partners.includes(partner)) throw new InvalidInputError("Please correct the highlighted fields.", { partnerId: ["Choose one of this couple's partners."] });
    partnerIds = [partner];
    if (input.kind === "INTAKE") clinicianIds = [partner === couple.partnerAId ? couple.partnerAKapTherapistId : couple.partnerBKapTherapistId];
  }
  if (input.kind === "MEDICAL_EVALUATION") clinicianIds = [need(input.psychiatristId, "psychiatristId", "Choose the psychiatrist.")];
  const roomId = input.kind === "MEDICAL_EVALUATION" ? input.roomId ?? null : need(input.roomId, "roomId", "Choose a room.");
  const journeyerId = input.kind === "MEDICINE_TAKING_TURNS" ? need(input.journeyerId, "journeyerId", "Choose who journeys in this session.") : null;

  const main: NewSession = { id: randomUUID(), kind: input.kind, ...at(input.date, input.time, input.kind), roomId, journeyerId, medicineSessionId: null, clinicianIds, partnerIds };
  if (!isMedicine(input)) return { coupleId: couple.id, cycleId, sessions: [main] };
  const integration: NewSession = {
    id: randomUUID(),
    kind: "INTEGRATION",
    ...at(need(input.integrationDate, "integrationDate", `Choose the integration's date (P4: ${integrationWindowWords(settings.integrationWindowDays)} after, on a day the clinic is open).`), need(input.integrationTime, "integrationTime", "Choose the integration's start time."), "INTEGRATION"),
    roomId: need(input.integrationRoomId, "integrationRoomId", "Choose a room for the integration."),
    journeyerId: null,
    medicineSessionId: main.id,
    clinicianIds: [couple.couplesTherapistId],
    partnerIds: partners,
  };
  return { coupleId: couple.id, cycleId, sessions: [main, integration] };
}

/** The move form as session moves: the session, and its integration when a new time is given for it. */
export async function draftMove(staff: Staff, input: TMoveInput) {
  const session = await db.session.findFirst({
    where: { id: input.sessionId, clinicId: staff.clinicId },
    include: { clinic: true, integrations: { where: { status: { not: "CANCELLED" } } } },
  });
  if (!session) throw new NotFoundError("The session");
  const tz = session.clinic.timeZone;
  const instant = (day: string, time: string) => {
    const [h, m] = time.split(":").map(Number);
    return atClinicTime(day, h * 60 + m, tz);
  };
  const length = session.endsAt.getTime() - session.startsAt.getTime();
  const startsAt = instant(input.date, input.time);
  const moves = [{ sessionId: session.id, startsAt, endsAt: new Date(startsAt.getTime() + length), roomId: input.roomId === undefined ? undefined : input.roomId }];
  const integration = session.integrations[0];
  if (integration && input.integrationDate && input.integrationTime) {
    const start = instant(input.integrationDate, input.integrationTime);
    moves.push({ sessionId: integration.id, startsAt: start, endsAt: new Date(start.getTime() + (integration.endsAt.getTime() - integration.startsAt.getTime())), roomId: undefined });
  }
  return moves;
}
