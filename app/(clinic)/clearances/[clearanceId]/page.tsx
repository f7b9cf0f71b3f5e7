import Link from "next/link";
import { Badge, PageHeader } from "@/components/ui/page-header";
import { requireReadPermission } from "@/lib/audit/record-read";
import { can } from "@/lib/auth/permissions";
import { partnerDisplayName } from "@/lib/clearance/access";
import { getClearanceForStaff } from "@/lib/clearance/get-clearance";
import { DECISION_LABELS, ROUTE_LABELS, SCREENING_GROUPS } from "@/lib/clearance/screening";
import { formatClinicDateTime, formatDateOnly } from "@/lib/format/clinic-time";
import { RevokeForm } from "../_components/revoke-form";
import { SignForm } from "../_components/sign-form";
import { loadOrNotFound } from "@/lib/pages/load-or-not-found";

export const metadata = { title: "Clearance" };

const MODEL_LABELS = { TAKING_TURNS: "Taking Turns", LOW_DOSE_TOGETHER: "Low Dose Together" } as const;

export default async function ClearancePage({ params }: { params: Promise<{ clearanceId: string }> }) {
  const { clearanceId } = await params;
  // A refused attempt (the front desk, say) is audited before the forbidden page (P11).
  const staff = await requireReadPermission("clearance:read", { entity: "Clearance", entityId: clearanceId });
  // The loader audits the read it shows; a refused one is audited here.
  const c = await loadOrNotFound(clearanceId, (id) => getClearanceForStaff(staff, id), { staff, entity: "Clearance" });
  const name = partnerDisplayName(c.client);
  const psychiatrist = can(staff.roles, "clearance:record");
  const signed = c.signedAt !== null;
  const supersededBySigned = c.supersededBy?.signedAt != null;
  const status = c.revocation
    ? { label: "Revoked", tone: "danger" as const }
    : !signed
      ? { label: "Draft, not signed", tone: "warn" as const }
      : supersededBySigned
        ? { label: "Superseded", tone: "muted" as const }
        : c.inForce
          ? { label: "In force", tone: "brand" as const }
          : { label: "Not in force", tone: "neutral" as const };

  return (
    <>
      <PageHeader
        title={`Clearance: ${name}`}
        description={
          <Link className="text-brand-700 underline" href={`/partners/${c.clientId}/clearances`}>
            {name}’s clearance history
          </Link>
        }
      />
      <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
        <article className="space-y-5 rounded-lg border border-stone-200 bg-white p-4 text-sm" aria-label="Clearance record">
          <p className="flex flex-wrap items-center gap-2">
            <span data-testid="clearance-status">
              <Badge tone={status.tone}>{status.label}</Badge>
            </span>
            <span className="font-medium">{DECISION_LABELS[c.decision]}</span>
            <span className="text-stone-600">· evaluated {formatDateOnly(c.evaluatedOn)} by {c.psychiatrist.name}</span>
          </p>
          {c.supersedes && (
            <p>
              Amends the clearance of {formatDateOnly(c.supersedes.evaluatedOn)}:{" "}
              <Link className="text-brand-700 underline" href={`/clearances/${c.supersedes.id}`}>
                open it
              </Link>
            </p>
          )}
          {c.supersededBy && (
            <p>
              {c.supersededBy.signedAt ? "Superseded by an amendment" : "A draft amendment is being prepared"}:{" "}
              <Link className="text-brand-700 underline" href={`/clearances/${c.supersededBy.id}`}>
                open it
              </Link>
            </p>
          )}
          {c.revocation && (
            <p className="rounded border border-red-200 bg-red-50 p-3 text-red-900" data-testid="revocation">
              Revoked {formatClinicDateTime(c.revocation.revokedAt, c.timeZone)} by {c.revocation.revokedBy.name}: {c.revocation.reason}
            </p>
          )}
          <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2">
            <dt className="text-stone-600">Blood pressure</dt>
            <dd>
              {c.systolic}/{c.diastolic} mmHg
            </dd>
            <dt className="text-stone-600">Heart rate</dt>
            <dd>{c.heartRate} beats per minute</dd>
            <dt className="text-stone-600">Models</dt>
            <dd>{c.models.length ? c.models.map((m) => MODEL_LABELS[m]).join(", ") : "None"}</dd>
            <dt className="text-stone-600">Maximum dose</dt>
            <dd>{c.maxDoseMg !== null ? `${c.maxDoseMg} mg` : "—"}</dd>
            <dt className="text-stone-600">Route</dt>
            <dd>{c.route ? ROUTE_LABELS[c.route] : "—"}</dd>
            <dt className="text-stone-600">Valid until</dt>
            <dd>{formatDateOnly(c.validUntil)}</dd>
            <dt className="text-stone-600">Conditions</dt>
            <dd>{c.conditions || "None"}</dd>
            <dt className="text-stone-600">Signed</dt>
            <dd>{c.signedAt ? `${formatClinicDateTime(c.signedAt, c.timeZone)} by ${c.psychiatrist.name}` : "Not yet"}</dd>
          </dl>
          <section aria-labelledby="screening">
            <h2 id="screening" className="mb-2 font-semibold">
              Screening checklist
            </h2>
            <ul className="grid gap-x-6 gap-y-1 sm:grid-cols-2">
              {SCREENING_GROUPS.flatMap((g) =>
                g.items.map((i) => (
                  <li key={i.key}>
                    {i.label}: <strong>{c.screening[i.key] ? "present" : "absent"}</strong>
                  </li>
                )),
              )}
            </ul>
          </section>
        </article>
        {psychiatrist && (
          <aside className="space-y-4" aria-label="Actions">
            {!signed && c.psychiatristId === staff.id && (
              <>
                <SignForm clearanceId={c.id} />
                <Link className="text-sm text-brand-700 underline" href={`/clearances/new?client=${c.clientId}&draft=${c.id}`}>
                  Change the draft
                </Link>
              </>
            )}
            {signed && !c.revocation && !c.supersededBy && (
              <Link className="inline-flex rounded-md border border-stone-300 bg-white px-4 py-2 text-sm font-medium" href={`/clearances/new?client=${c.clientId}&amends=${c.id}`}>
                Amend clearance
              </Link>
            )}
            {signed && !c.revocation && !supersededBySigned && <RevokeForm clearanceId={c.id} partnerName={name} />}
          </aside>
        )}
      </div>
    </>
  );
}
