import "server-only";
import type { Db, Tx } from "../db/prisma";
import { Prisma } from "../db/generated/prisma/client";
import { env } from "../env";
import { initialsOf } from "../feeds/feed-calendar";
import { isNoteLate, UNSIGNED_NOTE } from "../notes/late-notes";
import { addClinicDays, atClinicTime, clinicDate, formatClinicDay, formatClinicTimeRange, type ClinicDay } from "../protocol/calendar";
import { dosingPartners, MEDICINE_KINDS, MODEL_OF_MEDICINE_KIND } from "../protocol/cycle";
import { clearanceLastDay, validClearanceOf } from "../protocol/prerequisites";
import { SESSION_KIND_LABELS } from "../protocol/labels";
import type { SessionKind } from "../protocol/types";
import { loadCoupleSnapshot } from "../scheduling/load-snapshot";
import { upsertMessages, type QueueResult } from "./queue-reminders";

// The clinicians' morning digest (issue 15, PROTOCOL "Reminders"): at the clinic's digest time,
// each therapist and psychiatrist gets one email of their day: their sessions, their late notes
// (P13), and the booked medicine sessions that a dosing partner's clearance stops covering before
// they happen (P3). Minimum necessary, as in the calendar feeds: kinds, times, rooms and couples'
// initials; no names, goals or note content. The app holds the rest behind sign-in.
//
// A digest is written at its due time and sent in the same tick, so it says what holds at 07:00,
// not what held when it was queued. Its key (user and clinic day) makes it once per day however
// many processes run the tick; a server that was down at the time still sends it within STALE_MS,
// and not after (a morning digest in the evening helps nobody).

/** How long after its time a day's digest is still worth sending. */
export const STALE_MS = 4 * 60 * 60_000;
/** Clearances are checked for medicine sessions booked this far ahead. */
const CLEARANCE_LOOKAHEAD_DAYS = 30;
/** At most this many lines in each part of one digest; the app lists the rest. */
const MAX_LINES = 20;

type CoupleNames = { partnerA: { firstName: string; lastName: string }; partnerB: { firstName: string; lastName: string } };
const coupleInitials = (c: CoupleNames) => `${initialsOf(c.partnerA)} & ${initialsOf(c.partnerB)}`;

type Digest = { sessions: string[]; lateNotes: string[]; clearances: string[] };
const emptyDigest = (): Digest => ({ sessions: [], lateNotes: [], clearances: [] });

/** The digest's key: one per clinician and clinic day. */
export function digestKey(userId: string, day: ClinicDay): string {
  return `staff-digest.${userId}.${day}`;
}

/** Queues (and so, in the same tick, sends) each clinician's digest of today once its time has come. */
export async function queueStaffDigests(database: Db, now = new Date(), options: { clinicIds?: string[] } = {}): Promise<QueueResult> {
  const clinics = await database.clinic.findMany({
    where: { staffDigestOn: true, ...(options.clinicIds ? { id: { in: options.clinicIds } } : {}) },
    select: { id: true, name: true, timeZone: true, staffDigestAtMinute: true, noteLateHours: true },
  });
  let queued = 0;
  for (const clinic of clinics) {
    const day = clinicDate(now, clinic.timeZone);
    const dueAt = atClinicTime(day, clinic.staffDigestAtMinute, clinic.timeZone);
    if (now < dueAt || now.getTime() > dueAt.getTime() + STALE_MS) continue;
    // Written once: a digest already there (queued, sent or failed) is that day's.
    const written = await database.outboxMessage.count({ where: { clinicId: clinic.id, kind: "STAFF_DIGEST", dueAt } });
    if (written > 0) continue;
    const digests = await composeDigests(database, clinic, day, dueAt);
    // Every active account of the clinic, clinicians picked here: `roles: { hasSome }` reaches the
    // embedded database as a malformed array literal (as lib/staff/clinicians.ts notes).
    const staff = await database.user.findMany({ where: { clinicId: clinic.id, active: true }, select: { id: true, name: true, email: true, roles: true }, orderBy: { id: "asc" } });
    const rows: Prisma.Sql[] = [];
    for (const user of staff.filter((u) => u.roles.includes("THERAPIST") || u.roles.includes("PSYCHIATRIST"))) {
      const digest = digests.get(user.id);
      // Nothing to say: no email.
      if (!digest || digest.sessions.length + digest.lateNotes.length + digest.clearances.length === 0) continue;
      const { subject, text } = composeDigest(clinic, day, user.name, digest);
      const key = digestKey(user.id, day);
      rows.push(Prisma.sql`(${clinic.id}::uuid, ${key}, 'STAFF_DIGEST'::"OutboxKind", NULL, NULL, ${user.id}::uuid, NULL, ${user.email}, ${subject}, ${text}, ${dueAt}, ${dueAt}, ${now})`);
    }
    if (rows.length > 0) queued += await upsertMessages(database, rows, now);
  }
  return { queued, withdrawn: 0 };
}

/** The words of one clinician's digest (pure). */
export function composeDigest(clinic: { name: string; timeZone: string }, day: ClinicDay, name: string, digest: Digest): { subject: string; text: string } {
  const dayWords = formatClinicDay(day, clinic.timeZone);
  const part = (title: string, lines: string[], none: string) => [title, ...(lines.length > 0 ? lines.map((l) => `  ${l}`) : [`  ${none}`]), ""];
  const more = (lines: string[]) => (lines.length > MAX_LINES ? [...lines.slice(0, MAX_LINES), `… and ${lines.length - MAX_LINES} more in the app`] : lines);
  const link = env.NEXTAUTH_URL ? [`The app: ${env.NEXTAUTH_URL}`, ""] : [];
  return {
    subject: `Your day at ${clinic.name}: ${dayWords}`,
    text: [
      `Good morning ${name},`,
      "",
      ...part("Your sessions today:", more(digest.sessions), "None."),
      ...part("Notes past due (signed note missing):", more(digest.lateNotes), "None."),
      ...part("Clearances that end before a booked medicine session:", more(digest.clearances), "None."),
      ...link,
      `Couples are named by initials here; the app shows the rest once you sign in.`,
      "",
      clinic.name,
    ].join("\n"),
  };
}

async function composeDigests(database: Db, clinic: { id: string; timeZone: string; noteLateHours: number }, day: ClinicDay, at: Date): Promise<Map<string, Digest>> {
  const tz = clinic.timeZone;
  const digests = new Map<string, Digest>();
  const of = (userId: string) => digests.get(userId) ?? digests.set(userId, emptyDigest()).get(userId)!;
  const dayStart = atClinicTime(day, 0, tz);
  const dayEnd = atClinicTime(addClinicDays(day, 1, tz), 0, tz);
  const couple = { select: { partnerA: { select: { firstName: true, lastName: true } }, partnerB: { select: { firstName: true, lastName: true } } } };

  const today = await database.session.findMany({
    where: { clinicId: clinic.id, status: { in: ["SCHEDULED", "CHECKED_IN"] }, startsAt: { gte: dayStart, lt: dayEnd } },
    select: { kind: true, startsAt: true, endsAt: true, room: { select: { name: true } }, couple, clinicians: { select: { userId: true } } },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
  });
  for (const s of today) {
    const line = `${formatClinicTimeRange(s.startsAt, s.endsAt, tz)}  ${SESSION_KIND_LABELS[s.kind]} · ${coupleInitials(s.couple)} · ${s.room?.name ?? "Telehealth"}`;
    for (const c of s.clinicians) of(c.userId).sessions.push(line);
  }

  const cutoff = new Date(at.getTime() - clinic.noteLateHours * 3_600_000);
  const unsigned = await database.session.findMany({
    where: { AND: [UNSIGNED_NOTE, { clinicId: clinic.id, endsAt: { lt: cutoff } }] },
    select: { kind: true, startsAt: true, endsAt: true, couple, clinicians: { select: { userId: true } } },
    orderBy: [{ endsAt: "asc" }, { id: "asc" }],
    take: 2000,
  });
  for (const s of unsigned) {
    if (!isNoteLate(s.endsAt, at, clinic.noteLateHours)) continue;
    const line = `${formatClinicDay(s.startsAt, tz)}: ${SESSION_KIND_LABELS[s.kind]} · ${coupleInitials(s.couple)}`;
    for (const c of s.clinicians) of(c.userId).lateNotes.push(line);
  }

  for (const [userId, line] of await endingClearances(database, clinic, day)) of(userId).clearances.push(line);
  return digests;
}

/**
 * P3 ahead of time: each booked medicine session of the coming days for which a dosing partner
 * holds a clearance today that ends before the session's day, judged by the engine's own reading
 * of clearances (validClearanceOf) on the couple's snapshot. The line goes to the session's
 * clinicians and to the psychiatrist who recorded the clearance, who can renew it.
 */
async function endingClearances(database: Db, clinic: { id: string; timeZone: string }, day: ClinicDay): Promise<[string, string][]> {
  const tz = clinic.timeZone;
  const medicine = await database.session.findMany({
    where: {
      clinicId: clinic.id,
      status: "SCHEDULED",
      kind: { in: [...MEDICINE_KINDS] },
      cycleId: { not: null },
      startsAt: { gte: atClinicTime(day, 0, tz), lt: atClinicTime(addClinicDays(day, CLEARANCE_LOOKAHEAD_DAYS, tz), 0, tz) },
    },
    select: {
      id: true, coupleId: true, cycleId: true, kind: true, startsAt: true, clinicians: { select: { userId: true } },
      couple: { select: { partnerAId: true, partnerBId: true, partnerA: { select: { firstName: true, lastName: true } }, partnerB: { select: { firstName: true, lastName: true } } } },
    },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    take: 500,
  });
  const lines: [string, string][] = [];
  const snapshots = new Map<string, Awaited<ReturnType<typeof loadCoupleSnapshot>>>();
  for (const s of medicine) {
    const cycleKey = `${s.coupleId}.${s.cycleId}`;
    const snapshot = snapshots.get(cycleKey) ?? (await loadCoupleSnapshot(database as unknown as Tx, clinic.id, s.coupleId, s.cycleId!));
    snapshots.set(cycleKey, snapshot);
    const session = snapshot.sessions.find((x) => x.id === s.id);
    const model = MODEL_OF_MEDICINE_KIND[s.kind as SessionKind];
    if (!session || !model) continue;
    const sessionDay = clinicDate(s.startsAt, tz);
    for (const partner of dosingPartners(snapshot, session)) {
      const inForce = validClearanceOf(snapshot, partner.id, day, model);
      if (!inForce || validClearanceOf(snapshot, partner.id, sessionDay, model)) continue;
      const initials = initialsOf(partner.id === s.couple.partnerAId ? s.couple.partnerA : s.couple.partnerB);
      const line = `${initials}: clearance ends ${formatClinicDay(clearanceLastDay(inForce, snapshot), tz)}, before the ${SESSION_KIND_LABELS[s.kind].toLowerCase()} of ${formatClinicDay(sessionDay, tz)}`;
      const to = new Set([...s.clinicians.map((c) => c.userId), inForce.psychiatristId].filter((id): id is string => Boolean(id)));
      for (const userId of to) lines.push([userId, line]);
    }
  }
  return lines;
}
