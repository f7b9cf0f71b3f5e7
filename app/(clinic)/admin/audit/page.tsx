import { Badge, EmptyState, PageHeader } from "@/components/ui/page-header";
import { ROLE_LABELS, type StaffRoleName } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/session";
import { searchAudit, ZAuditSearch, AUDIT_PAGE_SIZE } from "@/lib/audit/search-audit";
import { getClinic } from "@/lib/clinic/get-clinic";
import { formatClinicDateTime } from "@/lib/format/clinic-time";
import { firstValue } from "@/lib/search-params";
import { listStaff } from "@/lib/staff/list-staff";

export const metadata = { title: "Audit log" };

const OUTCOME_TONES = { ALLOWED: "brand", DENIED: "danger", FAILED: "warn" } as const;
const INPUT = "mt-1 block w-full rounded-md border border-stone-300 px-3 py-2 text-sm shadow-sm";

function roleLabel(roles: string | null): string {
  return (roles ?? "")
    .split(",")
    .filter(Boolean)
    .map((r) => ROLE_LABELS[r as StaffRoleName] ?? r)
    .join(", ");
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const admin = await requirePermission("audit:read");
  const raw = await searchParams;
  const search = ZAuditSearch.parse(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, firstValue(v) || undefined])));
  const [clinic, staff] = await Promise.all([getClinic(admin.clinicId), listStaff(admin.clinicId)]);
  const result = await searchAudit(admin, search, clinic.timeZone);

  return (
    <>
      <PageHeader title="Audit log" description="Who read or changed what, when and from where. Append-only: nothing here can be edited or deleted." />
      <form method="get" className="mb-6 grid gap-4 rounded-lg border border-stone-200 bg-white p-4 sm:grid-cols-3 lg:grid-cols-6" aria-label="Search the audit log">
        <label className="block text-sm font-medium text-stone-800">
          Person
          <select name="person" defaultValue={search.person ?? ""} className={INPUT}>
            <option value="">Anyone</option>
            {staff.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label className="block text-sm font-medium text-stone-800">
          Client
          <input name="client" defaultValue={search.client ?? ""} placeholder="Name" className={INPUT} />
        </label>
        <label className="block text-sm font-medium text-stone-800">
          Record id
          <input name="record" defaultValue={search.record ?? ""} placeholder="Starts with…" className={INPUT} />
        </label>
        <label className="block text-sm font-medium text-stone-800">
          From
          <input type="date" name="from" defaultValue={search.from ?? ""} className={INPUT} />
        </label>
        <label className="block text-sm font-medium text-stone-800">
          To
          <input type="date" name="to" defaultValue={search.to ?? ""} className={INPUT} />
        </label>
        <label className="block text-sm font-medium text-stone-800">
          Outcome
          <select name="outcome" defaultValue={search.outcome ?? ""} className={INPUT}>
            <option value="">Any</option>
            <option value="ALLOWED">Allowed</option>
            <option value="DENIED">Denied</option>
            <option value="FAILED">Failed</option>
          </select>
        </label>
        <div className="sm:col-span-3 lg:col-span-6">
          <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
            Search
          </button>
        </div>
      </form>

      {result.events.length === 0 ? (
        <EmptyState>Nothing in the log matches.</EmptyState>
      ) : (
        <table className="w-full rounded-lg border border-stone-200 bg-white text-sm">
          <caption className="sr-only">Audit events, newest first</caption>
          <thead className="bg-stone-100 text-left text-stone-700">
            <tr>
              <th scope="col" className="px-4 py-2">When ({clinic.timeZone})</th>
              <th scope="col" className="px-4 py-2">Who</th>
              <th scope="col" className="px-4 py-2">What</th>
              <th scope="col" className="px-4 py-2">Record</th>
              <th scope="col" className="px-4 py-2">About</th>
              <th scope="col" className="px-4 py-2">From</th>
              <th scope="col" className="px-4 py-2">Outcome</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {result.events.map((e) => (
              <tr key={e.id} data-testid="audit-row">
                <td className="px-4 py-2 whitespace-nowrap">{formatClinicDateTime(e.at, clinic.timeZone)}</td>
                <td className="px-4 py-2">
                  {e.actor ?? <span className="text-stone-500">Not signed in</span>}
                  {e.actorRole && <span className="block text-xs text-stone-500">{roleLabel(e.actorRole)}</span>}
                </td>
                <td className="px-4 py-2">
                  {e.action} {e.entity}
                </td>
                <td className="px-4 py-2 font-mono text-xs">{e.entityId ?? "—"}</td>
                <td className="px-4 py-2">{e.subject ?? "—"}</td>
                <td className="px-4 py-2 font-mono text-xs">{e.ip ?? "—"}</td>
                <td className="px-4 py-2">
                  <Badge tone={OUTCOME_TONES[e.outcome]}>{e.outcome.toLowerCase()}</Badge>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {result.more && <p className="mt-3 text-sm text-stone-600">Showing the newest {AUDIT_PAGE_SIZE}. Narrow the search to see older events.</p>}
    </>
  );
}
