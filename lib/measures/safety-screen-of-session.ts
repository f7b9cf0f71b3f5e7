import "server-only";
import { recordAudit } from "../audit/record";
import { can } from "../auth/permissions";
import { reachesPartner, sessionWhere } from "../auth/reach";
import type { Staff } from "../auth/session";
import { db } from "../db";
import { ForbiddenError, NotFoundError } from "../errors";
import { coupleFactsOf, MEDICINE_KINDS, safetyScreenItems, type PanelPrerequisite } from "../protocol";
import { safetyScreenSetting } from "../protocol/settings";
import { loadCoupleSnapshot } from "../scheduling/load-snapshot";

export type SafetyScreenLine = PanelPrerequisite & {
  partnerId: string;
  /**
   * The line's PHQ-9 has item 9 above 0: a clinician records its review, or a new decision (the
   * latest counts). Once met, that is the latest such PHQ-9 in the window: a later one with item
   * 9 at 0 does not lift the concern, so its review stays open to change.
   */
  reviewable: boolean;
};

/**
 * P12 for one medicine session, as the dosing day shows it to clinicians: each dosing partner the
 * clinician reaches, with the PHQ-9 a review answers (see safetyScreenItems) and what it needs.
 * Read from the same snapshot the engine judges check-in with, so the page and the refusal agree.
 * Clinical content: each partner's line is an audited read.
 */
export async function safetyScreenOfSession(staff: Staff, sessionId: string): Promise<{ enabled: boolean; lines: SafetyScreenLine[] }> {
  if (!can(staff.roles, "measure:read")) throw new ForbiddenError();
  const sessions = sessionWhere(staff, "measure:read");
  if (!sessions) throw new NotFoundError("The session");
  return db.$transaction(async (tx) => {
    const session = await tx.session.findFirst({
      where: { AND: [sessions, { id: sessionId, clinicId: staff.clinicId, kind: { in: [...MEDICINE_KINDS] } }] },
      select: { id: true, coupleId: true, cycleId: true },
    });
    if (!session) throw new NotFoundError("The session");
    const snapshot = await loadCoupleSnapshot(tx, staff.clinicId, session.coupleId, session.cycleId);
    const medicine = snapshot.sessions.find((s) => s.id === session.id);
    if (!medicine) throw new NotFoundError("The session");
    const facts = coupleFactsOf(snapshot);
    const lines = safetyScreenItems(snapshot, medicine)
      .filter((item): item is PanelPrerequisite & { partnerId: string } => item.partnerId !== null && reachesPartner(staff, "measure:read", facts, item.partnerId))
      .map((item) => ({ ...item, reviewable: (snapshot.screens ?? []).some((s) => s.id === item.screenId && s.item9 > 0) }));
    for (const line of lines) {
      await recordAudit(tx, staff, { action: "read", entity: "MeasureResponse", entityId: line.screenId ?? session.id, clientId: line.partnerId, outcome: "ALLOWED" });
    }
    return { enabled: safetyScreenSetting(snapshot.settings).enabled, lines };
  });
}
