import { describe, expect, test } from "vitest";
import { failureOf } from "@/lib/actions/define-action";
import { APPEND_ONLY, BY_CONSTRAINT, refusalOf } from "@/lib/db/errors";
import { databaseKind, testDb } from "../support/database";
import { insertSession, smallClinic } from "../support/fixtures";

// One table from the database's refusals to words (lib/db/errors.ts). Every constraint a person
// can run into has its sentence (with the rule it enforces), so nothing a user can cause ends as
// "Something went wrong"; the table is checked against the constraints the database really has.

const db = await testDb();

/** Constraints no request can run into: keys, the sessions' copy targets, sign-in bookkeeping. */
const INTERNAL = new Set([
  "Session_id_startsAt_endsAt_status_key",
  "StaffSession_end_has_reason",
  "StaffInvitation_tokenHash_key",
]);

describe(`the database's refusals, in words (${databaseKind})`, () => {
  test("every CHECK, EXCLUDE and unique constraint and every append-only table has its sentence", async () => {
    const constraints = await db.$queryRaw<{ name: string }[]>`
      SELECT conname AS name FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
       WHERE n.nspname = current_schema() AND c.contype IN ('c', 'x', 'u')
      UNION
      SELECT indexname AS name FROM pg_indexes WHERE schemaname = current_schema() AND indexdef LIKE 'CREATE UNIQUE INDEX%' AND indexname NOT LIKE '%_pkey'`;
    const names = constraints.map((c) => c.name).filter((n) => !INTERNAL.has(n) && !n.startsWith("_prisma"));
    expect(names.length).toBeGreaterThan(40);
    expect(names.filter((n) => !(n in BY_CONSTRAINT)), "constraints without words in lib/db/errors.ts").toEqual([]);
    const guarded = await db.$queryRaw<{ table: string }[]>`
      SELECT DISTINCT event_object_table AS "table" FROM information_schema.triggers
       WHERE trigger_schema = current_schema() AND action_statement ~ '(kap_refuse_change|kap_refuse_signed_clearance_change|kap_refuse_signed_note_change|kap_measure_link_used_once)\\('`;
    expect(guarded.map((t) => t.table).sort()).toEqual(Object.keys(APPEND_ONLY).sort());
  });

  test("a CHECK refusal names its rule; an append-only refusal says to correct instead; neither is 'something went wrong'", async () => {
    const c = await smallClinic(db);
    const session = await insertSession(db, c, { kind: "COUPLES_THERAPY", start: "2027-05-03T17:00:00Z", minutes: 60, partners: [c.couple.partnerAId, c.couple.partnerBId] });
    const ends = await db.session.update({ where: { id: session.id }, data: { endsAt: session.startsAt } }).catch((e: unknown) => e);
    expect(failureOf(ends)).toEqual({ ok: false, error: "P10: a session must end after it starts.", rules: ["P10"] });
    const room = await db.room.update({ where: { id: c.willow.id }, data: { capacity: 0 } }).catch((e: unknown) => e);
    expect(failureOf(room)).toEqual({ ok: false, error: "P9: a room holds at least 1 person.", rules: ["P9"], fieldErrors: { capacity: ["P9: a room holds at least 1 person."] } });
    const duplicate = await db.room.create({ data: { clinicId: c.clinic.id, name: "Willow", capacity: 2 } }).catch((e: unknown) => e);
    expect(failureOf(duplicate)).toMatchObject({ ok: false, error: "A room of that name already exists.", fieldErrors: { name: ["A room of that name already exists."] } });
    const signed = await db.clearance.create({
      data: { clientId: c.couple.partnerAId, psychiatristId: c.psychiatrist.id, evaluatedOn: new Date("2027-01-04"), validUntil: new Date("2027-03-01"), systolic: 120, diastolic: 80, heartRate: 70, decision: "DEFERRED", signedAt: new Date() },
    });
    const edit = await db.clearance.update({ where: { id: signed.id }, data: { conditions: "edited" } }).catch((e: unknown) => e);
    expect(failureOf(edit)).toEqual({ ok: false, error: "P11: a signed clearance is never changed; record an amendment instead.", rules: ["P11"] });
    const event = await db.auditEvent.create({ data: { clinicId: c.clinic.id, action: "read", entity: "Couple", outcome: "ALLOWED" } });
    const auditEdit = await db.auditEvent.delete({ where: { id: event.id } }).catch((e: unknown) => e);
    expect(refusalOf(auditEdit)?.message).toBe("The audit log is never changed.");
    // An error that is not the database's refusal stays unknown (and is logged as a defect).
    expect(refusalOf(new Error("boom"))).toBeNull();
  });
});
