// P11 Who may do what. Which role may book, move, cancel, check in, complete or mark a no-show
// is decided in one place, lib/auth/permissions.ts; this rule only asks can(). On top, "therapists
// plan and run cycles for their couples": a role that sees clinical content acts only for
// couples it treats (the couple's therapist, a partner's KAP therapist, or a clinician of the
// session), while front-desk staff book for every couple. Without an actor (a system job, a
// preview) the rule has nothing to check.
import { can, ROLE_LABELS, type Permission } from "../../auth/permissions";
import { changedSessionIds } from "../apply-change";
import { sessionById } from "../cycle";
import type { Actor, CycleSnapshot, ProposedChange, Rule } from "../types";

export const PERMISSION_FOR_CHANGE: Record<ProposedChange["type"], Permission> = {
  book: "session:book",
  move: "session:move",
  moveMany: "session:move",
  cancel: "session:cancel",
  checkIn: "session:check-in",
  complete: "session:complete",
  noShow: "session:no-show",
};

const VERBS: Record<ProposedChange["type"], string> = {
  book: "book",
  move: "move",
  moveMany: "move",
  cancel: "cancel",
  checkIn: "check in",
  complete: "complete",
  noShow: "mark no-shows for",
};

/**
 * The couple's clinicians, and whoever already staffs a session the change touches (a covering
 * clinician may run it). Only sessions as they stand count: naming yourself the clinician of a
 * session you book must not grant you the couple.
 */
function treatsCouple(actorId: string, before: CycleSnapshot, change: ProposedChange): boolean {
  const { couple } = before;
  if (couple.couplesTherapistId === actorId || couple.partners.some((p) => p.kapTherapistId === actorId)) return true;
  return changedSessionIds(change).some((id) => sessionById(before, id)?.clinicianIds.includes(actorId));
}

/** Whether the actor may make this change for this couple (P11). */
export function mayMakeChange(actor: Actor, before: CycleSnapshot, after: CycleSnapshot, change: ProposedChange): "yes" | "role" | "not-their-couple" {
  const permission = PERMISSION_FOR_CHANGE[change.type];
  if (!can(actor.roles, permission)) return "role";
  const treats = treatsCouple(actor.id, before, change);
  const allowed = actor.roles.some((role) => can([role], permission) && (treats || !can([role], "clinical:read")));
  return allowed ? "yes" : "not-their-couple";
}

export const p11WhoMay: Rule = (after, change, ctx) => {
  if (!change || !ctx.actor) return [];
  const verdict = mayMakeChange(ctx.actor, ctx.before, after, change);
  if (verdict === "yes") return [];
  const ids = changedSessionIds(change);
  const who = ctx.actor.roles.length > 0 ? `${ctx.actor.roles.map((r) => ROLE_LABELS[r]).join(" / ")} staff` : "An account without a role";
  return [
    {
      rule: "P11",
      sessionIds: ids,
      message:
        verdict === "role"
          ? `P11: ${who} may not ${VERBS[change.type]} sessions.`
          : `P11: you may ${VERBS[change.type]} sessions only for couples you treat, and you are not one of this couple's clinicians.`,
    },
  ];
};
