import Link from "next/link";
import { CycleTimeline } from "@/components/cycle-timeline";
import { ProtocolPanel } from "@/components/protocol-panel";
import { BookSessionForm } from "@/components/scheduling/book-session-form";
import { FindTimePanel } from "@/components/scheduling/find-time-panel";
import { SeriesSessionActions } from "@/components/scheduling/series-session-actions";
import { SessionActions } from "@/components/scheduling/session-actions";
import { StatusBadge } from "@/components/session-badges";
import { FormMessage } from "@/components/ui/field";
import { Badge, EmptyState, PageHeader } from "@/components/ui/page-header";
import { requireReadPermission } from "@/lib/audit/record-read";
import { can } from "@/lib/auth/permissions";
import { reachesNote, reachesPartner, reachesSession, reachesWholeCouple } from "@/lib/auth/reach";
import { getClinic } from "@/lib/clinic/get-clinic";
import { loadCouplePage } from "@/lib/couples/couple-page";
import { coupleFactsOfDetail, sessionFactsOf } from "@/lib/couples/get-couple";
import { coupleNames } from "@/lib/couples/list-couples";
import { formatClinicRange } from "@/lib/format/clinic-time";
import { wholeNumberOr } from "@/lib/input/decimal";
import { clinicDate, formatClinicTime } from "@/lib/protocol/calendar";
import { isMedicine } from "@/lib/protocol/cycle";
import { settingsFromClinic } from "@/lib/protocol/settings";
import { FORMAT_LABELS, MODEL_LABELS, SESSION_KIND_LABELS, type SessionKindName } from "@/lib/sessions/labels";
import { loadOrNotFound } from "@/lib/pages/load-or-not-found";
import { StartCycleForm } from "./_components/start-cycle-form";
import { MeasuresSection } from "./_components/measures-section";
import { sessionStepsOn } from "@/lib/scheduling/session-steps";

export const metadata = { title: "Couple" };

export default async function CouplePage({ params, searchParams }: { params: Promise<{ coupleId: string }>; searchParams: Promise<{ booked?: string; measure?: string; added?: string }> }) {
  const { coupleId } = await params;
  const staff = await requireReadPermission("couple:read", { entity: "Couple", entityId: coupleId });
  const clinic = await getClinic(staff.clinicId);
  // P11: every read of a client's record is audited, refused ones too (the loader records the
  // shown ones, with the partners' measures, in one statement).
  const { couple, blocked, protocolPanel, measures, rooms, psychiatrists } = await loadOrNotFound(coupleId, (id) => loadCouplePage(staff, id), { staff, entity: "Couple" });
  const query = await searchParams;
  const booked = wholeNumberOr(query.booked, 0);
  // What this staff member may see and do of each partner and session (P11 reach: a psychiatrist,
  // say, only the records, evaluations and dosing days of the partners they evaluate, and the
  // couple's joint clinical record only when they evaluate both).
  const facts = coupleFactsOfDetail(couple);
  const clinical = reachesWholeCouple(staff, "clinical:read", facts);
  const tz = clinic.timeZone;
  const openCycle = couple.cycles.find((c) => c.status === "PLANNING" || c.status === "ACTIVE");
  const kinds: SessionKindName[] = openCycle
    ? [
        "COUPLES_THERAPY",
        "INTAKE",
        "PREPARATION",
        "MEDICAL_EVALUATION",
        openCycle.model === "TAKING_TURNS" ? "MEDICINE_TAKING_TURNS" : "MEDICINE_LOW_DOSE",
      ]
    : ["COUPLES_THERAPY"];
  const integrationWindow = settingsFromClinic(clinic).integrationWindowDays;
  const integrationOf = (id: string) => couple.sessions.find((s) => s.medicineSessionId === id && s.status !== "CANCELLED");
  const partnerName = (id: string) => (id === couple.partnerAId ? couple.partnerA.firstName : couple.partnerB.firstName);

  return (
    <>
      <PageHeader
        title={coupleNames(couple.partnerA, couple.partnerB)}
        description={`Couple’s therapist: ${couple.couplesTherapist.name}`}
        actions={
          can(staff.roles, "couple:write") ? (
            <Link href={`/couples/${couple.id}/edit`} className="rounded-md border border-stone-300 bg-white px-3 py-1.5 text-sm hover:bg-stone-100">
              Edit couple
            </Link>
          ) : undefined
        }
      />
      {query.added === "1" && (
        <div className="mb-6">
          <FormMessage tone="success">Couple added.</FormMessage>
        </div>
      )}
      {booked > 0 && (
        <div className="mb-6">
          <FormMessage tone="success">Booked all {booked} sessions of the plan.</FormMessage>
        </div>
      )}
      <section aria-labelledby="partners" className="mb-8">
        <h2 id="partners" className="mb-3 text-lg font-semibold">
          Partners
        </h2>
        <div className="grid gap-4 sm:grid-cols-2">
          {[
            { p: couple.partnerA, kap: couple.partnerAKapTherapist },
            { p: couple.partnerB, kap: couple.partnerBKapTherapist },
          ].map(({ p, kap }) => (
            <div key={p.id} className="rounded-lg border border-stone-200 bg-white p-4 text-sm">
              <p className="font-medium">
                {p.firstName} {p.lastName}
              </p>
              <p className="text-stone-600">{p.email ?? "No email"}</p>
              <p className="text-stone-600">{p.phone ?? "No phone"}</p>
              <p className="mt-2 text-stone-700">KAP therapist: {kap.name}</p>
              {reachesPartner(staff, "clearance:read", facts, p.id) && (
                <a className="mt-1 inline-block text-brand-700 underline" href={`/partners/${p.id}/clearances`}>
                  Medical clearance
                </a>
              )}
              {reachesPartner(staff, "note:read", facts, p.id) && (
                <a className="mt-1 ml-3 inline-block text-brand-700 underline" href={`/partners/${p.id}/record`}>
                  Clinical record (print)
                </a>
              )}
            </div>
          ))}
        </div>
      </section>

      <section aria-labelledby="cycles" className="mb-8">
        <h2 id="cycles" className="mb-3 text-lg font-semibold">
          KAP cycles
        </h2>
        {!openCycle && can(staff.roles, "cycle:plan") && (
          <div className="mb-4">
            <StartCycleForm coupleId={couple.id} />
          </div>
        )}
        {couple.cycles.length === 0 ? (
          <EmptyState>No KAP cycle yet: this couple is in couples therapy only.</EmptyState>
        ) : (
          <ul className="space-y-2">
            {couple.cycles.map((cycle) => (
              <li key={cycle.id} className="rounded-lg border border-stone-200 bg-white p-4 text-sm" data-testid="cycle">
                <p className="font-medium">
                  {MODEL_LABELS[cycle.model]} · {FORMAT_LABELS[cycle.format]} <Badge>{cycle.status.toLowerCase()}</Badge>
                </p>
                <p className="text-stone-600">{cycle.plannedSessionCount} sessions planned</p>
                {clinical && cycle.sharedGoals && <p className="mt-2">Shared goals: {cycle.sharedGoals}</p>}
                {cycle.id === openCycle?.id && can(staff.roles, "cycle:plan") && (
                  <Link href={`/couples/${couple.id}/plan`} className="mt-2 inline-block rounded-md bg-brand-600 px-3 py-1.5 font-medium text-white hover:bg-brand-700">
                    Plan the cycle
                  </Link>
                )}
                <div className="mt-3">
                  <CycleTimeline
                    timeZone={tz}
                    window={integrationWindow}
                    sessions={couple.sessions
                      .filter((s) => s.cycleId === cycle.id)
                      .map((s) => ({ id: s.id, kind: s.kind, status: s.status, startsAt: s.startsAt, endsAt: s.endsAt, medicineSessionId: s.medicineSessionId, journeyer: s.journeyerId ? partnerName(s.journeyerId) : null }))}
                  />
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>

      {protocolPanel && <ProtocolPanel panel={protocolPanel} />}

      {/* Outcome measures: only for clinicians who reach a partner (measure:read). */}
      {measures && <MeasuresSection staff={staff} couple={couple} facts={facts} read={measures} timeZone={tz} screenDays={clinic.safetyScreenDays} measure={query.measure} />}

      {can(staff.roles, "session:book") && (
        <section className="mb-8">
          <BookSessionForm
            coupleId={couple.id}
            partners={[couple.partnerA, couple.partnerB].map((p) => ({ id: p.id, name: `${p.firstName} ${p.lastName}` }))}
            rooms={rooms}
            psychiatrists={psychiatrists}
            kinds={kinds}
            defaultDate={clinicDate(new Date(), tz)}
            integrationWindow={integrationWindow}
            sessionMinutes={settingsFromClinic(clinic).sessionMinutes}
            openDays={{ weekdays: clinic.openWeekdays }}
          />
        </section>
      )}

      {can(staff.roles, "session:book") && (
        <div className="mb-8">
          <FindTimePanel
            coupleId={couple.id}
            kinds={kinds}
            partners={[couple.partnerA, couple.partnerB].map((p) => ({ id: p.id, name: `${p.firstName} ${p.lastName}` }))}
            psychiatrists={psychiatrists}
            defaultDate={clinicDate(new Date(), tz)}
          />
        </div>
      )}

      <section aria-labelledby="sessions">
        <h2 id="sessions" className="mb-3 text-lg font-semibold">
          Sessions
        </h2>
        {couple.sessions.length === 0 ? (
          <EmptyState>No sessions booked.</EmptyState>
        ) : (
          <table className="w-full rounded-lg border border-stone-200 bg-white text-sm">
            <caption className="sr-only">Sessions of this couple</caption>
            <thead className="bg-stone-100 text-left text-stone-700">
              <tr>
                <th scope="col" className="px-4 py-2">When</th>
                <th scope="col" className="px-4 py-2">Session</th>
                <th scope="col" className="px-4 py-2">Who</th>
                <th scope="col" className="px-4 py-2">Room</th>
                <th scope="col" className="px-4 py-2">Status</th>
                <th scope="col" className="px-4 py-2">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {couple.sessions.map((s) => (
                <tr key={s.id} data-testid="session-row">
                  <td className="px-4 py-2 whitespace-nowrap">{formatClinicRange(s.startsAt, s.endsAt, clinic.timeZone)}</td>
                  <td className="px-4 py-2">
                    {SESSION_KIND_LABELS[s.kind]}
                    {s.journeyerId && <span className="text-stone-600"> · {partnerName(s.journeyerId)} journeys</span>}
                    {s.seriesId && <span className="text-stone-600"> · repeating</span>}
                  </td>
                  <td className="px-4 py-2">
                    {s.attendees.map((a) => partnerName(a.clientId)).join(" & ")} with {s.clinicians.map((c) => c.user.name).join(", ")}
                  </td>
                  <td className="px-4 py-2">{s.room?.name ?? "Telehealth"}</td>
                  <td className="px-4 py-2">
                    <StatusBadge status={s.status} />
                    {blocked.has(s.id) && (
                      <span className="ml-1" data-testid="session-blocked">
                        <Badge tone="danger">Blocked: not cleared for this date (P3)</Badge>
                      </span>
                    )}
                    {isMedicine(s) && s.status !== "CANCELLED" && reachesSession(staff, "dosing:ride-home", facts, sessionFactsOf(s)) && (
                      <a className="ml-2 text-xs text-brand-700 underline" href={`/sessions/${s.id}/dosing`}>
                        Dosing day
                      </a>
                    )}
                    {/* P13: the note of a completed session, for those who reach it. */}
                    {s.status === "COMPLETED" && s.kind !== "MEDICAL_EVALUATION" && reachesNote(staff, "note:read", facts, sessionFactsOf(s)) && (
                      <a className="ml-2 text-xs text-brand-700 underline" href={`/sessions/${s.id}/note`} data-testid="session-note-link">
                        Note
                      </a>
                    )}
                  </td>
                  <td className="px-4 py-2">
                    {/* A session that is over has no step left: no buttons, and nothing for the browser to hydrate. */}
                    {(s.status === "SCHEDULED" || s.status === "CHECKED_IN") && (
                      <SessionActions
                        rooms={rooms}
                        integrationWindow={integrationWindow}
                        can={sessionStepsOn(staff, facts, sessionFactsOf(s))}
                        session={{
                          id: s.id,
                          kind: s.kind,
                          status: s.status,
                          label: `${SESSION_KIND_LABELS[s.kind]} on ${formatClinicRange(s.startsAt, s.endsAt, tz)}`,
                          date: clinicDate(s.startsAt, tz),
                          time: formatClinicTime(s.startsAt, tz),
                          roomId: s.roomId,
                          isMedicine: isMedicine(s),
                          integration: (() => {
                            const i = isMedicine(s) ? integrationOf(s.id) : undefined;
                            return i ? { date: clinicDate(i.startsAt, tz), time: formatClinicTime(i.startsAt, tz) } : null;
                          })(),
                        }}
                      />
                    )}
                    {/* An occurrence of a recurring series: with every later one of it (issue 14). */}
                    {s.seriesId && s.status === "SCHEDULED" && (
                      <SeriesSessionActions
                        rooms={rooms}
                        can={sessionStepsOn(staff, facts, sessionFactsOf(s))}
                        session={{ id: s.id, label: `${SESSION_KIND_LABELS[s.kind]} on ${formatClinicRange(s.startsAt, s.endsAt, tz)}`, date: clinicDate(s.startsAt, tz), time: formatClinicTime(s.startsAt, tz), roomId: s.roomId }}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
