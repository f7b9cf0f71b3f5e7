import { atClinicTime, addClinicDays, clinicDate, formatClinicDay, formatClinicTime } from "../protocol/calendar";
import { SESSION_KIND_LABELS } from "../protocol/labels";
import type { SessionKind } from "../protocol/types";

// What a reminder says and when it is due. Pure: the zone maths is lib/protocol/calendar's
// (date-fns with @date-fns/tz). Minimum necessary (PROTOCOL "Reminders"): the session's date,
// time, place and kind in plain words; for a medicine session the instructions that matter. No
// goals, notes or measures; a subject line never names the medicine.

export type ReminderKind = "APPOINTMENT_REMINDER" | "MEDICINE_PREPARATION";

export type ReminderClinic = {
  name: string;
  timeZone: string;
  reminderDaysBefore: number;
  reminderAtMinute: number;
  preparationText: string;
  contactPhone: string | null;
  contactEmail: string | null;
};

export type ReminderSession = { id: string; kind: SessionKind; startsAt: Date; roomName: string | null };
export type ReminderPartner = { id: string; firstName: string; preferredName: string | null; email: string };

/**
 * The message's key: its kind, session, partner and the session's start (epoch ms). A session that
 * moves has a new key, so its reminder is queued anew and the old one withdrawn; a session whose
 * room alone changes keeps it. Only dot-atom characters, so it is also the Message-ID's left part.
 */
export function reminderKey(kind: ReminderKind, sessionId: string, clientId: string, startsAt: Date): string {
  return `${kind.toLowerCase().replace(/_/g, "-")}.${sessionId}.${clientId}.${startsAt.getTime()}`;
}

/**
 * When a reminder is due: the appointment reminder `reminderDaysBefore` clinic days before the
 * session's clinic date, the preparation message the day before, both at the clinic-local time of
 * the setting (a time inside a spring-forward gap is taken forward).
 */
export function reminderDueAt(kind: ReminderKind, startsAt: Date, clinic: Pick<ReminderClinic, "timeZone" | "reminderDaysBefore" | "reminderAtMinute">): Date {
  const days = kind === "APPOINTMENT_REMINDER" ? clinic.reminderDaysBefore : 1;
  const day = addClinicDays(clinicDate(startsAt, clinic.timeZone), -days, clinic.timeZone);
  return atClinicTime(day, clinic.reminderAtMinute, clinic.timeZone);
}

function contactLines(clinic: ReminderClinic): string[] {
  const ways = [clinic.contactPhone && `by phone on ${clinic.contactPhone}`, clinic.contactEmail && `by email at ${clinic.contactEmail}`].filter(Boolean);
  return [
    ways.length > 0 ? `To change or cancel, or with any question, reach ${clinic.name} ${ways.join(" or ")}.` : `To change or cancel, or with any question, contact ${clinic.name}.`,
    "",
    `${clinic.name}`,
  ];
}

/** The subject and plain-text body of one reminder. */
export function composeReminder(kind: ReminderKind, clinic: ReminderClinic, session: ReminderSession, partner: ReminderPartner): { subject: string; text: string } {
  const when = `${formatClinicDay(session.startsAt, clinic.timeZone)} at ${formatClinicTime(session.startsAt, clinic.timeZone)}`;
  const where = session.roomName ? `${clinic.name}, ${session.roomName}` : "by video (Telehealth)";
  const kindWords = SESSION_KIND_LABELS[session.kind];
  const hello = `Dear ${partner.preferredName ?? partner.firstName},`;
  if (kind === "APPOINTMENT_REMINDER") {
    return {
      subject: `Reminder: your appointment at ${clinic.name} on ${formatClinicDay(session.startsAt, clinic.timeZone)}`,
      text: [hello, "", `This is a reminder of your appointment:`, "", `  What:  ${kindWords}`, `  When:  ${when}`, `  Where: ${where}`, "", ...contactLines(clinic)].join("\n"),
    };
  }
  const preparation = clinic.preparationText.trim();
  return {
    subject: `Preparing for your session at ${clinic.name} tomorrow`,
    text: [
      hello,
      "",
      `Your session is tomorrow, ${when}, at ${where}.`,
      "",
      "Please plan for the day:",
      "  - Do not drive, cycle or operate machinery after the session, until the next day.",
      "  - A ride home is required: arrange for someone to collect you at the end of the session.",
      ...(preparation ? ["", preparation] : []),
      "",
      ...contactLines(clinic),
    ].join("\n"),
  };
}
