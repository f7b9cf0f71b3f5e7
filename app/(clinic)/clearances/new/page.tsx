import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/session";
import { clearanceFormContext } from "@/lib/clearance/form-context";
import { NotFoundError } from "@/lib/errors";
import { ClearanceForm } from "../_components/clearance-form";

export const metadata = { title: "Record a clearance" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const id = (v: string | string[] | undefined) => (typeof v === "string" && UUID.test(v) ? v : undefined);

export default async function NewClearancePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const staff = await requirePermission("clearance:record");
  const q = await searchParams;
  const clientId = id(q.client);
  if (!clientId) notFound();
  const context = await clearanceFormContext(staff, { clientId, evaluationId: id(q.evaluation), amendsId: id(q.amends), draftId: id(q.draft) }).catch((error) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
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
