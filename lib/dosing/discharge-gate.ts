import "server-only";
import type { Tx } from "../db";

/**
 * "The session cannot be completed before discharge is recorded for every dosing partner"
 * (PROTOCOL.md "Dosing day", P10). The completion action calls this inside its transaction and
 * refuses while the list is not empty. Returns the client ids of dosing partners (the journeyer in
 * Taking Turns, both partners in Low Dose Together) without a recorded discharge; [] for a session
 * that is not a medicine session.
 */
export async function undischargedPartners(tx: Tx, sessionId: string): Promise<string[]> {
  const session = await tx.session.findUnique({
    where: { id: sessionId },
    select: {
      kind: true,
      journeyerId: true,
      couple: { select: { partnerAId: true, partnerBId: true } },
      dosingRecords: { where: { dischargedAt: { not: null } }, select: { clientId: true } },
    },
  });
  if (!session) return [];
  const dosing =
    session.kind === "MEDICINE_LOW_DOSE"
      ? [session.couple.partnerAId, session.couple.partnerBId]
      : session.kind === "MEDICINE_TAKING_TURNS" && session.journeyerId
        ? [session.journeyerId]
        : [];
  const discharged = new Set(session.dosingRecords.map((r) => r.clientId));
  return dosing.filter((id) => !discharged.has(id));
}
