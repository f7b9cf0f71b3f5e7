// P3: "Revoking a clearance flags every future medicine session of that partner." The clearance
// module calls this when a psychiatrist revokes (lib/clearance/revoke-clearance.ts), to tell them
// which sessions it blocks.
import { canonicalSnapshot, dosingPartners, sessionById } from "./cycle";
import { checkCycle } from "./engine";
import type { CycleSnapshot, Violation } from "./types";

export function flagsAfterRevocation(snapshot: CycleSnapshot, clearanceId: string, now: Date): Violation[] {
  const revoked = snapshot.clearances.find((c) => c.id === clearanceId);
  if (!revoked) return [];
  const cycle = canonicalSnapshot({
    ...snapshot,
    clearances: snapshot.clearances.map((c) => (c.id === clearanceId ? { ...c, revoked: true } : c)),
  });
  return checkCycle(cycle).filter((v) => {
    if (v.rule !== "P3") return false;
    // P3 flags only this cycle's medicine sessions still to come (scheduled or checked in), first
    // in its session ids: what is left to ask is whether it has ended, and whose dose it is.
    const m = sessionById(cycle, v.sessionIds[0])!;
    return m.endsAt.getTime() > now.getTime() && dosingPartners(cycle, m).some((p) => p.id === revoked.clientId);
  });
}
