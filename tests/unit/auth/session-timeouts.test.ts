import { expect, test } from "vitest";
import { sessionEndAt } from "@/lib/auth/session-timeouts";

const signedIn = new Date("2026-03-02T08:00:00Z");
const defaults = { idleTimeoutMinutes: 15, absoluteTimeoutHours: 12 };
const at = (minutes: number) => new Date(signedIn.getTime() + minutes * 60_000);

test.each([
  ["live right after sign-in", { lastSeenAt: signedIn }, at(0), null],
  ["live 14 minutes after the last request", { lastSeenAt: at(60) }, at(74), null],
  ["idle 15 minutes after the last request", { lastSeenAt: at(60) }, at(75), "idle"],
  ["expired at 12 hours even when active", { lastSeenAt: at(719) }, at(720), "expired"],
  ["expired wins over idle", { lastSeenAt: at(0) }, at(721), "expired"],
] as const)("%s", (_name, times, now, expected) => {
  expect(sessionEndAt({ createdAt: signedIn, endedAt: null, ...times }, defaults, now)).toBe(expected);
});

test("follows the clinic's settings", () => {
  const relaxed = { idleTimeoutMinutes: 30, absoluteTimeoutHours: 8 };
  expect(sessionEndAt({ createdAt: signedIn, lastSeenAt: at(60), endedAt: null }, relaxed, at(80))).toBeNull();
  expect(sessionEndAt({ createdAt: signedIn, lastSeenAt: at(470), endedAt: null }, relaxed, at(480))).toBe("expired");
});

test("a session that was ended (signed out, account changed) stays ended", () => {
  expect(sessionEndAt({ createdAt: signedIn, lastSeenAt: at(1), endedAt: at(2) }, defaults, at(3))).toBe("ended");
});
