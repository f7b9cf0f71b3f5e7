// Which clearance is in force (P3), read with the protocol engine's own test so that the history
// page, the dosing day and the engine never disagree. Pure: no database.
import { DEFAULT_SETTINGS } from "../protocol/settings";
import { validClearanceOf } from "../protocol/prerequisites";
import type { CycleSnapshot, KapModel, ProtocolSettings, SnapshotClearance } from "../protocol/types";

const dateKey = (d: Date) => d.toISOString().slice(0, 10);

/** A clearance row as the clearance pages load it. */
export type ClearanceFacts = {
  id: string;
  clientId: string;
  psychiatristId: string;
  decision: SnapshotClearance["decision"];
  models: KapModel[];
  evaluatedOn: Date;
  validUntil: Date;
  signedAt: Date | null;
  psychiatrist: { roles: string[] };
  revocation: { id: string } | null;
  supersededBy: { id: string; signedAt: Date | null } | null;
};

/**
 * The engine's view of a clearance. An amendment supersedes the old clearance only once it is
 * signed: a draft amendment decides nothing yet, so the signed original stays in force meanwhile.
 */
export function toSnapshotClearance(c: ClearanceFacts): SnapshotClearance {
  return {
    id: c.id,
    clientId: c.clientId,
    decision: c.decision,
    models: c.models,
    evaluatedOn: dateKey(c.evaluatedOn),
    validUntil: dateKey(c.validUntil),
    recordedByPsychiatrist: c.psychiatrist.roles.includes("PSYCHIATRIST"),
    psychiatristId: c.psychiatristId,
    signed: c.signedAt !== null,
    revoked: c.revocation !== null,
    supersededById: c.supersededBy?.signedAt ? c.supersededBy.id : null,
  };
}

function clearanceOnlySnapshot(clearances: SnapshotClearance[], settings: ProtocolSettings): CycleSnapshot {
  return {
    cycle: { id: "none", model: "TAKING_TURNS", format: "FULL" },
    couple: { id: "none", couplesTherapistId: "none", partners: [{ id: "a", name: "", kapTherapistId: "" }, { id: "b", name: "", kapTherapistId: "" }] },
    sessions: [],
    clearances,
    rideHomes: [],
    rooms: [],
    settings,
  };
}

/** The clearance that lets the partner dose under `model` on `day` (P3), if any. */
export function clearanceInForce(
  clearances: ClearanceFacts[],
  clientId: string,
  day: string,
  model: KapModel,
  settings: ProtocolSettings = DEFAULT_SETTINGS,
): string | null {
  const snapshot = clearanceOnlySnapshot(clearances.map(toSnapshotClearance), settings);
  return validClearanceOf(snapshot, clientId, day, model)?.id ?? null;
}

/** The clearance in force on `day` for either model (the history page's "in force" mark). */
export function clearanceInForceForAnyModel(clearances: ClearanceFacts[], clientId: string, day: string, settings: ProtocolSettings): string | null {
  return clearanceInForce(clearances, clientId, day, "TAKING_TURNS", settings) ?? clearanceInForce(clearances, clientId, day, "LOW_DOSE_TOGETHER", settings);
}

/** The last day a clearance holds: its valid-until, capped by the clinic's validity setting. */
export { clearanceLastDay } from "../protocol/prerequisites";
