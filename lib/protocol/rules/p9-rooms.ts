// P9 Rooms: medicine sessions use an active, dosing-equipped room; a room holds no more people
// (partners and clinicians) than its capacity. Every session but a telehealth medical
// evaluation has a room. Only sessions still to come are checked: a room changed later does
// not rewrite history.
import { isMedicine, isUpcoming } from "../cycle";
import { capitalise, describeSession } from "../describe";
import type { Rule, SnapshotSession, Violation } from "../types";

/** The people a session puts in its room, as P9 counts them: its partners and its clinicians. */
export function headCount(s: Pick<SnapshotSession, "partnerIds" | "clinicianIds">): number {
  return s.partnerIds.length + s.clinicianIds.length;
}

export const p9Rooms: Rule = (after) => {
  const violations: Violation[] = [];
  const add = (id: string, message: string) => violations.push({ rule: "P9", sessionIds: [id], message });

  for (const s of after.sessions.filter(isUpcoming)) {
    const what = (): string => describeSession(after, s);
    if (s.roomId === null) {
      if (s.kind !== "MEDICAL_EVALUATION") add(s.id, `P9: ${capitalise(what())} needs a room; only a medical evaluation can be held by telehealth.`);
      continue;
    }
    const room = after.rooms.find((r) => r.id === s.roomId);
    if (!room) {
      add(s.id, `P9: the room booked for ${what()} is not one of the clinic's rooms.`);
      continue;
    }
    if (!room.active) add(s.id, `P9: room ${room.name} is out of use; choose another room for ${what()}.`);
    if (isMedicine(s) && !room.dosingEquipped) {
      add(s.id, `P9: ${capitalise(what())} needs a dosing-equipped room; ${room.name} is not one.`);
    }
    const people = headCount(s);
    if (people > room.capacity) {
      add(s.id, `P9: room ${room.name} holds ${room.capacity} ${room.capacity === 1 ? "person" : "people"}, but ${what()} has ${people}.`);
    }
  }
  return violations;
};
