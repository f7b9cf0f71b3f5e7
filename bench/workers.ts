// Issue 16's measures of the server itself: the floor (the least a page costs: a signed-in page
// with no data, and a page with no session at all), each server process's memory, and the same
// load with one worker per core instead of one process, including 500 bookings of one room and
// time spread over the workers (exactly one may succeed).
import { execFileSync } from "node:child_process";
import { bookingBody, bookingHeaders, bookingSucceeded } from "./booking-request";
import type { FreeSlot } from "./clinic-model";
import type { CpuUse } from "./cpu-use";
import { runLoad, type LoadResult } from "./load";
import type { Server } from "./server";
import type { Sql } from "./sql";

export type Floor = { signedIn: LoadResult; noSession: LoadResult };
export type Conflicting = { sent: number; booked: number; refused: number; serverErrors: number; sessionsInDatabase: number };
export type WorkersRun = {
  workers: number;
  calendar: LoadResult & { connections: number; cpu?: CpuUse };
  booking: LoadResult & { connections: number };
  conflicting: Conflicting;
  /** Resident memory of each serving process (MB), at rest after warming up and at the end of the load. */
  rssMb: { atRest: number[]; afterLoad: number[] };
};

/** The resident memory (MB) of each process of the server's group that serves requests (scripts/serve.mjs and its workers). */
export function servingRssMb(server: Server): number[] {
  const out = execFileSync("ps", ["-o", "rss=,args=", "-g", String(server.pid)], { encoding: "utf8" });
  return out
    .split("\n")
    .filter((line) => line.includes("serve.mjs"))
    .map((line) => Math.round(Number(line.trim().split(/\s+/)[0]) / 1024))
    .sort((a, b) => b - a);
}

export async function measureFloor(server: Server, cookie: string, amount: number, maxSeconds: number): Promise<Floor> {
  const signedIn = await runLoad({ url: `${server.origin}/help`, connections: 10, amount, maxSeconds, headers: { cookie }, ok: (s, b) => s === 200 && b.includes("What each role does") });
  const noSession = await runLoad({ url: `${server.origin}/forbidden`, connections: 10, amount, maxSeconds, headers: {}, ok: (s, b) => s === 200 && b.includes("have access") });
  return { signedIn, noSession };
}

/**
 * 500 bookings of one free slot (its couple, room and time), 50 in flight at a time: the
 * database must let exactly one through, and every other must be an answer in words, not a 5xx.
 */
export async function conflictingBookings(server: Server, actionId: string, cookie: string, slot: FreeSlot, sql: Sql): Promise<Conflicting> {
  const headers = bookingHeaders(actionId, server.origin, cookie);
  const body = bookingBody(slot);
  const result = { sent: 0, booked: 0, refused: 0, serverErrors: 0 };
  const sender = async () => {
    while (result.sent < 500) {
      result.sent++;
      const res = await fetch(`${server.origin}/calendar`, { method: "POST", headers, body });
      const text = await res.text();
      if (res.status >= 500) result.serverErrors++;
      else if (bookingSucceeded(res.status, text)) result.booked++;
      else result.refused++;
    }
  };
  await Promise.all(Array.from({ length: 50 }, sender));
  const [row] = await sql.query<{ n: string }>(
    `SELECT count(*) AS n FROM "Session" WHERE "roomId" = $1::uuid AND status <> 'CANCELLED' AND tstzrange("startsAt", "endsAt") && tstzrange($2::timestamptz, $2::timestamptz + interval '1 hour')`,
    [slot.roomId, slot.startsAt.toISOString()],
  );
  return { ...result, sessionsInDatabase: Number(row.n) };
}
