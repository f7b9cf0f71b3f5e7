import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { isRecordId } from "@/lib/auth/reach-check";
import { requirePermission } from "@/lib/auth/session";
import { clearanceFormContext } from "@/lib/clearance/form-context";
import { ClearanceForm } from "../_components/clearance-form";
import { loadOrNotFound } from "@/lib/pages/load-or-not-found";

export const metadata = { title: "Record a clearance" };

const id = (v: string | string[] | undefined) => (isRecordId(v) ? v : undefined);

export default async function NewClearancePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const staff = await requirePermission("clearance:record");
  const q = await searchParams;
  const context = await loadOrNotFound(
    id(q.client) ?? "",
    (clientId) => clearanceFormContext(staff, { clientId, evaluationId: id(q.evaluation), amendsId: id(q.amends), draftId: id(q.draft) }),
    { staff, entity: "Client" },
  );
  const title = context.draftId ? "Finish the draft clearance" : context.supersedesId ? "Amend the clearance" : "Record a clearance";
  return (
    <>
      <PageHeader
        title={`${title}: ${context.partner.name}`}
        description={
          <>
            {context.supersedesId ? "The amendment supersedes the signed clearance once you sign it; the old one stays in the history. " : null}
            <Link className="text-brand-700 underline" href={`/partners/${context.partner.id}/clearances`}>
              Clearance history
            </Link>
          </>
        }
      />
      <ClearanceForm
        clientId={context.partner.id}
        evaluationSessionId={context.evaluationSessionId}
        supersedesId={context.supersedesId}
        draftId={context.draftId}
        validityDays={context.validityDays}
        defaults={context.defaults}
      />
    </>
  );
}
