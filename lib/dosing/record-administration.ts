import "server-only";
import type { Staff } from "../auth/session";
import { recordAudit } from "../audit/record";
import { CLEARANCE_FACTS } from "../clearance/facts";
import { clearanceInForce } from "../clearance/in-force";
import { ROUTE_LABELS } from "../clearance/screening";
import { db } from "../db";
import { asAppError } from "../db/errors";
import { InvalidInputError, NotFoundError, RuleViolationError } from "../errors";
import { clinicDate } from "../protocol/calendar";
import { settingsFromClinic } from "../protocol/settings";
import { assertWitness } from "../substance-log/write-entry";
import { doseHold, holdRefusal } from "./hold";
import type { TAdministrationInput } from "./input";
import { assertOnItsDay } from "./on-its-day";
import { assertCheckedIn, dosingPartner, dosingSessionFor, instantOf, partnerLabel } from "./session-access";

const MODEL_OF = { MEDICINE_TAKING_TURNS: "TAKING_TURNS", MEDICINE_LOW_DOSE: "LOW_DOSE_TOGETHER" } as const;
const mg = (n: number) => `${Number(n.toFixed(2))} mg`;

/**
 * One dose given to a dosing partner, and its posting to the controlled-substance log, in one
 * transaction. Refused while the dose is on hold (vitals), without a clearance in force for the
 * session's date and model (P3), above the clearance's maximum (all of the session's doses
 * together) or by another route; the lot's balance can never go below zero (database CHECK).
 */
export async function recordAdministration(staff: Staff, input: TAdministrationInput, now = new Date()): Promise<{ administrationId: string }> {
  try {
    return await db.$transaction(async (tx) => {
      const session = await dosingSessionFor(tx, staff, input.sessionId, "dosing:record");
      assertOnItsDay("a dose is", session.startsAt, session.clinic.timeZone, now);
      assertCheckedIn(session, "A dose is");
      const partner = dosingPartner(session, input.clientId);
      const name = partnerLabel(partner);
      const administeredAt = instantOf(input.time, session, now);
      await assertWitness(tx, staff, input.witnessedById);
      const lot = await tx.substanceLot.findFirst({ where: { id: input.lotId, clinicId: staff.clinicId } });
      if (!lot) throw new NotFoundError("The lot");

      const record = await tx.dosingRecord.upsert({
        where: { sessionId_clientId: { sessionId: session.id, clientId: partner.id } },
        create: { sessionId: session.id, clientId: partner.id },
        update: {},
        select: { id: true, dischargedAt: true },
      });
      // One partner's doses are judged one at a time: the maximum holds for concurrent doses too.
      await tx.$queryRaw`SELECT 1 FROM "DosingRecord" WHERE "id" = ${record.id}::uuid FOR UPDATE`;
      if (record.dischargedAt) throw new InvalidInputError(`${name} has been discharged; no further dose can be recorded.`);

      const [readings, overrides, given, clearances] = await Promise.all([
        tx.vitalsReading.findMany({ where: { dosingRecordId: record.id } }),
        tx.doseHoldOverride.findMany({ where: { dosingRecordId: record.id }, select: { vitalsReadingId: true } }),
        tx.administration.findMany({ where: { dosingRecordId: record.id }, select: { doseMg: true } }),
        tx.clearance.findMany({ where: { clientId: partner.id }, include: CLEARANCE_FACTS }),
      ]);
      const refusal = holdRefusal(doseHold(readings, overrides, session.clinic), name);
      if (refusal) throw new InvalidInputError(refusal);

      const zone = session.clinic.timeZone;
      const day = clinicDate(session.startsAt, zone);
      const model = MODEL_OF[session.kind as keyof typeof MODEL_OF];
      const inForceId = clearanceInForce(clearances, partner.id, day, model, settingsFromClinic(session.clinic));
      const clearance = clearances.find((c) => c.id === inForceId);
      if (!clearance || clearance.maxDoseMg === null || clearance.route === null) {
        throw new RuleViolationError("P3", `P3: ${name} has no medical clearance in force for this session’s date, so no dose can be given.`, [session.id]);
      }
      if (clearance.route !== input.route) {
        const message = `P3: ${name}’s clearance is for ${ROUTE_LABELS[clearance.route].toLowerCase()} only.`;
        throw new RuleViolationError("P3", message, [session.id]);
      }
      const max = Number(clearance.maxDoseMg);
      const already = given.reduce((sum, a) => sum + Number(a.doseMg), 0);
      if (already + input.doseMg > max + 1e-9) {
        const left = Math.max(0, max - already);
        throw new RuleViolationError(
          "P3",
          `P3: ${mg(input.doseMg)} would take ${name} above the clearance’s maximum of ${mg(max)} for the session (${mg(already)} given, ${mg(left)} left).`,
          [session.id],
        );
      }

      const administration = await tx.administration.create({
        data: { dosingRecordId: record.id, doseMg: input.doseMg, route: input.route, lotId: lot.id, administeredAt, givenById: staff.id, witnessedById: input.witnessedById },
      });
      await tx.substanceLogEntry.create({
        data: {
          lotId: lot.id,
          kind: "ADMINISTRATION",
          quantityMg: -input.doseMg,
          administrationId: administration.id,
          recordedById: staff.id,
          witnessedById: input.witnessedById,
          occurredAt: administeredAt,
          reason: "Administered (dosing record)",
        },
      });
      await recordAudit(tx, staff, { action: "administer", entity: "Administration", entityId: administration.id, clientId: partner.id, outcome: "ALLOWED" });
      return { administrationId: administration.id };
    });
  } catch (error) {
    // A lot overdrawn, refused by the database: in the words of lib/db/errors.ts.
    throw asAppError(error);
  }
}
