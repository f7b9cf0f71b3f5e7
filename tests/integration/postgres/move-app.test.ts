import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, expect, test } from "vitest";
import { actionId } from "../../../bench/action-id";
import { bookingBody, bookingHeaders, bookingSucceeded } from "../../../bench/booking-request";
import { signIn } from "../../../bench/sign-in";
import { newPGlite } from "@/lib/db/adapter";
import { addClinicDays, clinicDate } from "@/lib/protocol/calendar";
import { DEMO_PASSWORD, DEMO_STAFF } from "../../../prisma/seed/demo-people";
import { startApp, type AppServer } from "../../support/app-server";
import { runCommand } from "../../support/operations-commands";
import { withPgClient } from "../../support/pg-client";

// Issue 13, "Done when": `npm start` on the embedded database, a booking made through the app,
// the app stopped, `npm run db:move-to-postgres URL` into a new database on the local server, the
// app started on PostgreSQL with the DATABASE_URL the move printed, and the booking is there.
// Everything runs as an office manager would run it (the real scripts, the production build:
// start.mjs builds only when the sources changed since the last build).

const server = process.env.TEST_DATABASE_URL!;
const name = `kap_move_app_${randomBytes(5).toString("hex")}`;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kap-move-app-"));
const pgliteDir = path.join(dir, "pglite");
const frontDesk = DEMO_STAFF.find((s) => s.key === "diaz")!;
const running: AppServer[] = [];

/** A statement on the server's own database (creating and dropping the tests' databases). */
const admin = (sql: string) => withPgClient(server!, (client) => client.query(sql));

afterAll(async () => {
  for (const app of running) await app.stop();
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  fs.rmSync(dir, { recursive: true, force: true });
});

const port = 3400 + Math.floor(Math.random() * 400);
const embedded = { DATABASE_URL: "", PGLITE_DIR: pgliteDir, KAP_BACKUP_DIR: path.join(dir, "app-backups"), KAP_DEMO_OPEN_EVERY_DAY: "1" };

test("npm start on the embedded database, book, stop, db:move-to-postgres, npm start on PostgreSQL: the booking is there", { timeout: 420_000 }, async () => {
  // The demo clinic, as `npm start` would seed it; its ids read before the app owns the folder.
  const setup = spawnSync(path.resolve("node_modules/.bin/tsx"), ["scripts/db-setup.ts"], { encoding: "utf8", env: { ...process.env, ...embedded }, timeout: 120_000 });
  expect(setup.status, setup.stderr).toBe(0);
  const folder = await newPGlite(pgliteDir);
  const [couple] = (await folder.query<{ id: string; timeZone: string }>(`SELECT c.id, k."timeZone" FROM "Couple" c JOIN "Clinic" k ON k.id = c."clinicId" ORDER BY c."createdAt", c.id LIMIT 1`)).rows;
  const [room] = (await folder.query<{ id: string }>(`SELECT id FROM "Room" WHERE active AND NOT "dosingEquipped" ORDER BY name LIMIT 1`)).rows;
  await folder.close();
  // Far enough ahead that the demo's sessions are not in the way.
  const date = addClinicDays(clinicDate(new Date(), couple!.timeZone), 120, couple!.timeZone);

  const onPGlite = await startApp(port, embedded);
  running.push(onPGlite);
  const cookie = await signIn(onPGlite.origin, frontDesk.email, DEMO_PASSWORD);
  const res = await fetch(`${onPGlite.origin}/calendar`, {
    method: "POST",
    headers: bookingHeaders(actionId("components/scheduling/actions.ts", "bookSessionAction"), onPGlite.origin, cookie),
    body: bookingBody({ coupleId: couple!.id, roomId: room!.id, date, time: "10:00" } as Parameters<typeof bookingBody>[0]),
  });
  const reply = await res.text();
  expect(bookingSucceeded(res.status, reply), reply.slice(0, 500)).toBe(true);
  // The running app took its daily backup on starting, through its own connection, owner-only.
  await expect.poll(() => fs.existsSync(embedded.KAP_BACKUP_DIR) && fs.readdirSync(embedded.KAP_BACKUP_DIR).filter((f) => /^kap-auto-.*\.sql\.gz$/.test(f)).length, { timeout: 30_000 }).toBe(1);
  await onPGlite.stop();

  await admin(`CREATE DATABASE ${name}`);
  const target = new URL(server);
  target.pathname = `/${name}`;
  const moved = runCommand("db-move-to-postgres", [target.toString()], pgliteDir);
  expect(moved.status, moved.stderr).toBe(0);
  const printed = /^ {2}DATABASE_URL=(\S+)$/m.exec(moved.stdout)?.[1];
  expect(printed).toBe(target.toString());

  const onPostgres = await startApp(port + 1, { DATABASE_URL: printed!, KAP_NO_SEED: "1", KAP_BACKUP_DIR: path.join(dir, "pg-backups") });
  running.push(onPostgres);
  expect(onPostgres.output()).toContain("Database: PostgreSQL (DATABASE_URL).");
  const client = new pg.Client({ connectionString: printed });
  await client.connect();
  const { rows } = await client
    .query<{ id: string }>(`SELECT id FROM "Session" WHERE "coupleId" = $1 AND "roomId" = $2 AND kind = 'COUPLES_THERAPY' AND status = 'SCHEDULED' AND "startsAt" >= $3::date`, [couple!.id, room!.id, date])
    .finally(() => client.end());
  expect(rows).toHaveLength(1);
  // And the app on PostgreSQL shows it on the room calendar of its day.
  const calendar = await fetch(`${onPostgres.origin}/calendar?date=${date}`, { headers: { cookie: await signIn(onPostgres.origin, frontDesk.email, DEMO_PASSWORD) } });
  expect(calendar.status).toBe(200);
  expect(await calendar.text()).toContain(`session=${rows[0]!.id}`);
  await onPostgres.stop();
});
