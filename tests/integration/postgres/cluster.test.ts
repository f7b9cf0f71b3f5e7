import { randomBytes } from "node:crypto";
import http from "node:http";
import pg from "pg";
import { afterAll, expect, test } from "vitest";
import { actionId } from "../../../bench/action-id";
import { bookingBody, bookingHeaders, bookingSucceeded } from "../../../bench/booking-request";
import { signIn } from "../../../bench/sign-in";
import { addClinicDays, clinicDate } from "@/lib/protocol/calendar";
import { DEMO_PASSWORD, DEMO_STAFF } from "../../../prisma/seed/demo-people";
import { startApp, type AppServer } from "../../support/app-server";
import { withPgClient } from "../../support/pg-client";

// Issue 16: on PostgreSQL `npm start` serves with a worker per core (here WEB_CONCURRENCY=2),
// and what must hold across processes does. 500 bookings of one room at one time, sent 50 at a
// time so that both workers take their share: exactly one is booked, every other is refused in
// words (no 5xx), and the database holds one session there. Then the session is signed out
// through one worker, and every worker refuses its cookie.

const server = process.env.TEST_DATABASE_URL!;
const name = `kap_cluster_${randomBytes(5).toString("hex")}`;
const frontDesk = DEMO_STAFF.find((s) => s.key === "diaz")!;
let app: AppServer | undefined;

/** A GET on a connection of its own (the workers share connections round-robin, not requests). */
function getOnNewConnection(url: string, cookie: string): Promise<{ status: number; location: string | undefined }> {
  return new Promise((resolve, reject) => {
    http.get(url, { agent: false, headers: { cookie } }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0, location: res.headers.location }));
    }).on("error", reject);
  });
}


afterAll(async () => {
  await app?.stop();
  await withPgClient(server, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
});

test("two workers on one PostgreSQL: 500 bookings of one room and time, exactly one booked, no 5xx, no overlap; a session signed out on one is refused on all", { timeout: 480_000 }, async () => {
  await withPgClient(server, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(server);
  url.pathname = `/${name}`;
  const port = 3800 + Math.floor(Math.random() * 200);
  // `npm start` as a clinic runs it on PostgreSQL: migrates, seeds the demo clinic, serves.
  app = await startApp(port, { DATABASE_URL: url.toString(), WEB_CONCURRENCY: "2", KAP_DEMO_OPEN_EVERY_DAY: "1", KAP_SCHEDULED_BACKUPS: "off" });
  expect(app.output()).toContain("2 workers");

  const { couple, room } = await withPgClient(url.toString(), async (c) => ({
    couple: (await c.query<{ id: string; timeZone: string }>(`SELECT c.id, k."timeZone" FROM "Couple" c JOIN "Clinic" k ON k.id = c."clinicId" ORDER BY c."createdAt", c.id LIMIT 1`)).rows[0],
    room: (await c.query<{ id: string }>(`SELECT id FROM "Room" WHERE active AND NOT "dosingEquipped" ORDER BY name LIMIT 1`)).rows[0],
  }));
  // Far enough ahead that the demo's sessions are not in the way.
  const date = addClinicDays(clinicDate(new Date(), couple.timeZone), 90, couple.timeZone);
  const cookie = await signIn(app.origin, frontDesk.email, DEMO_PASSWORD);
  const headers = bookingHeaders(actionId("components/scheduling/actions.ts", "bookSessionAction"), app.origin, cookie);
  const body = bookingBody({ coupleId: couple.id, roomId: room.id, date, time: "11:00" } as Parameters<typeof bookingBody>[0]);

  const outcomes: { status: number; ok: boolean }[] = [];
  let sent = 0;
  const sender = async () => {
    while (sent < 500) {
      sent++;
      const res = await fetch(`${app!.origin}/calendar`, { method: "POST", headers, body });
      outcomes.push({ status: res.status, ok: bookingSucceeded(res.status, await res.text()) });
    }
  };
  await Promise.all(Array.from({ length: 50 }, sender));

  // Both workers served: each process's connections carry its own name (lib/db/pg-pool.ts).
  const processes = await withPgClient(url.toString(), async (c) =>
    (await c.query<{ name: string }>(`SELECT DISTINCT application_name AS name FROM pg_stat_activity WHERE datname = $1 AND application_name LIKE 'kap-%'`, [name])).rows.length,
  );
  expect(processes).toBe(2);
  expect(outcomes).toHaveLength(500);
  expect(outcomes.filter((o) => o.status >= 500)).toEqual([]);
  expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
  const sessions = await withPgClient(url.toString(), async (c) =>
    (await c.query<{ n: string }>(`SELECT count(*) AS n FROM "Session" WHERE "roomId" = $1 AND "coupleId" = $2 AND status <> 'CANCELLED' AND "startsAt"::date >= $3::date - 1 AND "startsAt"::date <= $3::date + 1`, [room.id, couple.id, date])).rows[0].n,
  );
  expect(Number(sessions)).toBe(1);

  // Signed in, twenty fresh connections open the calendar, on both workers.
  const calendar = `${app.origin}/calendar`;
  const before = await Promise.all(Array.from({ length: 20 }, () => getOnNewConnection(calendar, cookie)));
  expect(before.map((r) => r.status)).toEqual(Array(20).fill(200));
  // Sign out (one request, so one worker): the server-side session ends in the database.
  const { csrfToken } = (await (await fetch(`${app.origin}/api/auth/csrf`, { headers: { cookie } })).json()) as { csrfToken: string };
  const out = await fetch(`${app.origin}/api/auth/signout`, {
    method: "POST", redirect: "manual", headers: { cookie, origin: app.origin, "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ csrfToken, json: "true" }),
  });
  expect(out.status).toBeLessThan(400);
  // The same cookie (its JWT still well signed) is refused by every worker: sent to sign in.
  const after = await Promise.all(Array.from({ length: 20 }, () => getOnNewConnection(calendar, cookie)));
  expect(after.map((r) => [r.status, r.location?.replace(app!.origin, "")])).toEqual(Array(20).fill([307, "/sign-in"]));
});
