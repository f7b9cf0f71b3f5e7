// P11 Who may do what. Which role may book, move, cancel, check in, complete or mark a no-show
// is decided in one place, lib/auth/permissions.ts; whom each role reaches (the couples a
// therapist treats, the partners a psychiatrist evaluates and their dosing days, every couple
// for the front desk) in another, lib/auth/reach.ts. This rule asks both. Reach comes first:
// callers check it before the engine runs (lib/scheduling/under-protocol.ts), so this rule's
// out-of-reach verdict is a second line, never the first word a person hears. Without an actor
// (a system job, a preview) the rule has nothing to check.
import { can, ROLE_LABELS, type Permission } from "../../auth/permissions";
import { reachesCouple, reachesSession, type CoupleFacts } from "../../auth/reach";
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

/** The engine's snapshot as reach reads a couple. */
export function coupleFactsOf(snapshot: CycleSnapshot): CoupleFacts {
  return { ...snapshot.couple, sessions: snapshot.sessions, clearances: snapshot.clearances };
}

/**
 * Whether the actor may make this change (P11): the role's permission, then reach to every
 * session the change touches as it stands (a new booking: to the couple). Only sessions as they
 * stand count: naming yourself the clinician of a session you book grants you nothing.
 */
export function mayMakeChange(actor: Actor, before: CycleSnapshot, change: ProposedChange): "yes" | "role" | "out-of-reach" {
  const permission = PERMISSION_FOR_CHANGE[change.type];
  if (!can(actor.roles, permission)) return "role";
  const couple = coupleFactsOf(before);
  const reached =
    change.type === "book"
      ? reachesCouple(actor, permission, couple)
      : changedSessionIds(change).every((id) => {
          const session = sessionById(before, id);
          return session ? reachesSession(actor, permission, couple, session) : reachesCouple(actor, permission, couple);
        });
  return reached ? "yes" : "out-of-reach";
}

export const p11WhoMay: Rule = (_after, change, ctx) => {
  if (!change || !ctx.actor) return [];
  const verdict = mayMakeChange(ctx.actor, ctx.before, change);
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
          : `P11: you may ${VERBS[change.type]} sessions only for the couples you treat or the partners you evaluate.`,
    },
  ];
};
