// The large clinic, built in memory and deterministically: the same size and anchor day give
// the same rows, ids included. Sessions sit on a grid (four slots a day in every room) laid out
// so that no room, clinician or partner is ever in two overlapping sessions, which is what the
// database's EXCLUDE constraints demand; the grid also leaves known gaps for the bench to book.
import { addClinicDays, atClinicTime, clinicDate, isoWeekday, type ClinicDay } from "../lib/protocol/calendar";

/** `newCouples` of the couples have no sessions yet and a cycle in planning: the planner's cases. */
export type ClinicSize = { rooms: number; therapists: number; psychiatrists: number; couples: number; newCouples: number; sessions: number };
export const LARGE: ClinicSize = { rooms: 20, therapists: 32, psychiatrists: 8, couples: 2000, newCouples: 100, sessions: 50_000 };
// Couples a multiple of rooms, so a slot's consecutive couples never wrap onto a shared therapist.
export const SMALL: ClinicSize = { rooms: 8, therapists: 8, psychiatrists: 2, couples: 48, newCouples: 8, sessions: 300 };

export const TIME_ZONE = "America/Los_Angeles";
const SLOT_STARTS = [8 * 60, 11 * 60, 14 * 60, 17 * 60];
const DOSING_ROOMS = 4;
const MINUTES = { INTAKE: 60, PREPARATION: 90, MEDICAL_EVALUATION: 60, MEDICINE_TAKING_TURNS: 180, MEDICINE_LOW_DOSE: 120, INTEGRATION: 90, COUPLES_THERAPY: 60 } as const;
export type Kind = keyof typeof MINUTES;
export type Status = "SCHEDULED" | "COMPLETED" | "CANCELLED" | "NO_SHOW";

const FIRST = ["Avery", "Blake", "Casey", "Drew", "Emerson", "Finley", "Harper", "Jamie", "Jordan", "Kendall", "Logan", "Morgan", "Parker", "Quinn", "Riley", "Rowan", "Sage", "Skyler", "Taylor", "Reese"];
const LAST = ["Rivera", "Chen", "Okafor", "Larsen", "Patel", "Nguyen", "Brooks", "Meyer", "Kim", "Silva", "Moreau", "Adeyemi", "Ortiz", "Reed", "Nair", "Whitfield", "Park", "Bell", "Diaz", "Becker"];
const TREES = ["Cedar", "Juniper", "Willow", "Aspen", "Birch", "Maple", "Alder", "Elm", "Hazel", "Laurel", "Linden", "Oak", "Pine", "Rowan", "Spruce", "Sycamore", "Yew", "Fir", "Hemlock", "Magnolia"];

export type ModelSession = {
  id: string;
  coupleId: string;
  cycleId: string | null;
  kind: Kind;
  status: Status;
  startsAt: Date;
  endsAt: Date;
  roomId: string;
  journeyerId: string | null;
  medicineSessionId: string | null;
  clinicianId: string;
  attendees: { clientId: string; role: "PARTICIPANT" | "JOURNEYER" | "SITTER" }[];
};

export type ClinicModel = ReturnType<typeof buildClinic>;

/** Deterministic ids: a namespace (8 hex digits) per clinic, a table tag and a counter. */
const idOf = (ns: string, tag: number, n: number) => `${ns}-${tag.toString(16).padStart(4, "0")}-4000-8000-${n.toString(16).padStart(12, "0")}`;

/**
 * Builds the clinic's rows. `anchor` is "today": the sessions run from 52 weeks before its week
 * to about 52 weeks after, so the calendar's current week is full and the future has room to book.
 */
export function buildClinic(size: ClinicSize, anchor: Date, namespace = "b0000000") {
  const tz = TIME_ZONE;
  const clinicId = idOf(namespace, 1, 1);
  const rooms = Array.from({ length: size.rooms }, (_, i) => ({
    id: idOf(namespace, 2, i),
    name: `${TREES[i % TREES.length]}${i >= TREES.length ? ` ${Math.floor(i / TREES.length) + 1}` : ""}`,
    capacity: i < DOSING_ROOMS ? 4 : 3 + (i % 4),
    dosingEquipped: i < DOSING_ROOMS,
  }));
  const clinicianCount = size.therapists + size.psychiatrists;
  const clinicians = Array.from({ length: clinicianCount }, (_, i) => ({
    id: idOf(namespace, 3, i),
    name: `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]}`,
    email: `clinician${i}.${namespace}@bench.test`,
    roles: [i < size.therapists ? "THERAPIST" : "PSYCHIATRIST"],
  }));
  const desk = { id: idOf(namespace, 3, 9999), name: "Bench Front Desk", email: `desk.${namespace}@bench.test`, roles: ["FRONT_DESK"] };
  const clients = Array.from({ length: size.couples * 2 }, (_, i) => ({
    id: idOf(namespace, 4, i),
    firstName: FIRST[i % FIRST.length],
    lastName: `${LAST[Math.floor(i / 2) % LAST.length]}-${Math.floor(i / 2)}`,
  }));
  const couples = Array.from({ length: size.couples }, (_, c) => ({
    id: idOf(namespace, 5, c),
    partnerAId: clients[2 * c].id,
    partnerBId: clients[2 * c + 1].id,
    couplesTherapistId: clinicians[c % size.therapists].id,
    partnerAKapTherapistId: clinicians[c % size.therapists].id,
    partnerBKapTherapistId: clinicians[(c + 1) % size.therapists].id,
    cycleId: idOf(namespace, 6, c),
  }));

  const today = clinicDate(anchor, tz);
  const monday = addClinicDays(today, 1 - isoWeekday(today, tz), tz);
  const seen = size.couples - size.newCouples;
  const perSlot = Math.min(size.rooms, seen);
  const sessions: ModelSession[] = [];
  const pendingMedicine = new Map<number, string>();
  const countOf = new Map<number, number>();
  // Half the clinic's span before this week, half after (two years for the large clinic).
  const weeksBefore = Math.ceil(size.sessions / (perSlot * SLOT_STARTS.length * 6) / 2);
  let day: ClinicDay = addClinicDays(monday, -weeksBefore * 7, tz);
  for (let d = 0, slotIndex = 0; sessions.length < size.sessions; d++, day = addClinicDays(day, 1, tz)) {
    if (isoWeekday(day, tz) === 7) continue;
    for (const slotStart of SLOT_STARTS) {
      const base = (slotIndex * perSlot) % seen;
      for (let r = 0; r < perSlot && sessions.length < size.sessions; r++) {
        // 20 consecutive couples per slot (seen couples are a multiple of 20): distinct partners and therapists.
        const c = (base + ((r + slotIndex) % perSlot)) % seen;
        const k = countOf.get(c) ?? 0;
        countOf.set(c, k + 1);
        sessions.push(sessionAt(c, k, r, d, slotStart, slotIndex));
      }
      slotIndex++;
    }
  }

  function sessionAt(c: number, k: number, r: number, d: number, slotStart: number, slotIndex: number): ModelSession {
    const couple = couples[c];
    const n = sessions.length;
    const id = idOf(namespace, 7, n);
    let kind: Kind;
    let clinicianId = couple.couplesTherapistId;
    let partners = [couple.partnerAId, couple.partnerBId];
    let journeyerId: string | null = null;
    let medicineSessionId: string | null = null;
    if (r < DOSING_ROOMS) {
      kind = k % 2 === 0 ? "MEDICINE_TAKING_TURNS" : "MEDICINE_LOW_DOSE";
      if (kind === "MEDICINE_TAKING_TURNS") journeyerId = partners[Math.floor(k / 2) % 2];
    } else if (r < DOSING_ROOMS + size.psychiatrists && slotIndex % 5 === 0) {
      // A few rooms hold medical evaluations in alternate slots, each with its own psychiatrist.
      kind = "MEDICAL_EVALUATION";
      clinicianId = clinicians[size.therapists + (r - DOSING_ROOMS)].id;
      partners = [partners[k % 2]];
    } else if (pendingMedicine.has(c)) {
      kind = "INTEGRATION";
      medicineSessionId = pendingMedicine.get(c)!;
      pendingMedicine.delete(c);
    } else {
      kind = (["INTAKE", "PREPARATION", "PREPARATION", "COUPLES_THERAPY", "COUPLES_THERAPY"] as const)[k % 5];
      if (kind === "INTAKE") partners = [partners[k % 2]];
    }
    const startsAt = atClinicTime(dayKeyAt(d), slotStart, tz);
    const endsAt = new Date(startsAt.getTime() + MINUTES[kind] * 60_000);
    const roll = mix(n) % 100;
    const past = endsAt <= anchor;
    const status: Status = past ? (roll < 4 ? "CANCELLED" : roll < 6 ? "NO_SHOW" : "COMPLETED") : roll < 3 ? "CANCELLED" : "SCHEDULED";
    if ((kind === "MEDICINE_TAKING_TURNS" || kind === "MEDICINE_LOW_DOSE") && status !== "CANCELLED") pendingMedicine.set(c, id);
    return {
      id,
      coupleId: couple.id,
      cycleId: kind === "COUPLES_THERAPY" ? null : couple.cycleId,
      kind,
      status,
      startsAt,
      endsAt,
      roomId: rooms[r].id,
      journeyerId,
      medicineSessionId,
      clinicianId,
      attendees: partners.map((clientId) => ({ clientId, role: journeyerId ? (clientId === journeyerId ? "JOURNEYER" : "SITTER") : "PARTICIPANT" })),
    };
  }
  function dayKeyAt(d: number): ClinicDay {
    return addClinicDays(monday, d - weeksBefore * 7, tz);
  }

  const newCouples = couples.slice(seen);
  return { clinicId, namespace, timeZone: tz, anchor, today, rooms, clinicians, desk, clients, couples, newCouples, sessions };
}

/** A 32-bit integer hash: statuses spread evenly over kinds and rooms, and stay deterministic. */
function mix(n: number): number {
  let h = Math.imul(n ^ (n >>> 16), 0x45d9f3b);
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
  return (h ^ (h >>> 16)) >>> 0;
}

export type FreeSlot = { coupleId: string; roomId: string; clinicianId: string; partnerIds: string[]; date: ClinicDay; time: string; startsAt: Date; endsAt: Date };

/**
 * Distinct free slots for one-hour couples-therapy bookings, from the second day after the
 * anchor on: room, therapist and both partners free, and free of each other.
 */
export function freeSlots(model: ClinicModel, count: number, skip = 0): FreeSlot[] {
  const busy = new Map<string, [number, number][]>();
  const take = (key: string, a: number, b: number) => (busy.get(key) ?? busy.set(key, []).get(key)!).push([a, b]);
  const free = (key: string, a: number, b: number) => !(busy.get(key) ?? []).some(([x, y]) => x < b && a < y);
  for (const s of model.sessions) {
    if (s.status === "CANCELLED") continue;
    for (const key of [s.roomId, s.clinicianId, ...s.attendees.map((x) => x.clientId)]) take(key, s.startsAt.getTime(), s.endsAt.getTime());
  }
  const out: FreeSlot[] = [];
  let day = addClinicDays(model.today, 2, model.timeZone);
  let cursor = 0;
  for (let guard = 0; out.length < count + skip && guard < 400; guard++, day = addClinicDays(day, 1, model.timeZone)) {
    if (isoWeekday(day, model.timeZone) === 7) continue;
    for (let minute = 8 * 60; minute + 60 <= 20 * 60 && out.length < count + skip; minute += 60) {
      const startsAt = atClinicTime(day, minute, model.timeZone);
      const a = startsAt.getTime();
      const b = a + 60 * 60_000;
      for (const room of model.rooms.slice(DOSING_ROOMS)) {
        if (!free(room.id, a, b)) continue;
        // Try a bounded number of couples, rotating so that bookings spread over the clinic.
        for (let tries = 0; tries < 64; tries++) {
          const couple = model.couples[cursor++ % (model.couples.length - model.newCouples.length)];
          const keys = [couple.couplesTherapistId, couple.partnerAId, couple.partnerBId];
          if (!keys.every((key) => free(key, a, b))) continue;
          for (const key of [room.id, ...keys]) take(key, a, b);
          const time = `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
          out.push({ coupleId: couple.id, roomId: room.id, clinicianId: couple.couplesTherapistId, partnerIds: [couple.partnerAId, couple.partnerBId], date: day, time, startsAt, endsAt: new Date(b) });
          break;
        }
        if (out.length >= count + skip) break;
      }
    }
  }
  if (out.length < count + skip) throw new Error(`Only ${out.length} free slots found, ${count + skip} wanted`);
  return out.slice(skip);
}
