// When a signed-in session ends on its own (clinic settings): after `idleTimeoutMinutes` without
// a request, and `absoluteTimeoutHours` after sign-in whatever happens. Pure, for unit tests.

export type SessionTimes = { createdAt: Date; lastSeenAt: Date; endedAt: Date | null };
export type SessionTimeouts = { idleTimeoutMinutes: number; absoluteTimeoutHours: number };
export type SessionEnd = "ended" | "idle" | "expired";

/** Why this session is over at `now`, or null while it is live. */
export function sessionEndAt(session: SessionTimes, timeouts: SessionTimeouts, now: Date): SessionEnd | null {
  if (session.endedAt) return "ended";
  if (now.getTime() - session.createdAt.getTime() >= timeouts.absoluteTimeoutHours * 3_600_000) return "expired";
  if (now.getTime() - session.lastSeenAt.getTime() >= timeouts.idleTimeoutMinutes * 60_000) return "idle";
  return null;
}

/**
 * lastSeenAt is written at most this often: one write a minute per browser, not one per request.
 * The idle timeout therefore holds to within this margin.
 */
export const TOUCH_EVERY_MS = 30_000;
