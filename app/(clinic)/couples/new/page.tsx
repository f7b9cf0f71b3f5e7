import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/session";
import { listClinicians } from "@/lib/staff/clinicians";
import { NewCoupleForm } from "../_components/new-couple-form";

export const metadata = { title: "New couple" };

export default async function NewCouplePage() {
  const staff = await requirePermission("couple:write");
  const therapists = await listClinicians(staff.clinicId, "THERAPIST");
  return (
    <>
      <PageHeader title="New couple" description="Both partners, their contact details and their therapists." />
      <NewCoupleForm therapists={therapists} />
    </>
  );
}
