import Link from "next/link";
import { FormMessage } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/session";
import { getClinic } from "@/lib/clinic/get-clinic";
import { getCoupleForStaff } from "@/lib/couples/get-couple";
import { coupleNames } from "@/lib/couples/list-couples";
import { calendarDateOr, DATE_FIELDS, parseCalendarDate } from "@/lib/input/calendar-date";
import { parseDecimal, wholeNumberOr } from "@/lib/input/decimal";
import { addClinicDays, clinicDate, formatClinicDay, formatClinicTime } from "@/lib/protocol/calendar";
import { isMedicine } from "@/lib/protocol/cycle";
import { headCount } from "@/lib/protocol/rules/p9-rooms";
import { listRooms } from "@/lib/rooms/rooms";
import { DAY_PARTS, type DayPart } from "@/lib/scheduling/plan-cycle";
import { proposePlan } from "@/lib/scheduling/propose-plan";
import { SESSION_KIND_LABELS } from "@/lib/sessions/labels";
import { listClinicians } from "@/lib/staff/clinicians";
import { PlanReview, type ReviewRow } from "./_components/plan-review";
import { loadOrNotFound } from "@/lib/pages/load-or-not-found";

export const metadata = { title: "Plan the cycle" };

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

type Search = { start?: string; finish?: string; weekday?: string | string[]; part?: string | string[]; psychiatrist?: string; first?: string; series?: string };

export default async function PlanPage({ params, searchParams }: { params: Promise<{ coupleId: string }>; searchParams: Promise<Search> }) {
  const staff = await requirePermission("cycle:plan");
  const { coupleId } = await params;
  const couple = await loadOrNotFound(coupleId, (id) => getCoupleForStaff(staff, id, "cycle:plan"), { staff, entity: "Couple", shown: true });
  const clinic = await getClinic(staff.clinicId);
  const tz = clinic.timeZone;
  const cycle = couple.cycles.find((c) => c.status === "PLANNING" || c.status === "ACTIVE");
  const [rooms, psychiatrists] = await Promise.all([listRooms(staff.clinicId).then((r) => r.filter((x) => x.active)), listClinicians(staff.clinicId, "PSYCHIATRIST")]);
  const q = await searchParams;
  const today = clinicDate(new Date(), tz);
  const start = calendarDateOr(q.start, DATE_FIELDS.session, today, addClinicDays(today, 1, tz));
  // Optional: the last day a session of the plan may fall on (issue 14). A date that is not one is said so, and nothing is proposed.
  const finish = q.finish?.trim() ? parseCalendarDate(q.finish, DATE_FIELDS.session(today), "Enter the finish date as YYYY-MM-DD.") : null;
  const weekdays = list(q.weekday).map(parseDecimal).filter((d) => Number.isInteger(d) && d >= 1 && d <= 7);
  const parts = list(q.part).filter((p): p is DayPart => p in DAY_PARTS);
  const psychiatristId = psychiatrists.find((p) => p.id === q.psychiatrist)?.id ?? psychiatrists[0]?.id;
  const partners = [couple.partnerA, couple.partnerB];
  const submitted = q.start !== undefined;
  const title = `Plan the cycle: ${coupleNames(couple.partnerA, couple.partnerB)}`;

  if (!cycle) {
    return (
      <>
        <PageHeader title={title} />
        <FormMessage tone="error">
          This couple has no open KAP cycle. <Link href={`/couples/${coupleId}`} className="underline">Start one on their page.</Link>
        </FormMessage>
      </>
    );
  }

  const proposal =
    submitted && psychiatristId && finish?.ok !== false
      ? await proposePlan(staff, coupleId, {
          startDate: start,
          weekdays: weekdays.length ? weekdays : clinic.openWeekdays,
          dayParts: parts,
          psychiatristId,
          firstJourneyerId: partners.find((p) => p.id === q.first)?.id,
          seriesLength: wholeNumberOr(q.series, undefined),
          finishBy: finish?.ok ? finish.date : undefined,
        })
      : null;
  const name = (id: string) => partners.find((p) => p.id === id)?.firstName ?? "";
  const staffName = (id: string) => (id === psychiatristId ? psychiatrists.find((p) => p.id === id)?.name : couple.couplesTherapist.id === id ? couple.couplesTherapist.name : [couple.partnerAKapTherapist, couple.partnerBKapTherapist].find((t) => t.id === id)?.name) ?? "";
  const rows: ReviewRow[] = (proposal?.plan.sessions ?? []).map((s, _i, all) => ({
    step: s.step,
    kind: s.kind,
    kindLabel: SESSION_KIND_LABELS[s.kind],
    date: clinicDate(s.startsAt, tz),
    time: formatClinicTime(s.startsAt, tz),
    roomId: s.roomId,
    partnerIds: s.partnerIds,
    clinicianIds: s.clinicianIds,
    who: `${s.partnerIds.map(name).join(" & ")} with ${s.clinicianIds.map(staffName).join(", ")}`,
    journeyerId: s.journeyerId,
    medicineIndex: s.medicineSessionId ? all.findIndex((m) => m.id === s.medicineSessionId) : null,
    isMedicine: isMedicine(s),
    people: headCount(s),
  }));
  const checkbox = "flex items-center gap-1";

  return (
    <>
      <PageHeader title={title} description={`${cycle.model === "TAKING_TURNS" ? "Taking Turns" : "Low Dose Together"} · times in ${tz}`} />
      <form method="get" className="mb-6 grid gap-4 rounded-lg border border-stone-200 bg-white p-4 text-sm sm:grid-cols-2" aria-label="Preferences">
        <label className="flex flex-col">
          Start from
          <input type="date" name="start" defaultValue={start} className="rounded border border-stone-300 px-2 py-1" required />
        </label>
        <label className="flex flex-col">
          Finish by (optional)
          <input
            type="date"
            name="finish"
            defaultValue={q.finish ?? ""}
            className="rounded border border-stone-300 px-2 py-1"
            aria-invalid={finish?.ok === false ? true : undefined}
            aria-describedby={finish?.ok === false ? "finish-error" : undefined}
          />
          {finish?.ok === false && (
            <span id="finish-error" className="text-red-700" data-testid="error-finish">
              {finish.message}
            </span>
          )}
        </label>
        <label className="flex flex-col">
          Psychiatrist for the evaluations
          <select name="psychiatrist" defaultValue={psychiatristId} className="rounded border border-stone-300 px-2 py-1">
            {psychiatrists.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <fieldset>
          <legend>Days the couple can come</legend>
          <div className="mt-1 flex flex-wrap gap-3">
            {WEEKDAYS.map((d, i) =>
              clinic.openWeekdays.includes(i + 1) ? (
                <label key={d} className={checkbox}>
                  <input type="checkbox" name="weekday" value={i + 1} defaultChecked={!submitted || weekdays.includes(i + 1)} /> {d}
                </label>
              ) : null,
            )}
          </div>
        </fieldset>
        <fieldset>
          <legend>Times of day</legend>
          <div className="mt-1 flex flex-wrap gap-3">
            {(Object.keys(DAY_PARTS) as DayPart[]).map((p) => (
              <label key={p} className={checkbox}>
                <input type="checkbox" name="part" value={p} defaultChecked={!submitted || parts.includes(p)} /> {DAY_PARTS[p].label}
              </label>
            ))}
          </div>
        </fieldset>
        {cycle.model === "TAKING_TURNS" ? (
          <label className="flex flex-col">
            Journeys first
            <select name="first" defaultValue={q.first ?? couple.partnerAId} className="rounded border border-stone-300 px-2 py-1">
              {partners.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.firstName}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <label className="flex flex-col">
            Medicine sessions in the series
            <input type="number" name="series" min={clinic.lowDoseMinSessions} max={clinic.lowDoseMaxSessions} defaultValue={q.series ?? clinic.lowDoseMinSessions} className="rounded border border-stone-300 px-2 py-1" />
          </label>
        )}
        <div className="sm:col-span-2">
          <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
            Propose a plan
          </button>
        </div>
      </form>

      {proposal && (
        <section aria-labelledby="proposal" className="space-y-3">
          <h2 id="proposal" className="text-lg font-semibold">
            Proposed plan
          </h2>
          {proposal.plan.blocked.length > 0 && (
            <FormMessage tone="error">
              <span className="font-medium">Some sessions could not be placed:</span>
              <ul className="mt-1 list-disc pl-5" data-testid="plan-blocked">
                {proposal.plan.blocked.map((b) => (
                  <li key={b.step}>
                    {b.step}: {b.reason}
                    {b.why.length > 0 ? `: ${b.why.join("; ")}` : ""}.
                  </li>
                ))}
              </ul>
            </FormMessage>
          )}
          {proposal.plan.later.length > 0 && (
            <div className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
              <span className="font-medium">Later than the couple&rsquo;s days would have them:</span>
              <ul className="mt-1 list-disc pl-5" data-testid="plan-later">
                {proposal.plan.later.map((l) => (
                  <li key={l.step}>
                    {l.step}, on {formatClinicDay(l.day, tz)}: {l.why.join("; ")}.
                  </li>
                ))}
              </ul>
            </div>
          )}
          {proposal.violations.length > 0 && (
            <FormMessage tone="error">
              <ul className="list-disc pl-5">
                {proposal.violations.map((v) => (
                  <li key={v.message}>{v.message}</li>
                ))}
              </ul>
            </FormMessage>
          )}
          {rows.length === 0 ? <p className="text-sm text-stone-600">Nothing left to plan: every session of the cycle is booked.</p> : <PlanReview coupleId={coupleId} rows={rows} rooms={rooms.map((r) => ({ id: r.id, name: r.name, dosingEquipped: r.dosingEquipped, capacity: r.capacity }))} />}
        </section>
      )}
    </>
  );
}
