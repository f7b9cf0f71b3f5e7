// The hold rule of a dosing day (PROTOCOL.md "Dosing day"): a reading before dosing above the
// clinic's limits (blood pressure over maxSystolic/maxDiastolic, heart rate over maxHeartRate)
// holds the dose until a psychiatrist records an override with a reason. The latest reading before
// dosing decides: a calmer retake lifts the hold. No reading before dosing yet also holds. Pure.

export type Limits = { maxSystolic: number; maxDiastolic: number; maxHeartRate: number };
export type Reading = { id: string; phase: "BEFORE_DOSING" | "DURING" | "BEFORE_DISCHARGE"; takenAt: Date; systolic: number; diastolic: number; heartRate: number };
export type Override = { vitalsReadingId: string };

export type HoldState =
  | { state: "no-reading" }
  | { state: "clear"; readingId: string }
  | { state: "held"; readingId: string; why: string }
  | { state: "overridden"; readingId: string; why: string };

/** What in a reading is over the limits, in words; null when within them. */
export function overLimits(r: Pick<Reading, "systolic" | "diastolic" | "heartRate">, limits: Limits): string | null {
  const parts: string[] = [];
  if (r.systolic > limits.maxSystolic || r.diastolic > limits.maxDiastolic) {
    parts.push(`blood pressure ${r.systolic}/${r.diastolic} mmHg is above ${limits.maxSystolic}/${limits.maxDiastolic}`);
  }
  if (r.heartRate > limits.maxHeartRate) parts.push(`heart rate ${r.heartRate}/min is above ${limits.maxHeartRate}`);
  return parts.length ? parts.join(" and ") : null;
}

export function doseHold(readings: Reading[], overrides: Override[], limits: Limits): HoldState {
  const before = readings.filter((r) => r.phase === "BEFORE_DOSING").sort((a, b) => a.takenAt.getTime() - b.takenAt.getTime() || (a.id < b.id ? -1 : 1));
  const latest = before[before.length - 1];
  if (!latest) return { state: "no-reading" };
  const why = overLimits(latest, limits);
  if (!why) return { state: "clear", readingId: latest.id };
  return overrides.some((o) => o.vitalsReadingId === latest.id) ? { state: "overridden", readingId: latest.id, why } : { state: "held", readingId: latest.id, why };
}

/** The sentence that refuses a dose, or null when the dose may go ahead. */
export function holdRefusal(hold: HoldState, partnerName: string): string | null {
  if (hold.state === "no-reading") return `Take ${partnerName}’s blood pressure and heart rate before dosing.`;
  if (hold.state === "held") return `The dose is on hold: ${partnerName}’s ${hold.why}. A psychiatrist must record an override with a reason, or take a new reading.`;
  return null;
}
