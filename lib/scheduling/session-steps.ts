import "server-only";
import type { Permission } from "../auth/permissions";
import { reachesSession, type CoupleFacts, type SessionFacts } from "../auth/reach";
import { reachesRecord } from "../auth/reach-check";
import type { Staff } from "../auth/session";

/** A session's steps as the schedule's buttons show them, and the permission each needs. */
export const SESSION_STEPS = {
  move: "session:move",
  cancel: "session:cancel",
  checkIn: "session:check-in",
  complete: "session:complete",
  noShow: "session:no-show",
} as const satisfies Record<string, Permission>;

export type SessionSteps = Record<keyof typeof SESSION_STEPS, boolean>;

// Reach is asked for the step's permission, so a role without it reaches nothing (reach.ts).

/** Which steps this staff member may take on a session of a couple the page holds (the couple page). */
export function sessionStepsOn(staff: Staff, couple: CoupleFacts, session: SessionFacts): SessionSteps {
  return Object.fromEntries(Object.entries(SESSION_STEPS).map(([step, permission]) => [step, reachesSession(staff, permission, couple, session)])) as SessionSteps;
}

/** The same for one session by id (the calendar's session panel), asking the database. */
export async function sessionStepsFor(staff: Staff, sessionId: string): Promise<SessionSteps> {
  const entries = await Promise.all(Object.entries(SESSION_STEPS).map(async ([step, permission]) => [step, await reachesRecord(staff, permission, "session", sessionId)] as const));
  return Object.fromEntries(entries) as SessionSteps;
}
