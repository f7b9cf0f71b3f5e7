import { describe, expect, test, vi } from "vitest";
import { databaseKind, testDb } from "../support/database";
import { smallClinic, staffOf } from "../support/fixtures";

vi.mock("next/headers", () => import("../support/next-request"));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

const { retryMessage } = await import("@/lib/outbox/manage-outbox");
const { loadOutbox } = await import("@/lib/outbox/list-outbox");

// The admin's outbox (issue 15). "Try again now": only a message that failed goes back to the
// queue, with its tries counted afresh; one already sent, being sent or withdrawn stays as it is,
// and a message of another clinic is not found. Reading the page is audited per partner shown,
// and a clinician's digest shows only that it went.

const db = await testDb();

async function message(clinicId: string, status: "FAILED" | "SENT" | "SENDING" | "QUEUED", at = new Date("2026-05-01T16:00:00Z"), to: { clientId?: string; userId?: string; kind?: "STAFF_DIGEST" } = {}) {
  return db.outboxMessage.create({
    data: {
      clinicId, ...to, key: `retry.${Math.random().toString(36).slice(2)}`, kind: to.kind ?? "APPOINTMENT_REMINDER", toAddress: "p@couple.test", subject: "Reminder", textBody: "-",
      dueAt: at, nextAttemptAt: at, status, attempts: status === "QUEUED" ? 0 : 8, lastError: status === "FAILED" ? "550 mailbox unavailable" : null,
      sentAt: status === "SENT" ? at : null, ...(status === "SENDING" ? { claimedAt: at, claimedBy: "kap-1", leaseUntil: new Date(at.getTime() + 300_000) } : {}),
    },
  });
}

describe(`retrying an outbox message (${databaseKind})`, () => {
  test("a failed message is queued again now, its tries and error cleared, and the retry audited", async () => {
    const c = await smallClinic(db);
    const admin = await db.user.create({ data: { clinicId: c.clinic.id, email: `admin-${c.clinic.id}@clinic.test`, name: "Admin", roles: ["ADMIN"], passwordHash: "x" } });
    const failed = await message(c.clinic.id, "FAILED");
    const now = new Date("2026-05-02T09:00:00Z");
    await retryMessage(staffOf(admin), failed.id, now);
    expect(await db.outboxMessage.findUniqueOrThrow({ where: { id: failed.id } })).toMatchObject({ status: "QUEUED", attempts: 0, lastError: null, nextAttemptAt: now });
    expect(await db.auditEvent.count({ where: { actorId: admin.id, action: "retry", entity: "OutboxMessage", entityId: failed.id } })).toBe(1);
  });

  test("a sent, sending or untroubled queued message is refused in words and left alone; another clinic's is not found", async () => {
    const c = await smallClinic(db);
    const elsewhere = await smallClinic(db);
    const admin = staffOf(await db.user.create({ data: { clinicId: c.clinic.id, email: `admin-${c.clinic.id}@clinic.test`, name: "Admin", roles: ["ADMIN"], passwordHash: "x" } }));
    for (const [status, why] of [["SENT", "it has been sent"], ["SENDING", "it is being sent right now"], ["QUEUED", "it has not failed"]] as const) {
      const m = await message(c.clinic.id, status);
      await expect(retryMessage(admin, m.id)).rejects.toThrow(`This message cannot be tried again: ${why}.`);
      expect(await db.outboxMessage.findUniqueOrThrow({ where: { id: m.id } })).toEqual(m);
    }
    const theirs = await message(elsewhere.clinic.id, "FAILED");
    await expect(retryMessage(admin, theirs.id)).rejects.toThrow("The message was not found.");
    expect(await db.outboxMessage.findUniqueOrThrow({ where: { id: theirs.id } })).toEqual(theirs);
  });

  test("reading the outbox is one audited read per partner it shows; a clinician's digest shows its subject, not its text", async () => {
    const c = await smallClinic(db);
    const admin = staffOf(await db.user.create({ data: { clinicId: c.clinic.id, email: `admin-${c.clinic.id}@clinic.test`, name: "Admin", roles: ["ADMIN"], passwordHash: "x" } }));
    const { partnerAId: sam, partnerBId: jordan } = c.couple;
    await message(c.clinic.id, "QUEUED", undefined, { clientId: sam });
    await message(c.clinic.id, "SENT", undefined, { clientId: sam });
    await message(c.clinic.id, "FAILED", undefined, { clientId: jordan });
    const digest = await message(c.clinic.id, "SENT", undefined, { userId: c.therapist.id, kind: "STAFF_DIGEST" });

    const page = await loadOutbox(admin);
    const reads = await db.auditEvent.findMany({ where: { actorId: admin.id, action: "read", entity: "OutboxMessage" }, select: { clientId: true } });
    expect(reads.map((r) => r.clientId).sort()).toEqual([sam, jordan].sort());
    const shown = [...page.waiting, ...page.done].find((m) => m.id === digest.id)!;
    expect(shown).toMatchObject({ kind: "STAFF_DIGEST", subject: "Reminder", textBody: "", user: { name: "therapist" } });
  });
});
