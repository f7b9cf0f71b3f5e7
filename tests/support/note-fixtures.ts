import type { Db } from "@/lib/db/prisma";
import { smallClinic, staffOf } from "./fixtures";

type Kind = "INTAKE" | "PREPARATION" | "MEDICAL_EVALUATION" | "MEDICINE_TAKING_TURNS" | "MEDICINE_LOW_DOSE" | "INTEGRATION" | "COUPLES_THERAPY";
type Status = "SCHEDULED" | "CHECKED_IN" | "COMPLETED" | "CANCELLED" | "NO_SHOW";

const DAY = 86_400_000;

/**
 * A clinic for the notes (P13): the small clinic's couple (Sam & Jordan Rivera, treated by
 * "therapist") in a Taking Turns cycle with two shared goals, the psychiatrist evaluating Sam
 * (partner A) only, a front desk and an admin. `session` books one of any kind on its own day
 * (so nothing overlaps), completed unless told otherwise.
 */
export async function noteClinic(db: Db) {
  const c = await smallClinic(db);
  const user = (name: string, roles: ("FRONT_DESK" | "ADMIN" | "THERAPIST")[]) =>
    db.user.create({ data: { clinicId: c.clinic.id, email: `${name.toLowerCase().replace(" ", "-")}-${c.clinic.id}@clinic.test`, name, roles, passwordHash: "x" } });
  const frontDesk = await user("Front Desk", ["FRONT_DESK"]);
  const admin = await user("Admin", ["ADMIN"]);
  const coTherapist = await user("Co Therapist", ["THERAPIST"]);
  const cycle = await db.kapCycle.create({
    data: { coupleId: c.couple.id, model: "TAKING_TURNS", plannedSessionCount: 8, status: "ACTIVE", sharedGoals: "Repair after pursue-withdraw\nRebuild trust in repair attempts" },
  });
  const { partnerAId: a, partnerBId: b } = c.couple;
  let day = 0;
  const base = Date.UTC(2026, 2, 2, 17); // Mon 2 Mar 2026, 09:00 in the clinic
  const session = async (
    kind: Kind,
    options: { partners?: string[]; clinicians?: string[]; status?: Status; journeyerId?: string; medicineSessionId?: string; endsAt?: Date; couple?: "own" | "other" } = {},
  ) => {
    const own = options.couple !== "other";
    const couple = own ? c.couple : c.otherCouple;
    const endsAt = options.endsAt ?? new Date(base + day++ * DAY + 3_600_000);
    const startsAt = new Date(endsAt.getTime() - 3_600_000);
    const partners = options.partners ?? (kind === "INTAKE" || kind === "MEDICAL_EVALUATION" ? [couple.partnerAId] : [couple.partnerAId, couple.partnerBId]);
    const status = options.status ?? "COMPLETED";
    const cycleId = kind === "COUPLES_THERAPY" ? null : own ? cycle.id : (await db.kapCycle.create({ data: { coupleId: couple.id, model: "TAKING_TURNS", plannedSessionCount: 8 } })).id;
    return db.session.create({
      data: {
        clinicId: c.clinic.id,
        coupleId: couple.id,
        cycleId,
        kind,
        status,
        startsAt,
        endsAt,
        roomId: kind === "MEDICAL_EVALUATION" ? null : kind.startsWith("MEDICINE") ? c.cedar.id : c.willow.id,
        journeyerId: kind === "MEDICINE_TAKING_TURNS" ? (options.journeyerId ?? couple.partnerAId) : null,
        medicineSessionId: options.medicineSessionId ?? null,
        ...(status === "CANCELLED" ? { cancelledAt: startsAt, cancelReason: "test" } : {}),
        clinicians: { create: (options.clinicians ?? [kind === "MEDICAL_EVALUATION" ? c.psychiatrist.id : own ? c.therapist.id : c.otherTherapist.id]).map((userId) => ({ userId })) },
        attendees: {
          create: partners.map((clientId) => ({
            clientId,
            role: kind === "MEDICINE_TAKING_TURNS" ? (clientId === (options.journeyerId ?? couple.partnerAId) ? ("JOURNEYER" as const) : ("SITTER" as const)) : ("PARTICIPANT" as const),
          })),
        },
      },
    });
  };
  // The psychiatrist evaluates Sam (partner A): Sam's intake and Sam's dosing days are in her reach.
  const evaluation = await session("MEDICAL_EVALUATION", { partners: [a] });
  return {
    ...c,
    cycle,
    evaluation,
    frontDesk,
    admin,
    coTherapist,
    session,
    partners: { a, b },
    as: {
      therapist: staffOf(c.therapist),
      otherTherapist: staffOf(c.otherTherapist),
      coTherapist: staffOf(coTherapist),
      psychiatrist: staffOf(c.psychiatrist),
      frontDesk: staffOf(frontDesk),
      admin: staffOf(admin),
    },
  };
}

export type NoteClinic = Awaited<ReturnType<typeof noteClinic>>;

/** Every field of the kind written, as the note form sends it. */
export const fullIntake = { personalHistory: "Grew up by the sea; two siblings.", intentions: "Soften the pursue-withdraw cycle.", readiness: "Ready; sleeping well.", risksNoticed: "None noticed." };
