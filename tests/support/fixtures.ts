import type { Db } from "@/lib/db/prisma";

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

/** A small clinic: two rooms (one dosing), a therapist, a psychiatrist and a couple. */
export async function smallClinic(db: Db) {
  const tag = unique();
  const clinic = await db.clinic.create({ data: { name: `Test clinic ${tag}`, timeZone: "America/Los_Angeles" } });
  const [cedar, willow] = await Promise.all([
    db.room.create({ data: { clinicId: clinic.id, name: "Cedar", capacity: 4, dosingEquipped: true } }),
    db.room.create({ data: { clinicId: clinic.id, name: "Willow", capacity: 4 } }),
  ]);
  const staff = (name: string, roles: ("THERAPIST" | "PSYCHIATRIST" | "FRONT_DESK" | "ADMIN")[]) =>
    db.user.create({ data: { clinicId: clinic.id, email: `${name}-${tag}@clinic.test`, name, roles, passwordHash: "x" } });
  const therapist = await staff("therapist", ["THERAPIST"]);
  const otherTherapist = await staff("other-therapist", ["THERAPIST"]);
  const psychiatrist = await staff("psychiatrist", ["PSYCHIATRIST"]);
  const couple = await makeCouple(db, clinic.id, therapist.id, "Rivera");
  const otherCouple = await makeCouple(db, clinic.id, otherTherapist.id, "Chen");
  return { clinic, cedar, willow, therapist, otherTherapist, psychiatrist, couple, otherCouple };
}

export async function makeCouple(db: Db, clinicId: string, therapistId: string, lastName: string) {
  const partnerA = await db.client.create({ data: { clinicId, firstName: "Sam", lastName } });
  const partnerB = await db.client.create({ data: { clinicId, firstName: "Jordan", lastName } });
  const couple = await db.couple.create({
    data: {
      clinicId,
      partnerAId: partnerA.id,
      partnerBId: partnerB.id,
      couplesTherapistId: therapistId,
      partnerAKapTherapistId: therapistId,
      partnerBKapTherapistId: therapistId,
    },
  });
  return { ...couple, partnerA, partnerB };
}
