import Link from "next/link";
import { EmptyState, PageHeader, Badge } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/session";
import { getClinic } from "@/lib/clinic/get-clinic";
import { COUPLES_PAGE_SIZE, listCouples } from "@/lib/couples/list-couples";
import { formatClinicDateTime } from "@/lib/format/clinic-time";
import { wholeNumberOr } from "@/lib/input/decimal";
import { firstValue } from "@/lib/search-params";
import { reachesEveryCouple } from "@/lib/auth/reach";

export const metadata = { title: "Couples" };

export default async function CouplesPage({ searchParams }: { searchParams: Promise<{ q?: string | string[]; page?: string | string[] }> }) {
  const staff = await requirePermission("couple:read");
  const clinic = await getClinic(staff.clinicId);
  const params = await searchParams;
  const q = (firstValue(params.q) ?? "").slice(0, 100);
  const { rows: couples, total, page, pages } = await listCouples(staff, clinic.timeZone, { query: q, page: wholeNumberOr(firstValue(params.page), 1) });
  const pageLink = (n: number) => `/couples?${new URLSearchParams({ ...(q ? { q } : {}), ...(n > 1 ? { page: String(n) } : {}) })}`;
  const first = (page - 1) * COUPLES_PAGE_SIZE + 1;
  const mine = reachesEveryCouple(staff, "couple:read") ? "every couple of the clinic" : "the couples you work with";

  return (
    <>
      <PageHeader
        title="Couples"
        description={`Showing ${mine}.`}
        actions={
          can(staff.roles, "couple:write") ? (
            <Link href="/couples/new" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
              Add couple
            </Link>
          ) : undefined
        }
      />
      <form role="search" className="mb-4 flex gap-2" action="/couples">
        <label htmlFor="q" className="sr-only">
          Search couples by name or email
        </label>
        <input id="q" name="q" defaultValue={q} placeholder="Search by name or email" className="w-72 rounded-md border border-stone-300 px-3 py-2 text-sm" />
        <button type="submit" className="rounded-md border border-stone-300 bg-white px-4 py-2 text-sm hover:bg-stone-100">
          Search
        </button>
      </form>
      {couples.length === 0 ? (
        <EmptyState>{q ? `No couple matches “${q}”.` : "No couples yet."}</EmptyState>
      ) : (
        <table className="w-full overflow-hidden rounded-lg border border-stone-200 bg-white text-sm">
          <caption className="sr-only">Couples</caption>
          <thead className="bg-stone-100 text-left text-stone-700">
            <tr>
              <th scope="col" className="px-4 py-2">Couple</th>
              <th scope="col" className="px-4 py-2">Stage</th>
              <th scope="col" className="px-4 py-2">Couple’s therapist</th>
              <th scope="col" className="px-4 py-2">Next session</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {couples.map((c) => (
              <tr key={c.id} data-testid="couple-row">
                <td className="px-4 py-2">
                  <Link href={`/couples/${c.id}`} className="font-medium text-brand-700 underline">
                    {c.names}
                  </Link>
                </td>
                <td className="px-4 py-2">
                  <Badge tone="brand">{c.stage}</Badge>
                </td>
                <td className="px-4 py-2">{c.couplesTherapist}</td>
                <td className="px-4 py-2 text-stone-600">{c.nextSession ? formatClinicDateTime(c.nextSession, clinic.timeZone) : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {total > 0 && (
        <nav aria-label="Pages of couples" className="mt-4 flex items-center gap-3 text-sm text-stone-600">
          <span data-testid="couples-count">
            {pages > 1 ? `${first}–${first + couples.length - 1} of ${total} couples` : `${total} ${total === 1 ? "couple" : "couples"}`}
          </span>
          {page > 1 && (
            <Link className="rounded border border-stone-300 bg-white px-3 py-1.5" href={pageLink(page - 1)} rel="prev">
              ← Previous
            </Link>
          )}
          {page < pages && (
            <Link className="rounded border border-stone-300 bg-white px-3 py-1.5" href={pageLink(page + 1)} rel="next">
              Next →
            </Link>
          )}
        </nav>
      )}
    </>
  );
}
