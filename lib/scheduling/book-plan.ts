import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { coupleWhere, NOTHING } from "../auth/reach";
import type { Staff } from "../auth/session";
import { db } from "../db";
import { InvalidInputError, NotFoundError } from "../errors";
import { DATE_FIELDS, zCalendarDate } from "../input/calendar-date";
import { numberFromForm } from "../input/decimal";
import { atClinicTime, settingsFromClinic, type NewSession } from "../protocol";
import { bookSessions } from "./book-sessions";
import { ZSessionKind } from "./session-input";

const ZRow = z.object({
  kind: ZSessionKind,
  date: zCalendarDate(DATE_FIELDS.session, "Choose a date."),
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Choose a start time (HH:MM)."),
  roomId: z.preprocess((v) => (v === "" || v === "telehealth" ? null : v), z.string().uuid("Choose a room.").nullable()),
  partnerIds: z.preprocess((v) => (typeof v === "string" ? v.split(",") : v), z.array(z.string().uuid()).min(1).max(2)),
  clinicianIds: z.preprocess((v) => (typeof v === "string" ? v.split(",") : v), z.array(z.string().uuid()).min(1).max(4)),
  journeyerId: z.preprocess((v) => (v === "" ? null : v), z.string().uuid().nullable()),
  /** An integration's medicine session, by its row number in this plan. */
  medicineIndex: z.preprocess((v) => numberFromForm(v) ?? null, z.number().int().min(0).nullable()),
});

/** The most sessions one plan books: a Low Dose Together series of 8 with every prerequisite is 24. */
export const PLAN_ROWS = 40;

export const ZPlanInput = z.object({
  coupleId: z.string().uuid(),
  rows: z.array(ZRow).min(1, "The plan has no sessions.").max(PLAN_ROWS, `A plan has at most ${PLAN_ROWS} sessions.`),
});
export type TPlanInput = z.output<typeof ZPlanInput>;

/**
 * Books the plan the therapist reviewed, all sessions or none, into the couple's open cycle.
 * Partners must be the couple's and clinicians this clinic's; the engine judges the rest.
 */
export async function bookPlan(staff: Staff, input: TPlanInput) {
  const couple = await db.couple.findFirst({
    where: { AND: [coupleWhere(staff, "cycle:plan") ?? NOTHING, { id: input.coupleId }] },
    include: { clinic: true, cycles: { where: { status: { in: ["PLANNING", "ACTIVE"] } }, take: 1, orderBy: { createdAt: "desc" } } },
  });
  if (!couple) throw new NotFoundError("The couple");
  const cycle = couple.cycles[0];
  if (!cycle) throw new NotFoundError("An open KAP cycle for this couple");
  const partners = new Set([couple.partnerAId, couple.partnerBId]);
  const staffIds = new Set((await db.user.findMany({ where: { clinicId: staff.clinicId, active: true }, select: { id: true } })).map((u) => u.id));
  const settings = settingsFromClinic(couple.clinic);
  const ids = input.rows.map(() => randomUUID());
  const sessions: NewSession[] = input.rows.map((row, i) => {
    if (!row.partnerIds.every((p) => partners.has(p)) || (row.journeyerId && !partners.has(row.journeyerId))) {
      throw new InvalidInputError(`Row ${i + 1}: the partners must be this couple's.`);
    }
    if (!row.clinicianIds.every((c) => staffIds.has(c))) throw new InvalidInputError(`Row ${i + 1}: the clinicians must be active staff of this clinic.`);
    if (row.medicineIndex !== null && (row.medicineIndex >= input.rows.length || row.medicineIndex === i)) throw new InvalidInputError(`Row ${i + 1}: its medicine session is not in the plan.`);
    const [h, m] = row.time.split(":").map(Number);
    const startsAt = atClinicTime(row.date, h * 60 + m, settings.timeZone);
    return {
      id: ids[i],
      kind: row.kind,
      startsAt,
      endsAt: new Date(startsAt.getTime() + settings.sessionMinutes[row.kind] * 60_000),
      roomId: row.roomId,
      journeyerId: row.journeyerId,
      medicineSessionId: row.medicineIndex === null ? null : ids[row.medicineIndex],
      clinicianIds: row.clinicianIds,
      partnerIds: row.partnerIds,
    };
  });
  return bookSessions(staff, { coupleId: couple.id, cycleId: cycle.id, sessions });
}
