// Writes a ClinicModel with bulk inserts: one INSERT … SELECT FROM unnest(arrays) per table and
// chunk, in one transaction. The database still checks every row (EXCLUDE, CHECK, foreign keys).
import type { ClinicModel } from "./clinic-model";
import type { Sql } from "./sql";

const CHUNK = 5000;

/** Columns as name → SQL array type; `rows` gives each row's values in the same order. */
async function bulkInsert<T>(sql: Pick<Sql, "query">, table: string, columns: Record<string, string>, items: T[], row: (item: T) => unknown[]) {
  const names = Object.keys(columns);
  const list = names.map((n) => `"${n}"`).join(", ");
  // Enum arrays go as text[] first: Prisma's raw queries (the test suite's path) send a string array untyped.
  const unnest = names.map((n, i) => (columns[n].startsWith('"') ? `$${i + 1}::text[]::${columns[n]}[]` : `$${i + 1}::${columns[n]}[]`)).join(", ");
  for (let start = 0; start < items.length; start += CHUNK) {
    const rows = items.slice(start, start + CHUNK).map(row);
    const arrays = names.map((_, i) => rows.map((r) => r[i]));
    await sql.query(`INSERT INTO "${table}" (${list}) SELECT * FROM unnest(${unnest})`, arrays);
  }
}

export async function insertClinic(sql: Sql, model: ClinicModel, passwordHash: string): Promise<void> {
  const now = new Date().toISOString();
  await sql.transaction(async (tx) => {
    await tx.query(`INSERT INTO "Clinic" ("id", "name", "timeZone", "updatedAt") VALUES ($1, $2, $3, $4)`, [
      model.clinicId,
      `Bench Clinic ${model.namespace}`,
      model.timeZone,
      now,
    ]);
    const c = model.clinicId;
    await bulkInsert(tx, "Room", { id: "uuid", clinicId: "uuid", name: "text", capacity: "int", dosingEquipped: "bool", updatedAt: "timestamptz" }, model.rooms, (r) => [r.id, c, r.name, r.capacity, r.dosingEquipped, now]);
    // roles is itself an array column, which unnest would flatten: sent as text, cast per row.
    const staff = [...model.clinicians, model.desk];
    await tx.query(
      `INSERT INTO "User" ("id", "clinicId", "email", "name", "passwordHash", "roles", "updatedAt")
       SELECT id, $2::uuid, email, name, $3, roles::"StaffRole"[], $4::timestamptz FROM unnest($1::uuid[], $5::text[], $6::text[], $7::text[]) AS u(id, email, name, roles)`,
      [staff.map((u) => u.id), c, passwordHash, now, staff.map((u) => u.email), staff.map((u) => u.name), staff.map((u) => `{${u.roles.join(",")}}`)],
    );
    await bulkInsert(tx, "Client", { id: "uuid", clinicId: "uuid", firstName: "text", lastName: "text", updatedAt: "timestamptz" }, model.clients, (p) => [p.id, c, p.firstName, p.lastName, now]);
    await bulkInsert(
      tx,
      "Couple",
      { id: "uuid", clinicId: "uuid", partnerAId: "uuid", partnerBId: "uuid", couplesTherapistId: "uuid", partnerAKapTherapistId: "uuid", partnerBKapTherapistId: "uuid", updatedAt: "timestamptz" },
      model.couples,
      (x) => [x.id, c, x.partnerAId, x.partnerBId, x.couplesTherapistId, x.partnerAKapTherapistId, x.partnerBKapTherapistId, now],
    );
    await bulkInsert(tx, "KapCycle", { id: "uuid", coupleId: "uuid", model: `"KapModel"`, status: `"CycleStatus"`, plannedSessionCount: "int", updatedAt: "timestamptz" }, model.couples, (x) => [
      x.cycleId, x.id, "TAKING_TURNS", model.newCouples.includes(x) ? "PLANNING" : "ACTIVE", 8, now,
    ]);
    await bulkInsert(
      tx,
      "Session",
      {
        id: "uuid", clinicId: "uuid", coupleId: "uuid", cycleId: "uuid", kind: `"SessionKind"`, status: `"SessionStatus"`, startsAt: "timestamptz", endsAt: "timestamptz",
        roomId: "uuid", journeyerId: "uuid", medicineSessionId: "uuid", createdById: "uuid", checkedInAt: "timestamptz", completedAt: "timestamptz",
        cancelledAt: "timestamptz", cancelReason: "text", noShowAt: "timestamptz", updatedAt: "timestamptz",
      },
      model.sessions,
      (s) => {
        const start = s.startsAt.toISOString();
        const done = s.status === "COMPLETED";
        const cancelled = s.status === "CANCELLED";
        return [
          s.id, c, s.coupleId, s.cycleId, s.kind, s.status, start, s.endsAt.toISOString(), s.roomId, s.journeyerId, s.medicineSessionId, model.desk.id,
          done ? start : null, done ? s.endsAt.toISOString() : null, cancelled ? new Date(s.startsAt.getTime() - 86_400_000).toISOString() : null,
          cancelled ? "Couple asked to reschedule" : null, s.status === "NO_SHOW" ? start : null, now,
        ];
      },
    );
    const linkColumns = { sessionId: "uuid", sessionStartsAt: "timestamptz", sessionEndsAt: "timestamptz", sessionStatus: `"SessionStatus"` };
    await bulkInsert(tx, "SessionClinician", { ...linkColumns, userId: "uuid" }, model.sessions, (s) => [s.id, s.startsAt.toISOString(), s.endsAt.toISOString(), s.status, s.clinicianId]);
    const attendees = model.sessions.flatMap((s) => s.attendees.map((a) => ({ s, a })));
    await bulkInsert(tx, "SessionAttendee", { ...linkColumns, clientId: "uuid", role: `"AttendeeRole"` }, attendees, ({ s, a }) => [
      s.id, s.startsAt.toISOString(), s.endsAt.toISOString(), s.status, a.clientId, a.role,
    ]);
  });
  // Fresh statistics, as autovacuum would soon gather on a server that has taken these rows.
  await sql.query("ANALYZE");
}
