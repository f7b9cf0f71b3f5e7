// What a change brings with it. P4: cancelling a medicine session cancels its integration, so the
// caller cancels these in the same transaction. A no-show of a medicine session does the same:
// there is nothing to integrate. Only scheduled integrations can still be cancelled (P10).
import { isMedicine, sessionById } from "./cycle";
import type { CycleSnapshot, ProposedChange } from "./types";

export type Consequences = { cancelIntegrationIds: string[] };

export function consequencesOf(snapshot: CycleSnapshot, change: ProposedChange): Consequences {
  if (change.type !== "cancel" && change.type !== "noShow") return { cancelIntegrationIds: [] };
  const target = sessionById(snapshot, change.sessionId);
  if (!target || !isMedicine(target)) return { cancelIntegrationIds: [] };
  const ids = snapshot.sessions
    .filter((s) => s.kind === "INTEGRATION" && s.medicineSessionId === target.id && s.status === "SCHEDULED")
    .map((s) => s.id)
    .sort();
  return { cancelIntegrationIds: ids };
}
