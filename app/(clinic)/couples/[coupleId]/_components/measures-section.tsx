import Link from "next/link";
import { instrumentForm } from "@/components/measures/measure-items";
import { ProgressChart } from "@/components/measures/progress-chart";
import { Badge, EmptyState } from "@/components/ui/page-header";
import { reachesPartner, reachesSession, type CoupleFacts } from "@/lib/auth/reach";
import type { Staff } from "@/lib/auth/session";
import { sessionFactsOf, type CoupleDetail } from "@/lib/couples/get-couple";
import { formatClinicDate } from "@/lib/format/clinic-time";
import type { MeasurePoint } from "@/lib/measures/couple-measures";
import { dueNow, measuresDue, type DueMeasure, type DueSession } from "@/lib/measures/due";
import { bandOf, INSTRUMENT_IDS, INSTRUMENTS, isInstrumentId, type InstrumentId } from "@/lib/measures/instruments";
import { clinicDate, formatClinicDay } from "@/lib/protocol/calendar";
import { isMedicine, isStanding } from "@/lib/protocol/cycle";
import { SESSION_KIND_LABELS } from "@/lib/sessions/labels";
import { MeasureEntryForm } from "./measure-entry-form";
import { MeasureLinkForm } from "./measure-link-form";

// The couple page's outcome measures (PROTOCOL.md "Outcome measures"), for clinicians who reach a
// partner (measure:read): what is due for each partner, entering a measure or making a partner's
// one-time link (measure:record), and one chart of both partners' scores for the measure chosen
// in the address (?measure=GAD7), with the same figures in a table for screen readers and print.
// Only the forms are client components.

const STATE_BADGE = {
  due: { tone: "warn", text: "Due now" },
  missed: { tone: "danger", text: "Not taken" },
  upcoming: { tone: "neutral", text: "Next" },
} as const;

export function MeasuresSection({
  staff,
  couple,
  facts,
  read,
  timeZone,
  screenDays,
  measure,
}: {
  staff: Staff;
  couple: CoupleDetail;
  facts: CoupleFacts;
  /** The partners' measures this staff member reaches, read (and audited) with the couple. */
  read: { partnerIds: string[]; measures: MeasurePoint[] };
  timeZone: string;
  screenDays: number;
  measure: string | undefined;
}) {
  const now = new Date();
  const chosen: InstrumentId = isInstrumentId(measure) ? measure : "PHQ9";
  const nameOf = (id: string) => {
    const p = id === couple.partnerAId ? couple.partnerA : couple.partnerB;
    return p.preferredName || p.firstName;
  };
  const sessionById = new Map(couple.sessions.map((s) => [s.id, s]));
  const dueSessions: DueSession[] = couple.sessions.map((s) => ({
    id: s.id,
    cycleId: s.cycleId,
    kind: s.kind,
    status: s.status,
    startsAt: s.startsAt,
    partnerIds: s.attendees.map((a) => a.clientId),
    journeyerId: s.journeyerId,
  }));
  const due = read.partnerIds.map((id) => ({
    id,
    rows: measuresDue({ partnerId: id, cycles: couple.cycles, sessions: dueSessions, measures: read.measures.filter((m) => m.clientId === id), timeZone, screenDays, now }),
  }));
  const recordable = read.partnerIds.filter((id) => reachesPartner(staff, "measure:record", facts, id));
  const medicine = couple.sessions.filter((s) => isMedicine(s) && isStanding(s));
  const medicineLabel = (s: (typeof medicine)[number]) =>
    `Medicine session, ${formatClinicDay(s.startsAt, timeZone)}${s.journeyerId ? ` (${nameOf(s.journeyerId)} journeys)` : " (both dose)"}`;
  const shown = read.measures.filter((m) => m.instrument === chosen);
  const instrument = INSTRUMENTS[chosen];

  const occasionWords = (row: DueMeasure): string => {
    const session = row.sessionId ? sessionById.get(row.sessionId) : undefined;
    const on = session ? ` on ${formatClinicDay(session.startsAt, timeZone)}` : "";
    switch (row.occasion) {
      case "BASELINE":
        return session ? `Baseline (intake${on})` : "Baseline, at the first intake";
      case "BEFORE_MEDICINE":
        return `Before the medicine session${on} (P12)`;
      case "AFTER_INTEGRATION":
        return `After the integration${on}`;
      case "END_OF_CYCLE":
        return "At the end of the cycle";
    }
  };

  return (
    <section aria-labelledby="measures" className="mb-8" data-testid="measures">
      <h2 id="measures" className="mb-3 text-lg font-semibold">
        Outcome measures
      </h2>

      <div className="mb-6 grid gap-4 sm:grid-cols-2">
        {due.map(({ id, rows }) => (
          <div key={id} className="rounded-lg border border-stone-200 bg-white p-4 text-sm" data-testid="measures-due">
            <h3 className="font-medium">{nameOf(id)}: what is due</h3>
            <DueList rows={rows} words={occasionWords} />
          </div>
        ))}
      </div>

      {recordable.length > 0 && (
        <div className="mb-6 grid gap-4 lg:grid-cols-2">
          <details className="rounded-lg border border-stone-200 bg-stone-50 p-2 open:bg-white">
            <summary className="cursor-pointer px-2 py-1 font-medium text-brand-700">Enter a measure</summary>
            <div className="mt-2">
              <MeasureEntryForm
                partners={recordable.map((id) => ({ id, name: nameOf(id) }))}
                instruments={INSTRUMENT_IDS.map((i) => instrumentForm(INSTRUMENTS[i]))}
                sessions={couple.sessions
                  .filter((s) => isStanding(s) && s.startsAt.getTime() <= now.getTime() && reachesSession(staff, "measure:record", facts, sessionFactsOf(s)))
                  .reverse()
                  .slice(0, 30)
                  .map((s) => ({ id: s.id, label: `${SESSION_KIND_LABELS[s.kind]}, ${formatClinicDay(s.startsAt, timeZone)}`, partnerIds: s.attendees.map((a) => a.clientId) }))}
                today={clinicDate(now, timeZone)}
              />
            </div>
          </details>
          <details className="rounded-lg border border-stone-200 bg-stone-50 p-2 open:bg-white">
            <summary className="cursor-pointer px-2 py-1 font-medium text-brand-700">Make a link for a partner</summary>
            <div className="mt-2">
              <MeasureLinkForm
                partners={recordable.map((id) => ({ id, name: nameOf(id), due: dueNow(due.find((d) => d.id === id)?.rows ?? []) }))}
                instruments={INSTRUMENT_IDS.map((i) => ({ id: i, name: INSTRUMENTS[i].name }))}
              />
            </div>
          </details>
        </div>
      )}

      <nav aria-label="Measure shown in the chart" className="mb-3 flex flex-wrap gap-2 text-sm">
        {INSTRUMENT_IDS.map((id) => (
          <Link
            key={id}
            href={`/couples/${couple.id}?measure=${id}#measures`}
            prefetch={false}
            scroll={false}
            aria-current={id === chosen ? "page" : undefined}
            className={`rounded-md border px-3 py-1 ${id === chosen ? "border-brand-600 bg-brand-600 text-white" : "border-stone-300 bg-white hover:bg-stone-100"}`}
          >
            {INSTRUMENTS[id].name} <span className="sr-only">({INSTRUMENTS[id].measures})</span>
          </Link>
        ))}
      </nav>

      {shown.length === 0 ? (
        <EmptyState>No {instrument.name} scores yet.</EmptyState>
      ) : (
        <>
          <div className="rounded-lg border border-stone-200 bg-white p-3">
            <ProgressChart
              input={{
                instrument: chosen,
                series: read.partnerIds.map((id) => ({ name: nameOf(id), points: shown.filter((m) => m.clientId === id) })),
                medicine: medicine.map((s) => ({ startsAt: s.startsAt, label: medicineLabel(s) })),
                timeZone,
                now,
              }}
              title={`${instrument.name} (${instrument.measures}) over time: ${read.partnerIds.map(nameOf).join(" and ")}`}
              description={describe(read.partnerIds.map((id) => ({ name: nameOf(id), points: shown.filter((m) => m.clientId === id) })), chosen, medicine.map((s) => formatClinicDay(s.startsAt, timeZone)), timeZone)}
            />
          </div>
          <ScoresTable instrument={chosen} measures={shown} nameOf={nameOf} timeZone={timeZone} />
          {medicine.length > 0 && (
            <p className="mt-2 text-sm text-stone-700">Medicine sessions: {medicine.map(medicineLabel).map((l) => l.replace(/^Medicine session, /, "")).join("; ")}.</p>
          )}
        </>
      )}
    </section>
  );
}

function DueList({ rows, words }: { rows: DueMeasure[]; words: (row: DueMeasure) => string }) {
  // One line per occasion (an intake asks for three measures at once), in time order: what is
  // due now and what was not taken, then the next thing to come.
  const groups = new Map<string, { row: DueMeasure; instruments: InstrumentId[] }>();
  for (const row of rows) {
    const key = `${row.occasion}:${row.sessionId}:${row.state}`;
    const group = groups.get(key) ?? { row, instruments: [] };
    group.instruments.push(row.instrument);
    groups.set(key, group);
  }
  const all = [...groups.values()];
  const open = all.filter((g) => g.row.state === "due" || g.row.state === "missed");
  const next = all.find((g) => g.row.state === "upcoming");
  const done = rows.filter((r) => r.state === "done").length;
  if (rows.length === 0) return <p className="mt-2 text-stone-600">No KAP cycle: nothing is due.</p>;
  return (
    <ul className="mt-2 space-y-1">
      {open.length === 0 && <li className="text-stone-700">Nothing is due now.</li>}
      {[...open, ...(next ? [next] : [])].map(({ row, instruments }) => {
        const badge = STATE_BADGE[row.state as keyof typeof STATE_BADGE];
        return (
          <li key={`${row.occasion}:${row.sessionId}:${row.state}`} className="flex flex-wrap items-center gap-2" data-testid={`due-${row.state}`}>
            <Badge tone={badge.tone}>{badge.text}</Badge>
            <span>
              {instruments.map((i) => INSTRUMENTS[i].name).join(", ")}: {words(row)}
            </span>
          </li>
        );
      })}
      {done > 0 && <li className="text-stone-600">{done === 1 ? "1 measure taken" : `${done} measures taken`} as the protocol asks, this cycle.</li>}
    </ul>
  );
}

function ScoresTable({ instrument, measures, nameOf, timeZone }: { instrument: InstrumentId; measures: MeasurePoint[]; nameOf: (id: string) => string; timeZone: string }) {
  const { name, maxTotal } = INSTRUMENTS[instrument];
  return (
    <table className="mt-4 w-full rounded-lg border border-stone-200 bg-white text-sm" data-testid="measure-table">
      <caption className="py-2 text-left text-sm font-medium text-stone-800">{name} scores, oldest first</caption>
      <thead className="bg-stone-100 text-left text-stone-700">
        <tr>
          <th scope="col" className="px-4 py-2">Date</th>
          <th scope="col" className="px-4 py-2">Partner</th>
          <th scope="col" className="px-4 py-2">Score</th>
          <th scope="col" className="px-4 py-2">Band</th>
          {instrument === "PHQ9" && <th scope="col" className="px-4 py-2">Item 9</th>}
          <th scope="col" className="px-4 py-2">Entered</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-stone-100">
        {measures.map((m) => (
          <tr key={m.id} data-testid="measure-row">
            <td className="px-4 py-2 whitespace-nowrap">{formatClinicDate(m.takenAt, timeZone)}</td>
            <td className="px-4 py-2">{nameOf(m.clientId)}</td>
            <td className="px-4 py-2">
              {m.total} of {maxTotal}
            </td>
            <td className="px-4 py-2">{bandOf(instrument, m.total).label}</td>
            {instrument === "PHQ9" && <td className="px-4 py-2">{m.item9 ? <Badge tone="danger">{m.item9}: above 0</Badge> : m.item9}</td>}
            <td className="px-4 py-2">{m.source === "LINK" ? "By the partner, from a link" : "By a clinician"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The chart's description for screen readers: each partner's first and latest score, the medicine sessions. */
function describe(series: { name: string; points: MeasurePoint[] }[], instrument: InstrumentId, medicineDays: string[], timeZone: string): string {
  const day = (d: Date) => formatClinicDay(d, timeZone);
  const parts = series.map(({ name, points }) => {
    if (points.length === 0) return `${name}: no scores.`;
    const first = points[0];
    const last = points[points.length - 1];
    const band = (total: number) => bandOf(instrument, total).label.toLowerCase();
    if (points.length === 1) return `${name}: one score, ${first.total} (${band(first.total)}) on ${day(first.takenAt)}.`;
    return `${name}: ${points.length} scores, from ${first.total} (${band(first.total)}) on ${day(first.takenAt)} to ${last.total} (${band(last.total)}) on ${day(last.takenAt)}.`;
  });
  const medicine = medicineDays.length > 0 ? ` Medicine sessions on ${medicineDays.join(", ")}.` : "";
  return `${parts.join(" ")}${medicine} The table below lists every score.`;
}
