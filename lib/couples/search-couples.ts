import "server-only";
import { z } from "zod";
import { coupleWhere } from "../auth/reach";
import type { Permission } from "../auth/permissions";
import type { Staff } from "../auth/session";
import { db } from "../db";
import type { Prisma } from "../db/prisma";
import { coupleNames } from "./list-couples";

/** At most this many couples per answer: the picker lists them, and a clinic group has thousands. */
export const COUPLE_SEARCH_LIMIT = 20;

/** The picker's query: a few letters of a partner's first or last name, up to four words. */
export const ZCoupleSearch = z.object({
  q: z
    .string()
    .trim()
    .min(2, "Type at least 2 letters of a partner's name.")
    .max(60, "Keep the search under 60 characters.")
    .refine((q) => q.split(/\s+/).length <= 4, "Search with at most 4 words."),
});

/** A couple as the booking form needs it: who attends, with whom (the clinicians draftBooking picks), and the open cycle's model (which kinds can be booked). */
export type CoupleChoice = {
  id: string;
  name: string;
  partners: { id: string; name: string; kapTherapist: string }[];
  couplesTherapist: string;
  /** The open KAP cycle's model, or null: couples therapy only. */
  model: "TAKING_TURNS" | "LOW_DOSE_TOGETHER" | null;
};

/**
 * Active couples whose partners' names match every word of the query, among those the staff
 * member reaches for the permission; at most COUPLE_SEARCH_LIMIT, and whether there were more.
 * One statement, bounded: the picker never loads the whole list.
 */
export async function searchCouples(staff: Staff, query: string, permission: Permission = "couple:read"): Promise<{ couples: CoupleChoice[]; more: boolean }> {
  const scope = coupleWhere(staff, permission);
  if (!scope) return { couples: [], more: false };
  const words = query.trim().split(/\s+/).filter(Boolean).slice(0, 4);
  const matches = words.map(
    (word): Prisma.CoupleWhereInput => ({
      OR: (["partnerA", "partnerB"] as const).flatMap((p) => [
        { [p]: { firstName: { contains: word, mode: "insensitive" as const } } },
        { [p]: { lastName: { contains: word, mode: "insensitive" as const } } },
      ]),
    }),
  );
  const rows = await db.couple.findMany({
    where: { AND: [scope, { active: true }, ...matches] },
    select: CHOICE,
    orderBy: [{ partnerA: { lastName: "asc" } }, { partnerA: { firstName: "asc" } }, { id: "asc" }],
    take: COUPLE_SEARCH_LIMIT + 1,
  });
  return { more: rows.length > COUPLE_SEARCH_LIMIT, couples: rows.slice(0, COUPLE_SEARCH_LIMIT).map(choiceOf) };
}

/** One couple as a choice, for a board opened with a couple already chosen (its filter); null when out of reach. */
export async function coupleChoice(staff: Staff, coupleId: string, permission: Permission = "couple:read"): Promise<CoupleChoice | null> {
  const scope = coupleWhere(staff, permission);
  if (!scope) return null;
  const row = await db.couple.findFirst({ where: { AND: [scope, { id: coupleId }] }, select: CHOICE });
  return row ? choiceOf(row) : null;
}

const person = { select: { id: true, firstName: true, lastName: true } } as const;
const CHOICE = {
  id: true,
  partnerA: person,
  partnerB: person,
  couplesTherapist: { select: { name: true } },
  partnerAKapTherapist: { select: { name: true } },
  partnerBKapTherapist: { select: { name: true } },
  cycles: { where: { status: { in: ["PLANNING" as const, "ACTIVE" as const] } }, orderBy: { createdAt: "desc" as const }, take: 1, select: { model: true } },
} satisfies Prisma.CoupleSelect;

function choiceOf(c: Prisma.CoupleGetPayload<{ select: typeof CHOICE }>): CoupleChoice {
  return {
    id: c.id,
    name: coupleNames(c.partnerA, c.partnerB),
    partners: [
      { id: c.partnerA.id, name: `${c.partnerA.firstName} ${c.partnerA.lastName}`, kapTherapist: c.partnerAKapTherapist.name },
      { id: c.partnerB.id, name: `${c.partnerB.firstName} ${c.partnerB.lastName}`, kapTherapist: c.partnerBKapTherapist.name },
    ],
    couplesTherapist: c.couplesTherapist.name,
    model: c.cycles[0]?.model ?? null,
  };
}
