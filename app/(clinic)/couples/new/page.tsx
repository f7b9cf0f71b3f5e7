import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/session";
import { listClinicians } from "@/lib/staff/clinicians";
import { createCoupleAction } from "../actions";
import { CoupleForm } from "../_components/couple-form";

export const metadata = { title: "New couple" };

export default async function NewCouplePage() {
  const staff = await requirePermission("couple:write");
  const therapists = await listClinicians(staff.clinicId, "THERAPIST");
  return (
    <>
      <PageHeader title="New couple" description="Both partners, their contact details and their therapists." />
      <CoupleForm therapists={therapists} action={createCoupleAction} />
    </>
  );
}
