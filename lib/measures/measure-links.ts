import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { recordAudit } from "../audit/record";
import { partnerWhere } from "../auth/reach";
import type { Staff } from "../auth/session";
import { db } from "../db";
import { NotFoundError } from "../errors";
import type { TMakeMeasureLink } from "./input";
import type { InstrumentId } from "./instruments";
import { LINK_ACTIONS, linkTriesThrottled, QUEUE_ON_LOCKS } from "./link-throttle";

// One-time links with which a partner fills in measures without an account (PROTOCOL.md
// "Outcome measures"): a random token of 32 bytes, of which only the SHA-256 is stored; the link
// expires after 7 days and works once. The clinician sees the token once, to copy.

export const LINK_DAYS = 7;

export const linkPath = (token: string) => `/m/${token}`;

export const tokenHash = (token: string) => createHash("sha256").update(token).digest("hex");

/** 32 random bytes in base64url: 43 characters. Anything else is no token of ours. */
export const isTokenShaped = (token: string) => /^[A-Za-z0-9_-]{43}$/.test(token);

export const LINK_WORDS = {
  unknown: "This link is not valid. Ask the clinic for a new one.",
  expired: "This link has expired. Ask the clinic for a new one.",
  used: "This link has already been used. Nothing was saved.",
} as const;

/**
 * A clinician makes a link for a partner in their reach (out of reach: not found) and the
 * chosen measures. Returns the token, which is not stored and cannot be shown again.
 */
export async function makeMeasureLink(staff: Staff, input: TMakeMeasureLink, now = new Date()): Promise<{ token: string; path: string; expiresAt: Date; instruments: InstrumentId[]; partnerName: string; timeZone: string }> {
  const partners = partnerWhere(staff, "measure:record");
  if (!partners) throw new NotFoundError("The partner");
  return db.$transaction(async (tx) => {
    const partner = await tx.client.findFirst({ where: { AND: [partners, { id: input.clientId }] }, select: { id: true, clinicId: true, firstName: true, preferredName: true, clinic: { select: { timeZone: true } } } });
    if (!partner) throw new NotFoundError("The partner");
    const token = randomBytes(32).toString("base64url");
    const expiresAt = new Date(now.getTime() + LINK_DAYS * 24 * 3_600_000);
    const link = await tx.measureLink.create({
      data: { clinicId: partner.clinicId, clientId: partner.id, instruments: input.instruments, tokenHash: tokenHash(token), expiresAt, createdById: staff.id, createdAt: now },
      select: { id: true },
    });
    await recordAudit(tx, staff, { action: "create", entity: "MeasureLink", entityId: link.id, clientId: partner.id, outcome: "ALLOWED" });
    return { token, path: linkPath(token), expiresAt, instruments: input.instruments, partnerName: partner.preferredName || partner.firstName, timeZone: partner.clinic.timeZone };
  });
}

export type LinkState = "open" | keyof typeof LINK_WORDS | "throttled";

/** What the link's page may show: the clinic's name and the questions, nothing of the record. */
export type LinkView = { state: "open"; clinicName: string; instruments: InstrumentId[]; expiresAt: Date } | { state: Exclude<LinkState, "open"> };

/** The link as found now: unknown, used, expired or open. */
export function linkState(link: { usedAt: Date | null; expiresAt: Date } | null, now: Date): Exclude<LinkState, "throttled"> {
  if (!link) return "unknown";
  if (link.usedAt) return "used";
  return link.expiresAt.getTime() <= now.getTime() ? "expired" : "open";
}

/**
 * The partner opens the link. Audited with the client's address (an unknown link too, as a
 * refusal without a clinic), and refused without a look-up while the address is throttled.
 */
export async function openMeasureLink(token: string, ip: string | null, now = new Date()): Promise<LinkView> {
  return db.$transaction(async (tx) => {
    if (await linkTriesThrottled(tx, ip, now)) return { state: "throttled" as const };
    const link = isTokenShaped(token)
      ? await tx.measureLink.findUnique({
          where: { tokenHash: tokenHash(token) },
          select: { id: true, clinicId: true, clientId: true, instruments: true, usedAt: true, expiresAt: true, clinic: { select: { name: true } } },
        })
      : null;
    const state = linkState(link, now);
    await recordAudit(tx, null, {
      action: LINK_ACTIONS.open,
      entity: "MeasureLink",
      entityId: link?.id ?? null,
      clientId: link?.clientId ?? null,
      clinicId: link?.clinicId ?? null,
      ip,
      outcome: state === "open" ? "ALLOWED" : "DENIED",
    });
    if (state !== "open" || !link) return { state: state === "open" ? "unknown" : state };
    return { state, clinicName: link.clinic.name, instruments: link.instruments, expiresAt: link.expiresAt };
  }, QUEUE_ON_LOCKS);
}
