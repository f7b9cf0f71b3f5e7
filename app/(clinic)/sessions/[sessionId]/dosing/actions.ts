"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { ZAdministrationInput, ZDischargeInput, ZOverrideInput, ZRideHomeInput, ZVitalsInput } from "@/lib/dosing/input";
import { overrideDoseHold } from "@/lib/dosing/override-hold";
import { recordAdministration } from "@/lib/dosing/record-administration";
import { recordDischarge } from "@/lib/dosing/record-discharge";
import { recordRideHome } from "@/lib/dosing/record-ride-home";
import { recordVitals } from "@/lib/dosing/record-vitals";
import { recordSafetyReview } from "@/lib/measures/record-safety-review";
import { ZSafetyReviewInput } from "@/lib/measures/safety-review-input";
import { checkInSession, completeSession } from "@/lib/scheduling/session-life";

// The dosing day's actions: defineAction checks the role and the reach to the session (for a
// psychiatrist: a dosing day of a partner they evaluate) first; lib/dosing checks the session
// and the partner again, and lib/scheduling runs the session's life (P10).

const done = (sessionId: string, message: string) => {
  revalidatePath(`/sessions/${sessionId}/dosing`);
  return { message };
};

export const rideHomeAction = defineAction({
  permission: "dosing:ride-home",
  reach: { session: "sessionId" },
  input: ZRideHomeInput,
  run: async (input, staff) => {
    await recordRideHome(staff, input);
    return done(input.sessionId, `Ride home recorded: ${input.rideHomeName}.`);
  },
});

export const vitalsAction = defineAction({
  permission: "dosing:record",
  reach: { session: "sessionId" },
  input: ZVitalsInput,
  run: async (input, staff) => {
    const { hold } = await recordVitals(staff, input);
    return done(input.sessionId, hold.state === "held" ? `Reading recorded. The dose is on hold: ${hold.why}.` : "Reading recorded.");
  },
});

export const overrideAction = defineAction({
  permission: "dosing:override",
  reach: { session: "sessionId" },
  input: ZOverrideInput,
  run: async (input, staff) => {
    await overrideDoseHold(staff, input);
    return done(input.sessionId, "Override recorded: the dose may go ahead.");
  },
});

export const administrationAction = defineAction({
  permission: "dosing:record",
  reach: { session: "sessionId" },
  input: ZAdministrationInput,
  run: async (input, staff) => {
    await recordAdministration(staff, input);
    return done(input.sessionId, `${input.doseMg} mg recorded and posted to the controlled-substance log.`);
  },
});

export const dischargeAction = defineAction({
  permission: "dosing:record",
  reach: { session: "sessionId" },
  input: ZDischargeInput,
  run: async (input, staff) => {
    await recordDischarge(staff, input);
    return done(input.sessionId, "Discharge recorded.");
  },
});

const ZSession = z.object({ sessionId: z.uuid() });

export const checkInAction = defineAction({
  permission: "session:check-in",
  reach: { session: "sessionId" },
  input: ZSession,
  run: async ({ sessionId }, staff) => {
    await checkInSession(staff, sessionId);
    return done(sessionId, "Checked in.");
  },
});

export const completeAction = defineAction({
  permission: "session:complete",
  reach: { session: "sessionId" },
  input: ZSession,
  run: async ({ sessionId }, staff) => {
    await completeSession(staff, sessionId);
    return done(sessionId, "Session completed.");
  },
});

const REVIEWED = {
  PROCEED: (name: string) => `Safety review recorded: ${name} may proceed to dosing (P12).`,
  POSTPONE: (name: string) => `Safety review recorded: dosing for ${name} is postponed, and check-in stays refused (P12).`,
  REFER: (name: string) => `Safety review recorded: ${name} is referred on, and check-in stays refused (P12).`,
};

/** P12: a clinician's safety review of a partner's PHQ-9 whose item 9 is above 0. Reach first: the partner. */
export const safetyReviewAction = defineAction({
  permission: "safety:review",
  reach: { partner: "clientId" },
  input: ZSafetyReviewInput,
  run: async (input, staff) => {
    const review = await recordSafetyReview(staff, input);
    // The review changes what P12 says wherever the partner's next medicine session shows.
    revalidatePath("/sessions/[sessionId]/dosing", "page");
    revalidatePath("/couples/[coupleId]", "page");
    return { message: REVIEWED[review.decision](review.partnerName) };
  },
});
