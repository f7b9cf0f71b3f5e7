"use client";

import type { ReactNode } from "react";
import { useFormAction } from "@/components/ui/use-form-action";
import { Button } from "@/components/ui/button";
import { FormMessage, TextAreaField, TextField } from "@/components/ui/field";
import type { TClinicSettings } from "@/lib/clinic/settings-input";
import { saveClinicSettingsAction } from "../actions";

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

const SESSION_LENGTHS = [
  ["INTAKE", "Individual intake"],
  ["PREPARATION", "Joint preparation"],
  ["MEDICAL_EVALUATION", "Medical evaluation"],
  ["MEDICINE_TAKING_TURNS", "Medicine: Taking Turns"],
  ["MEDICINE_LOW_DOSE", "Medicine: Low Dose Together"],
  ["INTEGRATION", "Integration"],
  ["COUPLES_THERAPY", "Couples therapy"],
] as const;

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;

function Group({ legend, hint, children }: { legend: string; hint?: string; children: ReactNode }) {
  return (
    <fieldset className="rounded-lg border border-stone-200 bg-white p-4">
      <legend className="px-1 text-base font-semibold">{legend}</legend>
      {hint && <p className="mb-3 text-sm text-stone-600">{hint}</p>}
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">{children}</div>
    </fieldset>
  );
}

/** A setting that is on or off, across the group's width, its error tied to it. */
function Checkbox({ name, label, checked, error }: { name: string; label: string; checked: boolean; error?: string[] }) {
  const errorId = `${name.replace(/\W+/g, "-")}-error`;
  return (
    <div className="sm:col-span-2 lg:col-span-3">
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name={name} defaultChecked={checked} className="h-4 w-4" aria-describedby={error ? errorId : undefined} />
        {label}
      </label>
      {error && (
        <p id={errorId} className="mt-1 text-sm text-red-700" data-testid={`error-${name}`}>
          {error.join(" ")}
        </p>
      )}
    </div>
  );
}

export function SettingsForm({ settings: s }: { settings: TClinicSettings }) {
  const { state, pending, onSubmit } = useFormAction(saveClinicSettingsAction);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const number = (name: string, label: string, value: number, hint?: string) => (
    <TextField key={name} label={label} name={name} type="number" inputMode="numeric" defaultValue={value} hint={hint} error={errors?.[name]} />
  );
  const weekdayError = [...(errors?.openWeekdays ?? []), ...(errors?.hoursByWeekday ?? [])].join(" ") || undefined;

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Clinic settings" className="space-y-6">
      <p className="text-sm text-stone-700">
        Time zone: <span className="font-medium">{s.timeZone}</span> (every protocol day is a calendar day here; it is not changed on this page).
      </p>

      <Group legend="Session lengths (minutes)" hint="The length a new session of each kind is booked with.">
        {SESSION_LENGTHS.map(([kind, label]) => number(`sessionMinutes.${kind}`, label, s.sessionMinutes[kind]))}
      </Group>

      <Group legend="Before the first medicine session (P2, P3)">
        {number("minPreparations.TAKING_TURNS", "Joint preparations before Taking Turns", s.minPreparations.TAKING_TURNS)}
        {number("minPreparations.LOW_DOSE_TOGETHER", "Joint preparations before Low Dose Together", s.minPreparations.LOW_DOSE_TOGETHER)}
        {number("clearanceValidityDays", "Clearance validity (days)", s.clearanceValidityDays)}
      </Group>

      <Group legend="Integration window (P4)" hint="Days after the medicine session's date on which its integration may be.">
        {number("integrationWindowDays.min", "Earliest day after the medicine session", s.integrationWindowDays.min)}
        {number("integrationWindowDays.max", "Latest day after the medicine session", s.integrationWindowDays.max)}
      </Group>

      <Group legend="Low Dose Together series (P7)" hint="Medicine sessions in a series; beyond these the app shows a notice.">
        {number("lowDoseSeries.min", "Fewest medicine sessions", s.lowDoseSeries.min)}
        {number("lowDoseSeries.max", "Most medicine sessions", s.lowDoseSeries.max)}
      </Group>

      <Group legend="Opening hours (P10)" hint="The days the clinic is open and each day's hours, in the clinic's time zone. Holidays and rooms out of service are declared on the Closures page.">
        <fieldset className="sm:col-span-2 lg:col-span-3" aria-describedby={weekdayError ? "open-weekdays-error" : undefined}>
          <legend className="text-sm font-medium text-stone-800">Open days and their hours</legend>
          <div className="mt-1 space-y-3">
            {WEEKDAYS.map((day, i) => {
              const hours = s.hoursByWeekday?.[i] ?? { opensAtMinute: s.opensAtMinute, closesAtMinute: s.closesAtMinute };
              return (
                <div key={day} className="grid items-end gap-3 sm:grid-cols-[9rem_1fr_1fr]" data-testid={`hours-${day}`}>
                  <label className="flex items-center gap-2 pb-2 text-sm">
                    <input type="checkbox" name="openWeekdays" value={i + 1} defaultChecked={s.openWeekdays.includes(i + 1)} className="h-4 w-4" />
                    {day}
                  </label>
                  <TextField label={`${day} opens`} name={`hoursByWeekday.${i}.opensAtMinute`} type="time" defaultValue={hhmm(hours.opensAtMinute)} error={errors?.[`hoursByWeekday.${i}.opensAtMinute`]} />
                  <TextField label={`${day} closes`} name={`hoursByWeekday.${i}.closesAtMinute`} type="time" defaultValue={hhmm(hours.closesAtMinute)} error={errors?.[`hoursByWeekday.${i}.closesAtMinute`]} />
                </div>
              );
            })}
          </div>
          {weekdayError && (
            <p id="open-weekdays-error" className="mt-1 text-sm text-red-700" data-testid="error-openWeekdays">
              {weekdayError}
            </p>
          )}
        </fieldset>
      </Group>

      <Group legend="Safety screen before dosing (P12)" hint="Each dosing partner completes a PHQ-9 within this many days before each medicine session; if its item 9 is above 0, a clinician records a safety review before check-in.">
        <Checkbox name="safetyScreen.enabled" label="Check the safety screen at check-in" checked={s.safetyScreen.enabled} error={errors?.["safetyScreen.enabled"]} />
        {number("safetyScreen.days", "PHQ-9 no more than this many days before (days)", s.safetyScreen.days)}
      </Group>

      <Group legend="Dosing day" hint="A reading before dosing above these limits holds the dose until a psychiatrist overrides.">
        {number("maxSystolic", "Systolic limit (mmHg)", s.maxSystolic)}
        {number("maxDiastolic", "Diastolic limit (mmHg)", s.maxDiastolic)}
        {number("maxHeartRate", "Heart rate limit (per minute)", s.maxHeartRate)}
        {number("vitalsIntervalMinMinutes", "Shortest interval between vitals (minutes)", s.vitalsIntervalMinMinutes)}
        {number("vitalsIntervalMaxMinutes", "Longest interval between vitals (minutes)", s.vitalsIntervalMaxMinutes)}
        {number("dischargeMinMinutes", "Discharge after the last dose (minutes)", s.dischargeMinMinutes)}
      </Group>

      <Group legend="Clinical notes (P13)" hint="A completed session without a signed note for longer than this is late and shows on its clinician's Today page.">
        {number("noteLateHours", "A note is late after (hours)", s.noteLateHours)}
      </Group>

      <Group legend="Calendar feeds" hint="What staff see in the calendar apps they subscribe from (Calendar feeds page). Every feed shows partners by their initials unless this is ticked.">
        <Checkbox
          name="feedFullNames"
          label="Show partners’ full names in clinicians’ own feeds (room and clinic feeds always show initials)"
          checked={s.feedFullNames}
          error={errors?.feedFullNames}
        />
      </Group>

      <Group
        legend="Email reminders"
        hint="What partners with an email on file receive (the Outbox page shows every message). Every message names the clinic and how to reach it."
      >
        {number("reminderDaysBefore", "Appointment reminder (days before)", s.reminderDaysBefore)}
        <TextField label="Sent at (clinic time)" name="reminderAtMinute" type="time" defaultValue={hhmm(s.reminderAtMinute)} error={errors?.reminderAtMinute} />
        <TextField label="Clinic phone" name="contactPhone" type="tel" defaultValue={s.contactPhone ?? ""} error={errors?.contactPhone} autoComplete="off" />
        <TextField label="Clinic email" name="contactEmail" type="email" defaultValue={s.contactEmail ?? ""} error={errors?.contactEmail} autoComplete="off" />
        <div className="sm:col-span-2 lg:col-span-3">
          <TextAreaField
            label="Preparation text (in the message the day before a medicine session)"
            name="preparationText"
            rows={4}
            defaultValue={s.preparationText}
            hint="After the standard instructions (no driving until the next day; a ride home is required). Practical matters only: what to eat, what to bring, when to arrive."
            error={errors?.preparationText}
          />
        </div>
      </Group>

      <Group
        legend="Clinicians’ morning digest"
        hint="Each therapist and psychiatrist with something on their day gets one email: their sessions, their late notes, and clearances that end before a booked medicine session. Couples are named by initials only."
      >
        <Checkbox name="staffDigestOn" label="Send clinicians a morning digest" checked={s.staffDigestOn} error={errors?.staffDigestOn} />
        <TextField label="Digest sent at (clinic time)" name="staffDigestAtMinute" type="time" defaultValue={hhmm(s.staffDigestAtMinute)} error={errors?.staffDigestAtMinute} />
      </Group>

      <Group legend="Sign-in">
        {number("idleTimeoutMinutes", "Sign out after idle (minutes)", s.idleTimeoutMinutes)}
        {number("absoluteTimeoutHours", "Longest sign-in (hours)", s.absoluteTimeoutHours)}
      </Group>

      {state && !state.ok && <FormMessage tone="error">{state.error}</FormMessage>}
      {state?.ok && <FormMessage tone="success">Settings saved. They apply from now on.</FormMessage>}
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save settings"}
      </Button>
    </form>
  );
}
