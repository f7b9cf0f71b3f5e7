"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction, type ActionResult } from "@/lib/actions/define-action";
import { ZAdministrationInput, ZDischargeInput, ZOverrideInput, ZRideHomeInput, ZVitalsInput } from "@/lib/dosing/input";
import { overrideDoseHold } from "@/lib/dosing/override-hold";
import { recordAdministration } from "@/lib/dosing/record-administration";
import { recordDischarge } from "@/lib/dosing/record-discharge";
import { recordRideHome } from "@/lib/dosing/record-ride-home";
import { recordVitals } from "@/lib/dosing/record-vitals";
import { checkInSession, completeSession } from "@/lib/scheduling/session-life";

// The dosing day's actions: each a few lines over lib/dosing (or lib/scheduling for the
// session's life, P10), which check the permission and the session again.

type Result = ActionResult<{ message: string }>;
const done = (sessionId: string, message: string) => {
  revalidatePath(`/sessions/${sessionId}/dosing`);
  return { message };
};

const rideHome = defineAction({
  permission: "dosing:ride-home",
  input: ZRideHomeInput,
  run: async (input, staff) => {
    await recordRideHome(staff, input);
    return done(input.sessionId, `Ride home recorded: ${input.rideHomeName}.`);
  },
});
export async function rideHomeAction(_p: Result | null, form: FormData): Promise<Result> {
  return rideHome(form);
}

const vitals = defineAction({
  permission: "dosing:record",
  input: ZVitalsInput,
  run: async (input, staff) => {
    const { hold } = await recordVitals(staff, input);
    return done(input.sessionId, hold.state === "held" ? `Reading recorded. The dose is on hold: ${hold.why}.` : "Reading recorded.");
  },
});
export async function vitalsAction(_p: Result | null, form: FormData): Promise<Result> {
  return vitals(form);
}

const override = defineAction({
  permission: "dosing:override",
  input: ZOverrideInput,
  run: async (input, staff) => {
    await overrideDoseHold(staff, input);
    return done(input.sessionId, "Override recorded: the dose may go ahead.");
  },
});
export async function overrideAction(_p: Result | null, form: FormData): Promise<Result> {
  return override(form);
}

const administer = defineAction({
  permission: "dosing:record",
  input: ZAdministrationInput,
  run: async (input, staff) => {
    await recordAdministration(staff, input);
    return done(input.sessionId, `${input.doseMg} mg recorded and posted to the controlled-substance log.`);
  },
});
export async function administrationAction(_p: Result | null, form: FormData): Promise<Result> {
  return administer(form);
}

const discharge = defineAction({
  permission: "dosing:record",
  input: ZDischargeInput,
  run: async (input, staff) => {
    await recordDischarge(staff, input);
    return done(input.sessionId, "Discharge recorded.");
  },
});
export async function dischargeAction(_p: Result | null, form: FormData): Promise<Result> {
  return discharge(form);
}

const ZSession = z.object({ sessionId: z.uuid() });

const checkIn = defineAction({
  permission: "session:check-in",
  input: ZSession,
  run: async ({ sessionId }, staff) => {
    await checkInSession(staff, sessionId);
    return done(sessionId, "Checked in.");
  },
});
export async function checkInAction(_p: Result | null, form: FormData): Promise<Result> {
  return checkIn(form);
}

const complete = defineAction({
  permission: "session:complete",
  input: ZSession,
  run: async ({ sessionId }, staff) => {
    await completeSession(staff, sessionId);
    return done(sessionId, "Session completed.");
  },
});
export async function completeAction(_p: Result | null, form: FormData): Promise<Result> {
  return complete(form);
}
