// P3 Clearance: every partner who doses in a medicine session (the journeyer in Taking Turns,
// both in Low Dose Together, P6) holds a psychiatrist's signed clearance, cleared or cleared with
// conditions, covering the model, made on or before the session's date, valid on it, neither
// revoked nor superseded. At booking a medical evaluation booked before the session will do
// instead (P10); at check-in only the clearance does. Sessions already completed are history, so
// revoking a clearance flags only the partner's medicine sessions still to come.
import { clinicDate } from "../calendar";
import { dosingPartners, isUpcoming, MODEL_OF_MEDICINE_KIND, standingMedicineSessions } from "../cycle";
import { day, describeSession } from "../describe";
import { pendingEvaluationOf, validClearanceOf } from "../prerequisites";
import { MODEL_LABELS } from "../labels";
import type { Rule, Violation } from "../types";

export const p3Clearance: Rule = (after) => {
  const violations: Violation[] = [];
  for (const m of standingMedicineSessions(after).filter(isUpcoming)) {
    const model = MODEL_OF_MEDICINE_KIND[m.kind];
    // Stryker disable next-line ConditionalExpression: unreachable: standingMedicineSessions yields only the two medicine kinds, and MODEL_OF_MEDICINE_KIND maps both, so model is never undefined here
    if (!model) continue;
    const sessionDay = clinicDate(m.startsAt, after.settings.timeZone);
    for (const partner of dosingPartners(after, m)) {
      if (validClearanceOf(after, partner.id, sessionDay, model)) continue;
      // Messages say only "cleared or not": front desk never sees clinical detail.
      if (m.status === "SCHEDULED") {
        if (pendingEvaluationOf(after, partner.id, m.startsAt, sessionDay)) continue;
        violations.push({
          rule: "P3",
          sessionIds: [m.id],
          message: `P3: ${partner.name} has no medical clearance for ${MODEL_LABELS[model]} valid on ${day(after, sessionDay)} and no medical evaluation booked before ${describeSession(after, m)}.`,
        });
      } else {
        violations.push({
          rule: "P3",
          sessionIds: [m.id],
          message: `P3: ${partner.name} has no medical clearance for ${MODEL_LABELS[model]} valid on ${day(after, sessionDay)}, so ${describeSession(after, m)} can't be checked in; a booked evaluation is not enough.`,
        });
      }
    }
  }
  return violations;
};
