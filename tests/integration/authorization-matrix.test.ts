import fs from "node:fs";
import path from "node:path";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, test, vi } from "vitest";
import { databaseKind, testDb } from "../support/database";
import { insertSession, smallClinic } from "../support/fixtures";
import { navigationOf, signInAs } from "../support/next-request";

const { newInvitation } = await import("@/lib/staff/invitations");

// The authorization matrix (issue 6). Every exported server action (app/**/actions.ts, and any
// other module that starts with "use server") and route handler (app/**/route.ts) has a row saying who may call it; each is called as every role and
// as nobody, against the real database, and the answer must match. Object-level cases call with
// a record the caller may not reach (a therapist with another therapist's couple, an admin with
// another clinic's account). Pages that load one record are in the matrix too.
//
// A new action or route handler without a row fails the first test: add its row here.

vi.mock("next/headers", () => import("../support/next-request"));
// Cache invalidation is Next's server's business; outside it there is nothing to invalidate.
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

const ROOT = path.resolve(import.meta.dirname, "../..");
const ROLES = ["THERAPIST", "PSYCHIATRIST", "FRONT_DESK", "ADMIN"] as const;
type Role = (typeof ROLES)[number];
type Caller = Role | "NOBODY";
const CALLERS: Caller[] = [...ROLES, "NOBODY"];

const db = await testDb();
type Fixture = Awaited<ReturnType<typeof makeFixture>>;
type Fn = (...args: never[]) => Promise<unknown>;
type Row = {
  /** Who gets through; everyone else must be refused. */
  allowed: readonly Caller[];
  call: (fn: Fn, fx: Fixture) => Promise<unknown>;
  /** The same endpoint reaching a record the caller may not see: must be refused. */
  objectLevel?: { caller: Role; why: string; call: (fn: Fn, fx: Fixture) => Promise<unknown> }[];
  /** Rows touching the database: a count that a refused call must leave as it was. */
  unchanged?: (fx: Fixture) => Promise<number>;
  /**
   * "done" (the default): an allowed caller's call succeeds. "past-gate": the row checks the
   * role gate only, so an allowed caller may still be told to correct the input.
   */
  allowedMeans?: "done" | "past-gate";
  /** How to read this endpoint's answer, when it is not an ActionResult, a Response or a page. */
  judge?: (value: unknown, caller: Caller, fx: Fixture) => string;
};

/** A row that checks only who gets past the role gate (the input is left empty). */
const gate = (allowed: readonly Caller[]): Row => ({ allowed, allowedMeans: "past-gate", call: (fn) => call(fn, null, form({})) });

const form = (fields: Record<string, string | string[] | undefined>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const one of [v ?? []].flat()) f.append(k, one);
  return f;
};
let serial = 0;
const unique = () => `${Date.now().toString(36)}-${serial++}`;
const call = (fn: Fn, ...args: unknown[]) => (fn as unknown as (...a: unknown[]) => Promise<unknown>)(...args);

async function makeFixture() {
  const c = await smallClinic(db);
  const user = (name: string, roles: Role[], clinicId = c.clinic.id) =>
    db.user.create({ data: { clinicId, email: `${name}-${unique()}@clinic.test`, name, roles, passwordHash: "x" } });
  const frontDesk = await user("front-desk", ["FRONT_DESK"]);
  const admin = await user("admin", ["ADMIN"]);
  const otherPsychiatrist = await user("other-psychiatrist", ["PSYCHIATRIST"]);
  const elsewhere = await smallClinic(db);
  const otherClinicAdmin = await user("elsewhere-admin", ["ADMIN"], elsewhere.clinic.id);
  // The psychiatrist evaluates partner A: that puts the couple in the psychiatrist's reach.
  const cycle = await db.kapCycle.create({ data: { coupleId: c.couple.id, model: "TAKING_TURNS", plannedSessionCount: 8, status: "ACTIVE" } });
  const evaluation = await insertSession(db, c, {
    cycleId: cycle.id,
    kind: "MEDICAL_EVALUATION",
    start: "2026-02-20T17:00:00Z",
    minutes: 60,
    partners: [c.couple.partnerAId],
    status: "COMPLETED",
    clinicianId: c.psychiatrist.id,
  });
  const clearance = (signed: boolean, clientId = c.couple.partnerAId) =>
    db.clearance.create({
      data: {
        clientId,
        psychiatristId: c.psychiatrist.id,
        evaluationSessionId: clientId === c.couple.partnerAId ? evaluation.id : null,
        evaluatedOn: new Date("2026-02-20"),
        systolic: 120,
        diastolic: 80,
        heartRate: 70,
        decision: "CLEARED",
        models: ["TAKING_TURNS"],
        maxDoseMg: 100,
        route: "SUBLINGUAL_LOZENGE",
        validUntil: new Date("2026-05-20"),
        signedAt: signed ? new Date("2026-02-20T19:00:00Z") : null,
      },
    });
  const signedClearance = await clearance(true);
  const otherCoupleClearance = await clearance(true, c.otherCouple.partnerAId);
  const throwaway = () => user("throwaway", ["THERAPIST"]);
  // A couples-therapy session of each couple, on its own Monday (no overlaps between calls).
  let week = 0;
  const monday = () => new Date(Date.UTC(2027, 2, 1 + 7 * week++, 18)).toISOString();
  const session = (couple: "own" | "other") =>
    insertSession(db, couple === "own" ? c : { ...c, couple: c.otherCouple }, {
      kind: "COUPLES_THERAPY",
      start: monday(),
      minutes: 60,
      partners: couple === "own" ? [c.couple.partnerAId, c.couple.partnerBId] : [c.otherCouple.partnerAId, c.otherCouple.partnerBId],
      clinicianId: couple === "own" ? c.therapist.id : c.otherTherapist.id,
    });
  const nextDay = () => new Date(Date.UTC(2027, 2, 1 + 7 * week++)).toISOString().slice(0, 10);
  const callers: Record<Caller, { id: string } | null> = {
    THERAPIST: c.therapist,
    PSYCHIATRIST: c.psychiatrist,
    FRONT_DESK: frontDesk,
    ADMIN: admin,
    NOBODY: null,
  };
  return { ...c, frontDesk, admin, otherPsychiatrist, otherClinicAdmin, signedClearance, otherCoupleClearance, clearance, throwaway, session, nextDay, callers };
}

const MATRIX: Record<string, Row> = {
  "app/(clinic)/admin/rooms/actions.ts#addRoomAction": {
    allowed: ["ADMIN"],
    call: (fn) => call(fn, null, form({ name: `Room ${unique()}`, capacity: "4" })),
    unchanged: (fx) => db.room.count({ where: { clinicId: fx.clinic.id } }),
  },
  "app/(clinic)/admin/settings/actions.ts#saveClinicSettingsAction": {
    allowed: ["ADMIN"],
    // The defaults, with a longer clearance validity: a refused call must leave it as it was.
    call: (fn) =>
      call(fn, null, form({
        "sessionMinutes.INTAKE": "60", "sessionMinutes.PREPARATION": "90", "sessionMinutes.MEDICAL_EVALUATION": "60", "sessionMinutes.MEDICINE_TAKING_TURNS": "180",
        "sessionMinutes.MEDICINE_LOW_DOSE": "120", "sessionMinutes.INTEGRATION": "90", "sessionMinutes.COUPLES_THERAPY": "60",
        "minPreparations.TAKING_TURNS": "2", "minPreparations.LOW_DOSE_TOGETHER": "0", clearanceValidityDays: "120",
        "integrationWindowDays.min": "1", "integrationWindowDays.max": "2", "lowDoseSeries.min": "6", "lowDoseSeries.max": "8",
        openWeekdays: ["1", "2", "3", "4", "5", "6"], opensAtMinute: "08:00", closesAtMinute: "20:00",
        maxSystolic: "160", maxDiastolic: "90", maxHeartRate: "100", vitalsIntervalMinMinutes: "15", vitalsIntervalMaxMinutes: "40",
        dischargeMinMinutes: "120", idleTimeoutMinutes: "15", absoluteTimeoutHours: "12",
      })),
    unchanged: (fx) => db.clinic.count({ where: { id: fx.clinic.id, clearanceValidityDays: 120 } }),
  },
  "app/(clinic)/admin/staff/actions.ts#addStaffAction": {
    allowed: ["ADMIN"],
    call: (fn) => call(fn, null, form({ name: "New Person", email: `new-${unique()}@clinic.test`, roles: "THERAPIST", password: "harbor seal morning fog" })),
    unchanged: (fx) => db.user.count({ where: { clinicId: fx.clinic.id } }),
  },
  "app/(clinic)/admin/staff/actions.ts#issueResetLinkAction": {
    allowed: ["ADMIN"],
    call: async (fn, fx) => call(fn, null, form({ staffId: (await fx.throwaway()).id })),
    objectLevel: [{ caller: "ADMIN", why: "another clinic's account", call: (fn, fx) => call(fn, null, form({ staffId: fx.otherClinicAdmin.id })) }],
    unchanged: () => db.staffInvitation.count(),
  },
  // Public: the link's token is the credential. Anyone holding a valid link may use it once.
  "app/sign-in/welcome/actions.ts#acceptInvitationAction": {
    allowed: CALLERS,
    call: async (fn, fx) => {
      const invited = await fx.throwaway();
      const token = await db.$transaction((tx) => newInvitation(tx, fx.admin, invited.id));
      return call(fn, null, form({ token, password: "harbor seal morning fog" }));
    },
  },
  "app/(clinic)/admin/staff/actions.ts#setStaffRolesAction": {
    allowed: ["ADMIN"],
    call: async (fn, fx) => call(fn, null, form({ staffId: (await fx.throwaway()).id, roles: ["FRONT_DESK"] })),
    objectLevel: [{ caller: "ADMIN", why: "another clinic's account", call: (fn, fx) => call(fn, null, form({ staffId: fx.otherClinicAdmin.id, roles: "THERAPIST" })) }],
  },
  "app/(clinic)/admin/staff/actions.ts#resetStaffPasswordAction": {
    allowed: ["ADMIN"],
    call: async (fn, fx) => call(fn, null, form({ staffId: (await fx.throwaway()).id, password: "harbor seal morning fog" })),
    objectLevel: [{ caller: "ADMIN", why: "another clinic's account", call: (fn, fx) => call(fn, null, form({ staffId: fx.otherClinicAdmin.id, password: "harbor seal morning fog" })) }],
  },
  "app/(clinic)/admin/staff/actions.ts#setStaffActiveAction": {
    allowed: ["ADMIN"],
    call: async (fn, fx) => call(fn, null, form({ staffId: (await fx.throwaway()).id, active: "false" })),
    objectLevel: [{ caller: "ADMIN", why: "another clinic's account", call: (fn, fx) => call(fn, null, form({ staffId: fx.otherClinicAdmin.id, active: "false" })) }],
    unchanged: (fx) => db.user.count({ where: { clinicId: fx.clinic.id, active: false } }),
  },
  "app/(clinic)/clearances/actions.ts#recordClearanceAction": {
    allowed: ["PSYCHIATRIST"],
    call: (fn, fx) =>
      call(fn, null, form({ clientId: fx.couple.partnerAId, evaluatedOn: "2026-02-20", decision: "DEFERRED", systolic: "120", diastolic: "80", heartRate: "70", intent: "draft" })),
    objectLevel: [
      {
        caller: "PSYCHIATRIST",
        why: "a partner of another couple, whom this psychiatrist does not evaluate",
        call: (fn, fx) =>
          call(fn, null, form({ clientId: fx.otherCouple.partnerAId, evaluatedOn: "2026-02-20", decision: "DEFERRED", systolic: "120", diastolic: "80", heartRate: "70" })),
      },
    ],
    unchanged: (fx) => db.clearance.count({ where: { client: { clinicId: fx.clinic.id } } }),
  },
  "app/(clinic)/clearances/actions.ts#signClearanceAction": {
    allowed: ["PSYCHIATRIST"],
    call: async (fn, fx) => call(fn, null, form({ clearanceId: (await fx.clearance(false)).id })),
    unchanged: (fx) => db.clearance.count({ where: { client: { clinicId: fx.clinic.id }, signedAt: { not: null } } }),
  },
  "app/(clinic)/clearances/actions.ts#revokeClearanceAction": {
    allowed: ["PSYCHIATRIST"],
    call: async (fn, fx) => call(fn, null, form({ clearanceId: (await fx.clearance(true)).id, reason: "New information from the GP" })),
    objectLevel: [
      {
        caller: "PSYCHIATRIST",
        why: "another couple's clearance",
        call: (fn, fx) => call(fn, null, form({ clearanceId: fx.otherCoupleClearance.id, reason: "New information from the GP" })),
      },
    ],
    unchanged: () => db.clearanceRevocation.count(),
  },
  // next-auth's endpoint: public by design (it is how one signs in). The session it reports is
  // the caller's own and nobody else's.
  "app/api/auth/[...nextauth]/route.ts#GET": {
    allowed: CALLERS,
    call: async (fn) => {
      const response = (await call(fn, new NextRequest("http://localhost:3000/api/auth/session"), { params: Promise.resolve({ nextauth: ["session"] }) })) as Response;
      return { status: response.status, session: await response.json() };
    },
    judge: (value, caller, fx) => {
      const { status, session } = value as { status: number; session: { staffId?: string } };
      return status === 200 && session.staffId === fx.callers[caller]?.id ? "allowed" : `GET /api/auth/session answered ${JSON.stringify(value)}`;
    },
  },
  // Signing in needs next-auth's CSRF token: a bare POST gets no session, whoever sends it.
  "app/api/auth/[...nextauth]/route.ts#POST": {
    allowed: CALLERS,
    call: async (fn, fx) => {
      const body = new URLSearchParams({ email: fx.therapist.email, password: "x", json: "true" });
      const request = new NextRequest("http://localhost:3000/api/auth/callback/credentials", {
        method: "POST",
        body,
        headers: { "content-type": "application/x-www-form-urlencoded" },
      });
      const response = (await call(fn, request, { params: Promise.resolve({ nextauth: ["callback", "credentials"] }) })) as Response;
      return { status: response.status, cookies: response.headers.getSetCookie() };
    },
    judge: (value) => {
      const set = (value as { cookies: string[] }).cookies.filter((c) => c.startsWith("next-auth.session-token="));
      return set.length === 0 ? "allowed" : `a bare POST set a session cookie: ${set.join()}`;
    },
  },
  // The schedule (components/scheduling/actions.ts): book, move, cancel and a session's life.
  "components/scheduling/actions.ts#bookSessionAction": {
    allowed: ["THERAPIST", "FRONT_DESK"],
    call: (fn, fx) => call(fn, null, form({ coupleId: fx.couple.id, kind: "COUPLES_THERAPY", date: fx.nextDay(), time: "10:00", roomId: fx.willow.id })),
    objectLevel: [
      {
        caller: "THERAPIST",
        why: "another therapist's couple, by id",
        call: (fn, fx) => call(fn, null, form({ coupleId: fx.otherCouple.id, kind: "COUPLES_THERAPY", date: fx.nextDay(), time: "10:00", roomId: fx.willow.id })),
      },
    ],
    unchanged: (fx) => db.session.count({ where: { clinicId: fx.clinic.id } }),
  },
  "components/scheduling/actions.ts#cancelSessionAction": {
    allowed: ["THERAPIST", "FRONT_DESK"],
    call: async (fn, fx) => call(fn, null, form({ sessionId: (await fx.session("own")).id, reason: "The couple asked to" })),
    objectLevel: [
      { caller: "THERAPIST", why: "another therapist's couple's session", call: async (fn, fx) => call(fn, null, form({ sessionId: (await fx.session("other")).id, reason: "The couple asked to" })) },
    ],
    unchanged: (fx) => db.session.count({ where: { clinicId: fx.clinic.id, status: "CANCELLED" } }),
  },
  "components/scheduling/actions.ts#moveSessionAction": {
    ...gate(["THERAPIST", "FRONT_DESK"]),
    objectLevel: [
      {
        caller: "THERAPIST",
        why: "another therapist's couple's session",
        call: async (fn, fx) => call(fn, null, form({ sessionId: (await fx.session("other")).id, date: fx.nextDay(), time: "11:00", roomId: fx.willow.id })),
      },
    ],
  },
  "components/scheduling/actions.ts#checkInSessionAction": {
    ...gate(["THERAPIST", "FRONT_DESK"]),
    objectLevel: [{ caller: "THERAPIST", why: "another therapist's couple's session", call: async (fn, fx) => call(fn, null, form({ sessionId: (await fx.session("other")).id })) }],
  },
  "components/scheduling/actions.ts#completeSessionAction": {
    ...gate(["THERAPIST", "PSYCHIATRIST"]),
    objectLevel: [{ caller: "THERAPIST", why: "another therapist's couple's session", call: async (fn, fx) => call(fn, null, form({ sessionId: (await fx.session("other")).id })) }],
  },
  "components/scheduling/actions.ts#noShowSessionAction": {
    ...gate(["THERAPIST", "FRONT_DESK"]),
    objectLevel: [{ caller: "THERAPIST", why: "another therapist's couple's session", call: async (fn, fx) => call(fn, null, form({ sessionId: (await fx.session("other")).id })) }],
  },
  // Couples and cycles.
  "app/(clinic)/couples/actions.ts#createCoupleAction": gate(["THERAPIST", "FRONT_DESK"]),
  "app/(clinic)/couples/[coupleId]/plan/actions.ts#bookPlanAction": gate(["THERAPIST"]),
  "app/(clinic)/couples/[coupleId]/actions.ts#updateCoupleAction": {
    ...gate(["THERAPIST", "FRONT_DESK"]),
    objectLevel: [
      {
        caller: "THERAPIST",
        why: "another therapist's couple, by id",
        call: (fn, fx) =>
          call(
            fn,
            null,
            form({
              coupleId: fx.otherCouple.id,
              "partnerA.firstName": "Changed",
              "partnerA.lastName": "Name",
              "partnerB.firstName": "Other",
              "partnerB.lastName": "Name",
              couplesTherapistId: fx.therapist.id,
              partnerAKapTherapistId: fx.therapist.id,
              partnerBKapTherapistId: fx.therapist.id,
            }),
          ),
      },
    ],
    unchanged: (fx) => db.client.count({ where: { clinicId: fx.clinic.id, firstName: "Changed" } }),
  },
  "app/(clinic)/couples/[coupleId]/actions.ts#startCycleAction": {
    ...gate(["THERAPIST"]),
    objectLevel: [
      {
        caller: "THERAPIST",
        why: "another therapist's couple, by id",
        call: (fn, fx) => call(fn, null, form({ coupleId: fx.otherCouple.id, model: "TAKING_TURNS", format: "FULL", sharedGoals: "" })),
      },
    ],
    unchanged: (fx) => db.kapCycle.count({ where: { couple: { clinicId: fx.clinic.id } } }),
  },
  // Dosing day (P10, P11). Gate rows: the domain functions check the session and partner again.
  "app/(clinic)/sessions/[sessionId]/dosing/actions.ts#rideHomeAction": gate(["THERAPIST", "PSYCHIATRIST", "FRONT_DESK"]),
  "app/(clinic)/sessions/[sessionId]/dosing/actions.ts#vitalsAction": gate(["THERAPIST", "PSYCHIATRIST"]),
  "app/(clinic)/sessions/[sessionId]/dosing/actions.ts#overrideAction": gate(["PSYCHIATRIST"]),
  "app/(clinic)/sessions/[sessionId]/dosing/actions.ts#administrationAction": gate(["THERAPIST", "PSYCHIATRIST"]),
  "app/(clinic)/sessions/[sessionId]/dosing/actions.ts#dischargeAction": gate(["THERAPIST", "PSYCHIATRIST"]),
  "app/(clinic)/sessions/[sessionId]/dosing/actions.ts#checkInAction": gate(["THERAPIST", "FRONT_DESK"]),
  "app/(clinic)/sessions/[sessionId]/dosing/actions.ts#completeAction": gate(["THERAPIST", "PSYCHIATRIST"]),
  // The controlled-substance log.
  "app/(clinic)/substance-log/actions.ts#receiveAction": gate(["THERAPIST", "PSYCHIATRIST"]),
  "app/(clinic)/substance-log/actions.ts#wasteAction": gate(["THERAPIST", "PSYCHIATRIST"]),
  "app/(clinic)/substance-log/actions.ts#countAction": gate(["THERAPIST", "PSYCHIATRIST"]),
  "app/(clinic)/substance-log/actions.ts#correctionAction": gate(["THERAPIST", "PSYCHIATRIST"]),
  "app/(clinic)/substance-log/report.csv/route.ts#GET": {
    allowed: ["PSYCHIATRIST", "ADMIN"],
    call: (fn) => call(fn, new Request("http://localhost:3000/substance-log/report.csv?from=2026-01-01&to=2026-01-31")),
  },
};

/** What Next.js passes a page: its route's params and the query string, both as promises. */
const props = (params: Record<string, string>, searchParams: Record<string, string> = {}) => ({
  params: Promise.resolve(params),
  searchParams: Promise.resolve(searchParams),
});

/** Pages that load one record by id: each checks the role and the record itself. */
const PAGES: Record<string, Row> = {
  "app/(clinic)/couples/[coupleId]/page.tsx": {
    allowed: ["THERAPIST", "PSYCHIATRIST", "FRONT_DESK"],
    call: (page, fx) => call(page, props({ coupleId: fx.couple.id })),
    objectLevel: [
      { caller: "THERAPIST", why: "another therapist's couple, by id", call: (page, fx) => call(page, props({ coupleId: fx.otherCouple.id })) },
      { caller: "PSYCHIATRIST", why: "a couple none of whose partners they evaluate", call: (page, fx) => call(page, props({ coupleId: fx.otherCouple.id })) },
    ],
  },
  "app/(clinic)/clearances/[clearanceId]/page.tsx": {
    allowed: ["THERAPIST", "PSYCHIATRIST"],
    call: (page, fx) => call(page, props({ clearanceId: fx.signedClearance.id })),
    objectLevel: [{ caller: "THERAPIST", why: "another therapist's client's clearance", call: (page, fx) => call(page, props({ clearanceId: fx.otherCoupleClearance.id })) }],
  },
  "app/(clinic)/admin/staff/page.tsx": { allowed: ["ADMIN"], call: (page) => call(page, props({})) },
  "app/(clinic)/admin/staff/[staffId]/page.tsx": {
    allowed: ["ADMIN"],
    call: (page, fx) => call(page, props({ staffId: fx.therapist.id })),
    objectLevel: [{ caller: "ADMIN", why: "another clinic's account", call: (page, fx) => call(page, props({ staffId: fx.otherClinicAdmin.id })) }],
  },
  "app/(clinic)/admin/settings/page.tsx": { allowed: ["ADMIN"], call: (page) => call(page) },
  "app/(clinic)/admin/audit/page.tsx": { allowed: ["ADMIN"], call: (page) => call(page, props({})) },
};

const DENIALS = [/^Your session has ended/, /^You do not have permission/, /was not found\.$/];

/** "allowed", "denied", or a description of anything else (which fails the test). */
function verdictOf(row: Row, outcome: { value?: unknown; error?: unknown }, caller: Caller, fx: Fixture): string {
  if ("error" in outcome) {
    const nav = navigationOf(outcome.error);
    if (!nav) throw outcome.error;
    if ("status" in nav) return nav.status === 404 || nav.status === 403 ? "denied" : `HTTP ${nav.status}`;
    // Sent to sign in (or told the session ended) or to the forbidden page: refused.
    return /^\/forbidden\b|^\/sign-in(\?ended=|$)/.test(nav.redirect) ? "denied" : "allowed";
  }
  const value = outcome.value;
  if (row.judge) return row.judge(value, caller, fx);
  if (value instanceof Response) {
    if ([401, 403, 404].includes(value.status)) return "denied";
    return value.ok ? "allowed" : `HTTP ${value.status}`;
  }
  if (value && typeof value === "object" && "ok" in value) {
    const result = value as { ok: boolean; error?: string; rules?: string[] };
    if (result.ok) return "allowed";
    if ((result.rules ?? []).includes("P11") || DENIALS.some((d) => d.test(String(result.error)))) return "denied";
    return row.allowedMeans === "past-gate" ? "allowed" : `refused for another reason: ${JSON.stringify(value)}`;
  }
  return "allowed"; // a page's element tree
}

async function outcomeOf(run: () => Promise<unknown>): Promise<{ value?: unknown; error?: unknown }> {
  try {
    return { value: await run() };
  } catch (error) {
    return { error };
  }
}

/**
 * Every module of server actions (a file that starts with "use server", wherever it is: each
 * route's actions.ts and shared ones like components/scheduling/actions.ts) and every route
 * handler (route.ts under app/), relative to the repository. (fs.globSync needs Node 22.)
 */
function endpointFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" || entry.name === "generated" ? [] : endpointFiles(full);
    const relative = path.relative(ROOT, full).split(path.sep).join("/");
    if (/^app\/.*\/route\.tsx?$/.test(relative)) return [relative];
    if (!/\.tsx?$/.test(entry.name)) return [];
    return /^\s*(\/\/[^\n]*\n\s*)*["']use server["']/.test(fs.readFileSync(full, "utf8")) ? [relative] : [];
  });
}

function exportsOf(file: string): Promise<Record<string, unknown>> {
  return import(/* @vite-ignore */ path.join(ROOT, file));
}

let fx: Fixture;
beforeAll(async () => {
  fx = await makeFixture();
});

describe(`the authorization matrix (${databaseKind})`, () => {
  test("every exported server action and route handler has a row, and every row an endpoint", async () => {
    const files = ["app", "components", "lib"].flatMap((dir) => endpointFiles(path.join(ROOT, dir))).sort();
    expect(files).toEqual(expect.arrayContaining(["app/(clinic)/admin/staff/actions.ts", "app/api/auth/[...nextauth]/route.ts"]));
    expect(files.length).toBeGreaterThan(0);
    const endpoints: string[] = [];
    for (const file of files) {
      for (const [name, value] of Object.entries(await exportsOf(file))) {
        if (typeof value === "function") endpoints.push(`${file}#${name}`);
      }
    }
    const missing = endpoints.filter((e) => !(e in MATRIX));
    expect(missing, `add a row to tests/integration/authorization-matrix.test.ts for: ${missing.join(", ")}`).toEqual([]);
    expect(Object.keys(MATRIX).filter((k) => !endpoints.includes(k)), "rows for endpoints that no longer exist").toEqual([]);
  });

  const cases = [
    ...Object.entries(MATRIX).map(([key, row]) => ({ key, row, load: async () => (await exportsOf(key.split("#")[0]))[key.split("#")[1]] as Fn })),
    ...Object.entries(PAGES).map(([key, row]) => ({ key, row, load: async () => (await exportsOf(key)).default as Fn })),
  ];

  for (const { key, row, load } of cases) {
    test.each(CALLERS)(`${key} as %s`, async (caller) => {
      const fn = await load();
      await signInAs(fx.callers[caller]);
      const before = await row.unchanged?.(fx);
      const verdict = verdictOf(row, await outcomeOf(() => row.call(fn, fx)), caller, fx);
      const expected = row.allowed.includes(caller) ? "allowed" : "denied";
      expect(verdict).toBe(expected);
      if (expected === "denied" && row.unchanged) expect(await row.unchanged(fx)).toBe(before);
    });
    for (const wrong of row.objectLevel ?? []) {
      test(`${key} as ${wrong.caller} on ${wrong.why}`, async () => {
        const fn = await load();
        await signInAs(fx.callers[wrong.caller]);
        const before = await row.unchanged?.(fx);
        expect(verdictOf(row, await outcomeOf(() => wrong.call(fn, fx)), wrong.caller, fx)).toBe("denied");
        if (row.unchanged) expect(await row.unchanged(fx)).toBe(before);
      });
    }
  }

  test("refused reads of a clinical record are in the audit log", async () => {
    const clearancePage = (await exportsOf("app/(clinic)/clearances/[clearanceId]/page.tsx")).default as Fn;
    await signInAs(fx.frontDesk);
    await outcomeOf(() => call(clearancePage, props({ clearanceId: fx.signedClearance.id })));
    const couplePage = (await exportsOf("app/(clinic)/couples/[coupleId]/page.tsx")).default as Fn;
    await signInAs(fx.therapist);
    await outcomeOf(() => call(couplePage, props({ coupleId: fx.otherCouple.id })));
    const denied = await db.auditEvent.findMany({ where: { clinicId: fx.clinic.id, outcome: "DENIED", action: "read" } });
    expect(denied).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ actorId: fx.frontDesk.id, entity: "Clearance", entityId: fx.signedClearance.id, clientId: fx.couple.partnerAId }),
        expect.objectContaining({ actorId: fx.therapist.id, entity: "Couple", entityId: fx.otherCouple.id }),
      ]),
    );
  });
});
