import "server-only";
import { z } from "zod";
import { can } from "../auth/permissions";
import type { Staff } from "../auth/session";
import { db } from "../db";
import type { Prisma } from "../db/prisma";
import { ForbiddenError } from "../errors";
import { DATE_FIELDS, zCalendarDate } from "../input/calendar-date";
import { addClinicDays, atClinicTime } from "../protocol/calendar";
import { recordAudit } from "./record";

const DAY = zCalendarDate(DATE_FIELDS.records).optional().catch(undefined);

/** The admin's search form (query string). Bad values are dropped rather than refused. */
export const ZAuditSearch = z.object({
  person: z.string().uuid().optional().catch(undefined),
  client: z.string().trim().max(100).optional().catch(undefined),
  record: z.string().trim().max(100).optional().catch(undefined),
  from: DAY,
  to: DAY,
  outcome: z.enum(["ALLOWED", "DENIED", "FAILED"]).optional().catch(undefined),
});
export type TAuditSearch = z.output<typeof ZAuditSearch>;

export const AUDIT_PAGE_SIZE = 200;

/**
 * The clinic's audit log, newest first, filtered by person (what they did, and sign-ins to their
 * account), client (their own records and their couple's), record id and clinic-local dates.
 * Searching the log is itself recorded.
 */
export async function searchAudit(admin: Staff, search: TAuditSearch, timeZone: string) {
  if (!can(admin.roles, "audit:read")) throw new ForbiddenError();
  const and: Prisma.AuditEventWhereInput[] = [{ clinicId: admin.clinicId }];
  if (search.person) and.push({ OR: [{ actorId: search.person }, { entity: "User", entityId: search.person }] });
  if (search.client) {
    const words = search.client.split(/\s+/).filter(Boolean);
    const clients = await db.client.findMany({
      where: {
        clinicId: admin.clinicId,
        AND: words.map((w) => ({
          OR: [
            { firstName: { contains: w, mode: "insensitive" as const } },
            { lastName: { contains: w, mode: "insensitive" as const } },
            { preferredName: { contains: w, mode: "insensitive" as const } },
          ],
        })),
      },
      select: { id: true },
      take: 100,
    });
    const clientIds = clients.map((c) => c.id);
    const couples = await db.couple.findMany({
      where: { clinicId: admin.clinicId, OR: [{ partnerAId: { in: clientIds } }, { partnerBId: { in: clientIds } }] },
      select: { id: true },
    });
    and.push({ OR: [{ clientId: { in: clientIds } }, { entity: "Couple", entityId: { in: couples.map((c) => c.id) } }] });
  }
  if (search.record) and.push({ entityId: { startsWith: search.record.toLowerCase() } });
  if (search.from) and.push({ at: { gte: atClinicTime(search.from, 0, timeZone) } });
  if (search.to) and.push({ at: { lt: atClinicTime(addClinicDays(search.to, 1, timeZone), 0, timeZone) } });
  if (search.outcome) and.push({ outcome: search.outcome });

  const rows = await db.auditEvent.findMany({
    where: { AND: and },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: AUDIT_PAGE_SIZE + 1,
    include: { actor: { select: { name: true } } },
  });
  await recordAudit(db, admin, { action: "search", entity: "AuditLog", outcome: "ALLOWED" });
  const shown = rows.slice(0, AUDIT_PAGE_SIZE);
  const names = await namesFor(admin.clinicId, shown);
  return {
    more: rows.length > AUDIT_PAGE_SIZE,
    events: shown.map((e) => ({
      id: e.id.toString(),
      at: e.at,
      actor: e.actor?.name ?? null,
      actorRole: e.actorRole,
      action: e.action,
      entity: e.entity,
      entityId: e.entityId,
      subject: (e.clientId && names.clients.get(e.clientId)) || (e.entity === "Couple" && e.entityId && names.couples.get(e.entityId)) || (e.entity === "User" && e.entityId && names.staff.get(e.entityId)) || null,
      ip: e.ip,
      outcome: e.outcome,
    })),
  };
}

/** Names of the people the shown rows are about: clients, couples, staff accounts. */
async function namesFor(clinicId: string, rows: { clientId: string | null; entity: string; entityId: string | null }[]) {
  const ids = (entity: string) => [...new Set(rows.filter((r) => r.entity === entity && r.entityId).map((r) => r.entityId!))];
  const uuid = (s: string) => /^[0-9a-f-]{36}$/i.test(s);
  const [clients, couples, staff] = await Promise.all([
    db.client.findMany({ where: { clinicId, id: { in: [...new Set(rows.flatMap((r) => (r.clientId ? [r.clientId] : [])))] } }, select: { id: true, firstName: true, lastName: true } }),
    db.couple.findMany({
      where: { clinicId, id: { in: ids("Couple").filter(uuid) } },
      select: { id: true, partnerA: { select: { firstName: true, lastName: true } }, partnerB: { select: { firstName: true, lastName: true } } },
    }),
    db.user.findMany({ where: { clinicId, id: { in: ids("User").filter(uuid) } }, select: { id: true, name: true } }),
  ]);
  return {
    clients: new Map(clients.map((c) => [c.id, `${c.firstName} ${c.lastName}`])),
    couples: new Map(couples.map((c) => [c.id, `${c.partnerA.firstName} ${c.partnerA.lastName} & ${c.partnerB.firstName} ${c.partnerB.lastName}`])),
    staff: new Map(staff.map((s) => [s.id, `${s.name} (account)`])),
  };
}
