import Link from "next/link";
import { Badge, EmptyState, PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requireReadPermission } from "@/lib/audit/record-read";
import { partnerDisplayName } from "@/lib/clearance/access";
import { clearanceHistory, type ClearanceState } from "@/lib/clearance/clearance-history";
import { DECISION_LABELS, ROUTE_LABELS } from "@/lib/clearance/screening";
import { formatClinicDate, formatDateOnly } from "@/lib/format/clinic-time";
import { loadOrNotFound } from "@/lib/pages/load-or-not-found";

export const metadata = { title: "Clearance history" };

const TONES: Record<ClearanceState, "brand" | "warn" | "danger" | "muted" | "neutral"> = {
  "in force": "brand",
  draft: "warn",
  revoked: "danger",
  superseded: "muted",
  expired: "muted",
  "not cleared": "danger",
  deferred: "warn",
  signed: "neutral",
};

export default async function ClearanceHistoryPage({ params }: { params: Promise<{ clientId: string }> }) {
  const { clientId } = await params;
  const staff = await requireReadPermission("clearance:read", { entity: "Client", entityId: clientId });
  const history = await loadOrNotFound(clientId, (id) => clearanceHistory(staff, id), { staff, entity: "Client" });
  const name = partnerDisplayName(history.partner);
  const inForce = history.clearances.find((c) => c.id === history.inForceId);
  const psychiatrist = can(staff.roles, "clearance:record");
  const ownEvaluation = history.evaluations.find((e) => e.clinicians.some((c) => c.userId === staff.id));
  return (
    <>
      <PageHeader
        title={`${name}: medical clearance`}
        description="Every clearance recorded for this partner, newest first. Signed clearances are never changed; amendments and revocations are kept beside them."
        actions={
          psychiatrist ? (
            <Link
              className="inline-flex rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
              href={`/clearances/new?client=${clientId}${ownEvaluation ? `&evaluation=${ownEvaluation.id}` : ""}`}
            >
              Record a clearance
            </Link>
          ) : undefined
        }
      />
      <section aria-labelledby="in-force" className="mb-6 rounded-lg border border-stone-200 bg-white p-4 text-sm" data-testid="in-force">
        <h2 id="in-force" className="mb-1 font-semibold">
          In force today
        </h2>
        {inForce ? (
          <p>
            <Badge tone="brand">In force</Badge> {DECISION_LABELS[inForce.decision]} until {formatDateOnly(new Date(`${inForce.lastDay}T00:00:00Z`))} ·{" "}
            {inForce.maxDoseMg} mg max, {inForce.route ? ROUTE_LABELS[inForce.route].toLowerCase() : ""} ·{" "}
            <Link className="text-brand-700 underline" href={`/clearances/${inForce.id}`}>
              open
            </Link>
          </p>
        ) : (
          <p>No clearance is in force: {name} may not dose until a psychiatrist signs one (P3).</p>
        )}
      </section>
      {history.clearances.length === 0 ? (
        <EmptyState>
          No clearance recorded yet
          {history.evaluations.length > 0 ? `; medical evaluation ${formatClinicDate(history.evaluations[0].startsAt, history.timeZone)}.` : "."}
        </EmptyState>
      ) : (
        <table className="w-full rounded-lg border border-stone-200 bg-white text-sm">
          <caption className="sr-only">Clearances of {name}</caption>
          <thead className="bg-stone-100 text-left text-stone-700">
            <tr>
              <th scope="col" className="px-4 py-2">Evaluated</th>
              <th scope="col" className="px-4 py-2">Decision</th>
              <th scope="col" className="px-4 py-2">Valid until</th>
              <th scope="col" className="px-4 py-2">By</th>
              <th scope="col" className="px-4 py-2">State</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {history.clearances.map((c) => (
              <tr key={c.id} data-testid="clearance-row">
                <td className="px-4 py-2">
                  <Link className="text-brand-700 underline" href={`/clearances/${c.id}`}>
                    {formatDateOnly(c.evaluatedOn)}
                  </Link>
                </td>
                <td className="px-4 py-2">{DECISION_LABELS[c.decision]}</td>
                <td className="px-4 py-2">{formatDateOnly(c.validUntil)}</td>
                <td className="px-4 py-2">{c.psychiatrist.name}</td>
                <td className="px-4 py-2">
                  <Badge tone={TONES[c.state]}>{c.state}</Badge>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
