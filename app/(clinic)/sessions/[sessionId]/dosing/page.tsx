import Link from "next/link";
import { StatusBadge } from "@/components/session-badges";
import { Badge, PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/session";
import { ROUTE_LABELS } from "@/lib/clearance/screening";
import { dosingDay } from "@/lib/dosing/dosing-day";
import { formatClinicRange, formatClinicTime } from "@/lib/format/clinic-time";
import { isItsDay } from "@/lib/dosing/on-its-day";
import type { PrerequisiteState } from "@/lib/protocol";
import { formatClinicDay } from "@/lib/protocol/calendar";
import { SESSION_KIND_LABELS } from "@/lib/sessions/labels";
import { AdministrationForm, CheckInForm, CompleteForm, DischargeForm, OverrideForm, RideHomeForm, VitalsForm } from "./_components/forms";
import { loadOrNotFound } from "@/lib/pages/load-or-not-found";
import { safetyScreenOfSession } from "@/lib/measures/safety-screen-of-session";
import { SafetyReviewForm } from "./_components/safety-review-form";

const SAFETY_STATE: Record<PrerequisiteState, { tone: "brand" | "warn" | "danger"; text: string }> = {
  met: { tone: "brand", text: "Met" },
  pending: { tone: "warn", text: "Pending" },
  missing: { tone: "danger", text: "Missing" },
  due: { tone: "warn", text: "Due" },
  blocked: { tone: "danger", text: "Blocked" },
};

export const metadata = { title: "Dosing day" };

const PHASES = { BEFORE_DOSING: "Before dosing", DURING: "During", BEFORE_DISCHARGE: "Before discharge" } as const;

export default async function DosingDayPage({ params }: { params: Promise<{ sessionId: string }> }) {
  const staff = await requirePermission("dosing:ride-home");
  const { sessionId } = await params;
  // The loader audits each dosing record it shows; a refused attempt is audited here.
  const day = await loadOrNotFound(sessionId, (id) => dosingDay(staff, id), { staff, entity: "Session" });
  const { session, timeZone: tz } = day;
  const open = session.status === "SCHEDULED" || session.status === "CHECKED_IN";
  // Vitals, doses, overrides and discharge are recorded once checked in, and only on the day (P11).
  const checkedIn = session.status === "CHECKED_IN" && isItsDay(session.startsAt, tz, day.now);
  const psychiatrist = can(staff.roles, "dosing:override");
  // P12, for clinicians: each dosing partner's PHQ-9s before this session and what they still need.
  const safety = day.clinical && can(staff.roles, "measure:read") ? await safetyScreenOfSession(staff, session.id) : null;
  const mayReview = can(staff.roles, "safety:review");
  return (
    <>
      <PageHeader
        title="Dosing day"
        description={
          <>
            {SESSION_KIND_LABELS[session.kind]} · {formatClinicRange(session.startsAt, session.endsAt, tz)} · <StatusBadge status={session.status} /> ·{" "}
            <Link className="text-brand-700 underline" href={`/couples/${session.coupleId}`}>
              the couple
            </Link>
          </>
        }
        actions={
          <div className="flex gap-3">
            {session.status === "SCHEDULED" && can(staff.roles, "session:check-in") && <CheckInForm sessionId={session.id} />}
            {session.status === "CHECKED_IN" && can(staff.roles, "session:complete") && <CompleteForm sessionId={session.id} />}
          </div>
        }
      />
      {session.status === "CHECKED_IN" && !checkedIn && (
        <p className="mb-4 text-sm text-stone-700" data-testid="not-its-day">
          Vitals, doses and discharge are recorded on the day of the session, {formatClinicDay(session.startsAt, tz)} (P11).
        </p>
      )}
      {session.status === "SCHEDULED" && (
        <p className="mb-4 text-sm text-stone-700">
          Check-in needs a ride home for each dosing partner (P10): no driving until the next day
          {session.kind === "MEDICINE_LOW_DOSE" ? "; in Low Dose Together neither partner drives" : ""}.
        </p>
      )}
      <div className="space-y-6">
        {day.partners.map((p) => (
          <section key={p.clientId} aria-labelledby={`partner-${p.clientId}`} className="space-y-4 rounded-lg border border-stone-200 bg-white p-4" data-testid="dosing-partner">
            <h2 id={`partner-${p.clientId}`} className="text-lg font-semibold">
              {p.fullName}
            </h2>
            <div>
              <h3 className="mb-2 font-medium">Ride home</h3>
              <p className="mb-2 text-sm" data-testid="ride-home">
                {p.rideHomeName ? `${p.rideHomeName}, ${p.rideHomePhone}` : <Badge tone="warn">Not recorded</Badge>}
              </p>
              {open && <RideHomeForm sessionId={session.id} clientId={p.clientId} partnerName={p.name} name={p.rideHomeName} phone={p.rideHomePhone} />}
            </div>
            {p.clinical && (
              <>
                {safety && <SafetyScreen safety={safety} clientId={p.clientId} partnerName={p.name} open={open && mayReview} />}
                <div>
                  <h3 className="mb-2 font-medium">Clearance</h3>
                  <p className="text-sm">
                    {p.clinical.clearance ? (
                      <>
                        <Badge tone="brand">In force</Badge> up to {p.clinical.clearance.maxDoseMg} mg for the session, {ROUTE_LABELS[p.clinical.clearance.route].toLowerCase()}; {p.clinical.givenMg} mg given ·{" "}
                        <Link className="text-brand-700 underline" href={`/clearances/${p.clinical.clearance.id}`}>
                          open
                        </Link>
                      </>
                    ) : (
                      <Badge tone="danger">No clearance in force for this date (P3): no dose may be given</Badge>
                    )}
                  </p>
                </div>
                <div>
                  <h3 className="mb-2 font-medium">Vitals</h3>
                  <p className="mb-2 text-xs text-stone-600">
                    A reading before dosing above {day.limits.maxSystolic}/{day.limits.maxDiastolic} mmHg or a heart rate above {day.limits.maxHeartRate}/min holds the dose until a psychiatrist overrides.
                  </p>
                  {p.clinical.vitals.length === 0 ? (
                    <p className="text-sm text-stone-600">No readings yet.</p>
                  ) : (
                    <table className="mb-3 w-full text-sm">
                      <caption className="sr-only">Vitals of {p.name}</caption>
                      <thead className="text-left text-stone-600">
                        <tr>
                          <th scope="col">Time</th>
                          <th scope="col">When</th>
                          <th scope="col">Blood pressure</th>
                          <th scope="col">Heart rate</th>
                          <th scope="col">By</th>
                        </tr>
                      </thead>
                      <tbody>
                        {p.clinical.vitals.map((v) => (
                          <tr key={v.id} data-testid="vitals-row">
                            <td>{formatClinicTime(v.takenAt, tz)}</td>
                            <td>{PHASES[v.phase]}</td>
                            <td>
                              {v.systolic}/{v.diastolic} mmHg
                            </td>
                            <td>{v.heartRate}/min</td>
                            <td>{v.recordedBy}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  )}
                  <div data-testid="hold-state" className="mb-3 text-sm">
                    {p.clinical.hold.state === "held" && (
                      <p className="rounded border border-red-200 bg-red-50 p-2 text-red-900">
                        <strong>Dose on hold:</strong> {p.clinical.hold.why}. A psychiatrist must record an override with a reason, or take a new reading.
                      </p>
                    )}
                    {p.clinical.hold.state === "overridden" && (
                      <p className="rounded border border-amber-200 bg-amber-50 p-2 text-amber-900">
                        Hold overridden by {p.clinical.overrides.at(-1)?.psychiatrist}: {p.clinical.overrides.at(-1)?.reason}
                      </p>
                    )}
                    {p.clinical.hold.state === "no-reading" && <p className="text-stone-700">Take a reading before dosing.</p>}
                  </div>
                  {checkedIn && p.clinical.hold.state === "held" && psychiatrist && (
                    <div className="mb-3">
                      <OverrideForm sessionId={session.id} vitalsReadingId={p.clinical.hold.readingId} partnerName={p.name} />
                    </div>
                  )}
                  {checkedIn && !p.clinical.dischargedAt && (
                    <VitalsForm sessionId={session.id} clientId={p.clientId} partnerName={p.name} defaultPhase={p.clinical.administrations.length ? "DURING" : "BEFORE_DOSING"} />
                  )}
                </div>
                <div>
                  <h3 className="mb-2 font-medium">Doses</h3>
                  {p.clinical.administrations.length === 0 ? (
                    <p className="mb-2 text-sm text-stone-600">No dose given.</p>
                  ) : (
                    <ul className="mb-3 text-sm">
                      {p.clinical.administrations.map((a) => (
                        <li key={a.id} data-testid="dose-row">
                          {formatClinicTime(a.administeredAt, tz)}: {a.doseMg} mg ketamine, {ROUTE_LABELS[a.route].toLowerCase()}, lot {a.lot.lotNumber}, given by {a.givenBy}, witnessed by {a.witnessedBy}
                        </li>
                      ))}
                    </ul>
                  )}
                  {checkedIn && !p.clinical.dischargedAt && p.clinical.clearance && (p.clinical.hold.state === "clear" || p.clinical.hold.state === "overridden") && (
                    <AdministrationForm
                      sessionId={session.id}
                      clientId={p.clientId}
                      partnerName={p.name}
                      route={p.clinical.clearance.route}
                      lots={day.lots}
                      witnesses={day.witnesses}
                    />
                  )}
                </div>
                <div>
                  <h3 className="mb-2 font-medium">Discharge</h3>
                  {p.clinical.dischargedAt ? (
                    <p className="text-sm" data-testid="discharged">
                      Discharged {formatClinicTime(p.clinical.dischargedAt, tz)} by {p.clinical.dischargedBy}.
                    </p>
                  ) : (
                    <>
                      <p className="mb-2 text-sm text-stone-700">
                        {p.clinical.earliestDischarge
                          ? `From ${formatClinicTime(p.clinical.earliestDischarge, tz)} (${day.limits.dischargeMinMinutes} minutes after the last dose), with a reading before discharge within the limits.`
                          : "With a reading before discharge within the limits."}
                      </p>
                      {checkedIn && <DischargeForm sessionId={session.id} clientId={p.clientId} partnerName={p.name} />}
                    </>
                  )}
                </div>
              </>
            )}
          </section>
        ))}
      </div>
    </>
  );
}

/**
 * P12 for one dosing partner: the state in words, and the review form for the PHQ-9 the line names
 * when its item 9 is above 0 (every such PHQ-9 in the window needs its own review: the line names
 * the next one until each says proceed).
 */
function SafetyScreen({ safety, clientId, partnerName, open }: { safety: Awaited<ReturnType<typeof safetyScreenOfSession>>; clientId: string; partnerName: string; open: boolean }) {
  const line = safety.lines.find((l) => l.partnerId === clientId);
  return (
    <div>
      <h3 className="mb-2 font-medium">Safety screen (P12)</h3>
      {!safety.enabled || !line ? (
        <p className="text-sm text-stone-600" data-testid="safety-screen">
          The clinic does not check a safety screen before dosing.
        </p>
      ) : (
        <>
          <p className="mb-2 text-sm" data-testid="safety-screen" data-state={line.state}>
            <Badge tone={SAFETY_STATE[line.state].tone}>{SAFETY_STATE[line.state].text}</Badge> {line.label}
            {line.state !== "met" && " Check-in is refused until it is met."}
          </p>
          {line.reviewable && line.screenId && open && <SafetyReviewForm clientId={clientId} screenId={line.screenId} partnerName={partnerName} />}
        </>
      )}
    </div>
  );
}
