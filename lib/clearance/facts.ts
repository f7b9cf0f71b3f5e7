import "server-only";
import type { Prisma } from "../db/prisma";

/** What every clearance read includes to tell whether it is in force (see in-force.ts). */
export const CLEARANCE_FACTS = {
  psychiatrist: { select: { id: true, name: true, roles: true } },
  revocation: { include: { revokedBy: { select: { name: true } } } },
  supersededBy: { select: { id: true, signedAt: true } },
} satisfies Prisma.ClearanceInclude;
