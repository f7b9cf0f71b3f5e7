import { redirect } from "next/navigation";
import { EmptyState, PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requireStaff } from "@/lib/auth/session";
import { getClinic } from "@/lib/clinic/get-clinic";
import { formatClinicDateTime } from "@/lib/format/clinic-time";
import { addClinicDays, clinicDate } from "@/lib/protocol/calendar";
import { logFormOptions } from "@/lib/substance-log/form-options";
import { ZReportRange } from "@/lib/substance-log/input";
import { ENTRY_KIND_LABELS, substanceLogReport } from "@/lib/substance-log/report";
import { CorrectionForm, CountForm, ReceiveForm, WasteForm } from "./_components/log-forms";

export const metadata = { title: "Controlled-substance log" };

export default async function SubstanceLogPage({ searchParams }: { searchParams: Promise<{ from?: string; to?: string }> }) {
  const staff = await requireStaff();
  const reads = can(staff.roles, "substance-log:read");
  const writes = can(staff.roles, "substance-log:write");
  if (!reads && !writes) redirect("/forbidden");
  const clinic = await getClinic(staff.clinicId);
  const today = clinicDate(new Date(), clinic.timeZone);
  const q = await searchParams;
  const asked = ZReportRange.safeParse({ from: q.from ?? addClinicDays(today, -30, clinic.timeZone), to: q.to ?? today });
  const range = asked.success ? asked.data : { from: addClinicDays(today, -30, clinic.timeZone), to: today };
  const [report, options] = await Promise.all([reads ? substanceLogReport(staff, range) : null, writes ? logFormOptions(staff) : null]);
  const lots = report?.lots ?? options?.lots ?? [];

  return (
    <>
      <PageHeader
        title="Controlled-substance log"
        description="Ketamine (Schedule III): every receipt, dose, waste and count moves or checks a lot's running balance, which never goes below zero. Entries are never changed; a mistake is corrected by a new entry that references it."
      />
      <section aria-labelledby="lots" className="mb-8">
        <h2 id="lots" className="mb-3 text-lg font-semibold">
          Lots
        </h2>
        {lots.length === 0 ? (
          <EmptyState>No lot received yet.</EmptyState>
        ) : (
          <ul className="flex flex-wrap gap-3">
            {lots.map((l) => (
              <li key={l.id} className="rounded-lg border border-stone-200 bg-white px-4 py-2 text-sm" data-testid="lot">
                <span className="font-medium">{l.lotNumber}</span>: {l.balanceMg} mg
              </li>
            ))}
          </ul>
        )}
      </section>
      {options && (
        <section aria-labelledby="record" className="mb-8">
          <h2 id="record" className="mb-3 text-lg font-semibold">
            Record
          </h2>
          <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-4">
            <ReceiveForm />
            <WasteForm lots={options.lots} witnesses={options.witnesses} />
            <CountForm lots={options.lots} />
            <CorrectionForm />
          </div>
        </section>
      )}
      {report && (
        <section aria-labelledby="report">
          <h2 id="report" className="mb-3 text-lg font-semibold">
            Report
          </h2>
          <form method="get" className="mb-4 flex flex-wrap items-end gap-3 text-sm" aria-label="Report dates">
            <label className="block">
              <span className="block font-medium">From</span>
              <input type="date" name="from" defaultValue={range.from} className="mt-1 rounded-md border border-stone-300 px-3 py-2" />
            </label>
            <label className="block">
              <span className="block font-medium">To</span>
              <input type="date" name="to" defaultValue={range.to} className="mt-1 rounded-md border border-stone-300 px-3 py-2" />
            </label>
            <button type="submit" className="rounded-md border border-stone-300 bg-white px-4 py-2 font-medium">
              Show
            </button>
            <a className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white" href={`/substance-log/report.csv?from=${range.from}&to=${range.to}`} download>
              Download CSV
            </a>
          </form>
          {!asked.success && <p className="mb-2 text-sm text-red-700">{asked.error.issues.map((i) => i.message).join(" ")} Showing the last 30 days.</p>}
          {report.entries.length === 0 ? (
            <EmptyState>No entries between these dates.</EmptyState>
          ) : (
            <table className="w-full rounded-lg border border-stone-200 bg-white text-sm">
              <caption className="sr-only">
                Log entries from {range.from} to {range.to}
              </caption>
              <thead className="bg-stone-100 text-left text-stone-700">
                <tr>
                  <th scope="col" className="px-3 py-2">When</th>
                  <th scope="col" className="px-3 py-2">Kind</th>
                  <th scope="col" className="px-3 py-2">Lot</th>
                  <th scope="col" className="px-3 py-2 text-right">Change (mg)</th>
                  <th scope="col" className="px-3 py-2 text-right">Balance (mg)</th>
                  <th scope="col" className="px-3 py-2">Detail</th>
                  <th scope="col" className="px-3 py-2">By / witness</th>
                  <th scope="col" className="px-3 py-2">Entry</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-100">
                {report.entries.map((e) => (
                  <tr key={e.id} data-testid="log-entry">
                    <td className="px-3 py-2 whitespace-nowrap">{formatClinicDateTime(e.occurredAt, report.timeZone)}</td>
                    <td className="px-3 py-2">{ENTRY_KIND_LABELS[e.kind]}</td>
                    <td className="px-3 py-2">{e.lotNumber}</td>
                    <td className="px-3 py-2 text-right">{e.quantityMg}</td>
                    <td className="px-3 py-2 text-right">{e.balanceAfterMg}</td>
                    <td className="px-3 py-2">
                      {e.countedMg !== null ? `Counted ${e.countedMg} mg. ` : ""}
                      {e.reason}
                      {e.correctsId ? ` (corrects ${e.correctsId.slice(0, 8)})` : ""}
                    </td>
                    <td className="px-3 py-2">
                      {e.recordedBy}
                      {e.witnessedBy ? ` / ${e.witnessedBy}` : ""}
                    </td>
                    <td className="px-3 py-2 font-mono text-xs">{e.id}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
    </>
  );
}
