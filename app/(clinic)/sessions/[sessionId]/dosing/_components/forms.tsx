"use client";

import { ActionForm } from "@/components/ui/action-form";
import { SelectField, TextField } from "@/components/ui/field";
import {
  administrationAction,
  checkInAction,
  completeAction,
  dischargeAction,
  overrideAction,
  rideHomeAction,
  vitalsAction,
} from "../actions";

type Ids = { sessionId: string; clientId: string; partnerName: string };

export function RideHomeForm({ sessionId, clientId, partnerName, name, phone }: Ids & { name: string | null; phone: string | null }) {
  return (
    <ActionForm action={rideHomeAction} label={`Ride home for ${partnerName}`} submit={name ? "Update ride home" : "Record ride home"} pendingText="Saving…" hidden={{ sessionId, clientId }}>
      {(errors) => (
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField label={`Who drives ${partnerName} home`} name="rideHomeName" defaultValue={name ?? ""} autoComplete="off" error={errors?.rideHomeName} />
          <TextField label="Driver’s phone" name="rideHomePhone" type="tel" defaultValue={phone ?? ""} autoComplete="off" error={errors?.rideHomePhone} />
        </div>
      )}
    </ActionForm>
  );
}

export function VitalsForm({ sessionId, clientId, partnerName, defaultPhase }: Ids & { defaultPhase: string }) {
  const phases = [
    { value: "BEFORE_DOSING", label: "Before dosing" },
    { value: "DURING", label: "During" },
    { value: "BEFORE_DISCHARGE", label: "Before discharge" },
  ];
  return (
    <ActionForm action={vitalsAction} label={`Vitals for ${partnerName}`} submit="Record reading" pendingText="Recording…" hidden={{ sessionId, clientId }}>
      {(errors) => (
        <div className="grid gap-3 sm:grid-cols-5">
          <SelectField label="When" name="phase" options={phases} defaultValue={defaultPhase} error={errors?.phase} />
          <TextField label="Systolic (mmHg)" name="systolic" inputMode="numeric" error={errors?.systolic} />
          <TextField label="Diastolic (mmHg)" name="diastolic" inputMode="numeric" error={errors?.diastolic} />
          <TextField label="Heart rate (/min)" name="heartRate" inputMode="numeric" error={errors?.heartRate} />
          <TextField label="Time (blank: now)" name="time" placeholder="HH:MM" error={errors?.time} />
        </div>
      )}
    </ActionForm>
  );
}

export function OverrideForm({ sessionId, vitalsReadingId, partnerName }: { sessionId: string; vitalsReadingId: string; partnerName: string }) {
  return (
    <ActionForm action={overrideAction} label={`Override the hold for ${partnerName}`} submit="Record override" pendingText="Recording…" hidden={{ sessionId, vitalsReadingId }} variant="danger">
      {(errors) => <TextField label="Reason for letting the dose go ahead" name="reason" error={errors?.reason} />}
    </ActionForm>
  );
}

export function AdministrationForm({
  sessionId,
  clientId,
  partnerName,
  route,
  lots,
  witnesses,
}: Ids & { route: string; lots: { id: string; lotNumber: string; balanceMg: number }[]; witnesses: { id: string; name: string }[] }) {
  return (
    <ActionForm action={administrationAction} label={`Dose for ${partnerName}`} submit="Record dose" pendingText="Recording…" hidden={{ sessionId, clientId, route }}>
      {(errors) => (
        <div className="grid gap-3 sm:grid-cols-4">
          <TextField label="Dose (mg)" name="doseMg" inputMode="decimal" error={errors?.doseMg} />
          <SelectField label="Lot" name="lotId" options={lots.map((l) => ({ value: l.id, label: `${l.lotNumber} (${l.balanceMg} mg left)` }))} error={errors?.lotId} />
          <SelectField label="Witnessed by" name="witnessedById" options={[{ value: "", label: "Choose…" }, ...witnesses.map((w) => ({ value: w.id, label: w.name }))]} error={errors?.witnessedById} />
          <TextField label="Time (blank: now)" name="time" placeholder="HH:MM" error={errors?.time} />
          {errors?.route && <p className="text-sm text-red-700">{errors.route.join(" ")}</p>}
        </div>
      )}
    </ActionForm>
  );
}

export function DischargeForm({ sessionId, clientId, partnerName }: Ids) {
  return (
    <ActionForm action={dischargeAction} label={`Discharge ${partnerName}`} submit={`Discharge ${partnerName}`} pendingText="Recording…" hidden={{ sessionId, clientId }}>
      {(errors) => (
        <div className="space-y-1 text-sm">
          <label className="flex items-center gap-2">
            <input type="checkbox" name="alertAndOriented" className="h-4 w-4" aria-describedby={errors?.alertAndOriented ? `${clientId}-ao-error` : undefined} /> Alert and oriented
          </label>
          {errors?.alertAndOriented && (
            <p id={`${clientId}-ao-error`} className="text-red-700">
              {errors.alertAndOriented.join(" ")}
            </p>
          )}
          <label className="flex items-center gap-2">
            <input type="checkbox" name="escortPresent" className="h-4 w-4" aria-describedby={errors?.escortPresent ? `${clientId}-escort-error` : undefined} /> Escort present
          </label>
          {errors?.escortPresent && (
            <p id={`${clientId}-escort-error`} className="text-red-700">
              {errors.escortPresent.join(" ")}
            </p>
          )}
        </div>
      )}
    </ActionForm>
  );
}

export function CheckInForm({ sessionId }: { sessionId: string }) {
  return <ActionForm action={checkInAction} label="Check in" submit="Check in" pendingText="Checking in…" hidden={{ sessionId }} />;
}

export function CompleteForm({ sessionId }: { sessionId: string }) {
  return <ActionForm action={completeAction} label="Complete session" submit="Complete session" pendingText="Completing…" hidden={{ sessionId }} variant="secondary" />;
}
