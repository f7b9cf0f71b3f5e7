import "server-only";
import { z } from "zod";
import { recordAudit } from "../audit/record";
import { coupleWhere } from "../auth/reach";
import type { Staff } from "../auth/session";
import { db } from "../db";
import { InvalidInputError, NotFoundError } from "../errors";
import { settingsFromClinic, typicalComposition } from "../protocol";

export const ZStartCycle = z
  .object({
    coupleId: z.string().uuid("Choose a couple."),
    model: z.enum(["TAKING_TURNS", "LOW_DOSE_TOGETHER"], { message: "Choose Taking Turns or Low Dose Together." }),
    format: z.enum(["FULL", "SINGLE_EXPERIENCE"], { message: "Choose a full cycle or a single experience." }),
    sharedGoals: z.string().trim().max(2000, "Keep the shared goals under 2,000 characters.").default(""),
  })
  .refine((c) => c.format === "FULL" || c.model === "TAKING_TURNS", {
    message: "A single experience is one Taking Turns medicine session; Low Dose Together is a series.",
    path: ["format"],
  });
export type TStartCycle = z.output<typeof ZStartCycle>;

/**
 * Opens a KAP cycle for a couple the therapist treats. One open cycle at a time; the planned
 * size is the protocol's typical one (P7), which the therapist may go beyond later.
 */
export async function startCycle(staff: Staff, input: TStartCycle) {
  const scope = coupleWhere(staff, "cycle:plan");
  return db.$transaction(async (tx) => {
    const couple = scope ? await tx.couple.findFirst({ where: { AND: [scope, { id: input.coupleId }] }, include: { clinic: true, cycles: { where: { status: { in: ["PLANNING", "ACTIVE"] } } } } }) : null;
    if (!couple) throw new NotFoundError("The couple");
    if (couple.cycles.length > 0) throw new InvalidInputError("This couple already has an open KAP cycle: complete or cancel it first.");
    const size = typicalComposition(input.model, input.format, settingsFromClinic(couple.clinic)).total.max;
    const cycle = await tx.kapCycle.create({
      data: { coupleId: couple.id, model: input.model, format: input.format, sharedGoals: input.sharedGoals, plannedSessionCount: size, status: "PLANNING" },
    });
    await recordAudit(tx, staff, { action: "create", entity: "KapCycle", entityId: cycle.id, outcome: "ALLOWED" });
    return cycle;
  });
}
