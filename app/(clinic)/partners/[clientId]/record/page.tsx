import { Addenda, NoteText, signedLine } from "@/components/notes/note-text";
import { EmptyState } from "@/components/ui/page-header";
import { requireReadPermission } from "@/lib/audit/record-read";
import { partnerDisplayName } from "@/lib/clearance/access";
import { DECISION_LABELS, ROUTE_LABELS } from "@/lib/clearance/screening";
import { formatClinicDateTime, formatClinicRange, formatDateOnly } from "@/lib/format/clinic-time";
import { measuresOfCouple } from "@/lib/measures/couple-measures";
import { bandOf, INSTRUMENT_IDS, INSTRUMENTS } from "@/lib/measures/instruments";
import { partnerRecord, type PartnerRecord } from "@/lib/notes/partner-record";
import { loadOrNotFound } from "@/lib/pages/load-or-not-found";
import { MODEL_LABELS, SESSION_KIND_LABELS } from "@/lib/sessions/labels";
import type { Staff } from "@/lib/auth/session";
import { PrintButton } from "./_components/print-button";

export const metadata = { title: "Clinical record" };

/**
 * One partner's clinical record, made to be printed (issue 12): the signed notes of the sessions
 * they attended with their addenda, their clearances, and their outcome measures, as far as the
 * reader reaches each (lib/notes/partner-record.ts). The read is audited.
 */
export default async function PartnerRecordPage({ params }: { params: Promise<{ clientId: string }> }) {
  const { clientId } = await params;
  const staff = await requireReadPermission("note:read", { entity: "Client", entityId: clientId });
  const record = await loadOrNotFound(clientId, (id) => partnerRecord(staff, id), { staff, entity: "Client" });
  const tz = record.clinic.timeZone;
  const name = partnerDisplayName(record.partner);
  return (
    <article className="space-y-8 print:space-y-6 print:text-black">
      <header className="flex flex-wrap items-end justify-between gap-4 border-b border-stone-300 pb-4">
        <div>
          <h1 className="text-2xl font-semibold text-brand-900 print:text-black">{name}: clinical record</h1>
          <p className="mt-1 text-sm text-stone-600 print:text-stone-800">
            {record.clinic.name} · printed {formatClinicDateTime(record.printedAt, tz)} by {staff.name} · times in {tz}. Confidential clinical record.
          </p>
        </div>
        <PrintButton />
      </header>

      <section aria-labelledby="notes">
        <h2 id="notes" className="mb-3 text-lg font-semibold">
          Session notes
        </h2>
        {record.notes.length === 0 ? (
          <EmptyState>No completed session of {name}’s with a note you may read.</EmptyState>
        ) : (
          <ol className="space-y-6">
            {record.notes.map((n) => (
              <li key={n.sessionId} className="break-inside-avoid rounded-lg border border-stone-200 bg-white p-4 print:rounded-none print:border-0 print:border-t print:p-0 print:pt-4" data-testid="record-note">
                <h3 className="font-semibold">
                  {n.shape?.title ?? SESSION_KIND_LABELS[n.kind]} · {SESSION_KIND_LABELS[n.kind]}, {formatClinicRange(n.startsAt, n.endsAt, tz)}
                </h3>
                <p className="mb-3 text-sm text-stone-600">With {n.clinicians.join(", ")}</p>
                {n.note && n.shape ? (
                  <>
                    <NoteText shape={n.shape} content={n.note.content} />
                    <p className="mt-3 text-xs text-stone-700">{signedLine(n.note.author, n.note.signedAt, tz)}</p>
                    <Addenda addenda={n.addenda.map((a) => ({ ...a, authorName: a.author }))} timeZone={tz} />
                  </>
                ) : (
                  <p className="text-sm text-stone-700">No signed note yet (P13).</p>
                )}
              </li>
            ))}
          </ol>
        )}
      </section>

      {record.readsClearances && <Clearances record={record} />}
      <Measures staff={staff} record={record} />
    </article>
  );
}

function Clearances({ record }: { record: PartnerRecord }) {
  const tz = record.clinic.timeZone;
  return (
    <section aria-labelledby="clearances" className="break-inside-avoid">
      <h2 id="clearances" className="mb-3 text-lg font-semibold">
        Medical clearances
      </h2>
      {record.clearances.length === 0 ? (
        <EmptyState>No signed clearance.</EmptyState>
      ) : (
        <ul className="space-y-3">
          {record.clearances.map((c) => (
            <li key={c.id} className="rounded-lg border border-stone-200 bg-white p-4 text-sm print:rounded-none print:border-0 print:border-t print:p-0 print:pt-3" data-testid="record-clearance">
              <p className="font-medium">
                {DECISION_LABELS[c.decision]} · evaluated {formatDateOnly(c.evaluatedOn)} · valid until {formatDateOnly(c.validUntil)}
              </p>
              <p>
                {c.models.map((m) => MODEL_LABELS[m]).join(", ") || "No model"}
                {c.maxDoseMg !== null && ` · up to ${c.maxDoseMg} mg`}
                {c.route && `, ${ROUTE_LABELS[c.route].toLowerCase()}`}
              </p>
              {c.conditions && <p>Conditions: {c.conditions}</p>}
              <p className="text-xs text-stone-700">{signedLine(c.psychiatrist, c.signedAt, tz)}</p>
              {c.supersededBy && <p className="text-xs text-stone-700">Superseded by an amendment.</p>}
              {c.revoked && (
                <p className="text-xs text-red-800">
                  Revoked {formatClinicDateTime(c.revoked.at, tz)} by {c.revoked.by}: {c.revoked.reason}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The partner's outcome measures (lib/measures), each with its band, oldest first. */
async function Measures({ staff, record }: { staff: Staff; record: PartnerRecord }) {
  if (!record.couple) return null;
  const id = record.partner.id;
  // Only this partner: the couple's other partner is not part of this record.
  const read = await measuresOfCouple(staff, { partnerAId: id, partnerBId: id }, record.couple.facts);
  if (!read) return null;
  const tz = record.clinic.timeZone;
  const rows = read.measures.filter((m) => m.clientId === id);
  return (
    <section aria-labelledby="measures" className="break-inside-avoid">
      <h2 id="measures" className="mb-3 text-lg font-semibold">
        Outcome measures
      </h2>
      {rows.length === 0 ? (
        <EmptyState>No outcome measures recorded.</EmptyState>
      ) : (
        <table className="w-full rounded-lg border border-stone-200 bg-white text-sm">
          <caption className="sr-only">Outcome measures of {partnerDisplayName(record.partner)}</caption>
          <thead className="bg-stone-100 text-left text-stone-700 print:bg-white">
            <tr>
              <th scope="col" className="px-4 py-2">Taken</th>
              <th scope="col" className="px-4 py-2">Measure</th>
              <th scope="col" className="px-4 py-2">Total</th>
              <th scope="col" className="px-4 py-2">Band</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {INSTRUMENT_IDS.flatMap((instrument) =>
              rows
                .filter((m) => m.instrument === instrument)
                .map((m) => (
                  <tr key={m.id} data-testid="record-measure">
                    <td className="px-4 py-2">{formatClinicDateTime(m.takenAt, tz)}</td>
                    <td className="px-4 py-2">{INSTRUMENTS[instrument].name}</td>
                    <td className="px-4 py-2">
                      {m.total} / {INSTRUMENTS[instrument].maxTotal}
                    </td>
                    <td className="px-4 py-2">{bandOf(instrument, m.total).label}</td>
                  </tr>
                )),
            )}
          </tbody>
        </table>
      )}
    </section>
  );
}
