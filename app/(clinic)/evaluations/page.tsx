import Link from "next/link";
import { StatusBadge } from "@/components/session-badges";
import { Badge, EmptyState, PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/session";
import { evaluationsFor } from "@/lib/clearance/evaluations";
import { getClinic } from "@/lib/clinic/get-clinic";
import { formatClinicRange, formatDateOnly } from "@/lib/format/clinic-time";

export const metadata = { title: "Evaluations" };

const DECISIONS = { CLEARED: "Cleared", CLEARED_WITH_CONDITIONS: "Cleared with conditions", NOT_CLEARED: "Not cleared", DEFERRED: "Deferred" } as const;

export default async function EvaluationsPage() {
  const staff = await requirePermission("clearance:record");
  const clinic = await getClinic(staff.clinicId);
  const evaluations = await evaluationsFor(staff.id);
  return (
    <>
      <PageHeader title="Your medical evaluations" description="Each partner’s evaluation and the clearance it produced." />
      {evaluations.length === 0 ? (
        <EmptyState>You have no medical evaluations booked.</EmptyState>
      ) : (
        <table className="w-full rounded-lg border border-stone-200 bg-white text-sm">
          <caption className="sr-only">Medical evaluations</caption>
          <thead className="bg-stone-100 text-left text-stone-700">
            <tr>
              <th scope="col" className="px-4 py-2">When</th>
              <th scope="col" className="px-4 py-2">Partner</th>
              <th scope="col" className="px-4 py-2">Where</th>
              <th scope="col" className="px-4 py-2">Session</th>
              <th scope="col" className="px-4 py-2">Clearance</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {evaluations.map((e) => (
              <tr key={e.id} data-testid="evaluation-row">
                <td className="px-4 py-2 whitespace-nowrap">{formatClinicRange(e.startsAt, e.endsAt, clinic.timeZone)}</td>
                <td className="px-4 py-2">
                  <Link className="text-brand-700 underline" href={`/couples/${e.coupleId}`}>
                    {e.partner ? `${e.partner.firstName} ${e.partner.lastName}` : "—"}
                  </Link>
                </td>
                <td className="px-4 py-2">{e.room ?? "Telehealth"}</td>
                <td className="px-4 py-2">
                  <StatusBadge status={e.status} />
                </td>
                <td className="px-4 py-2">
                  {e.clearance ? (
                    <span>
                      <Link className="text-brand-700 underline" href={`/clearances/${e.clearance.id}`}>
                        <Badge tone={e.clearance.revocation ? "danger" : e.clearance.signedAt ? "brand" : "warn"}>
                          {e.clearance.revocation ? "Revoked" : e.clearance.signedAt ? DECISIONS[e.clearance.decision] : "Draft"}
                        </Badge>
                      </Link>{" "}
                      <span className="text-stone-600">until {formatDateOnly(e.clearance.validUntil)}</span>
                    </span>
                  ) : e.partner && e.status !== "CANCELLED" && e.status !== "NO_SHOW" ? (
                    <Link className="text-brand-700 underline" href={`/clearances/new?client=${e.partner.id}&evaluation=${e.id}`}>
                      Record clearance
                    </Link>
                  ) : (
                    <span className="text-stone-500">Not recorded</span>
                  )}
                  {e.partner && (
                    <Link className="ml-2 text-xs text-stone-600 underline" href={`/partners/${e.partner.id}/clearances`}>
                      history
                    </Link>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
