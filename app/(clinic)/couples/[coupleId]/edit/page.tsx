import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/session";
import { getCoupleForStaff } from "@/lib/couples/get-couple";
import { coupleNames } from "@/lib/couples/list-couples";
import { NotFoundError } from "@/lib/errors";
import { listClinicians } from "@/lib/staff/clinicians";
import { CoupleForm } from "../../_components/couple-form";
import { updateCoupleAction } from "../actions";

export const metadata = { title: "Edit couple" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function EditCouplePage({ params }: { params: Promise<{ coupleId: string }> }) {
  const staff = await requirePermission("couple:write");
  const { coupleId } = await params;
  if (!UUID.test(coupleId)) notFound();
  const couple = await getCoupleForStaff(staff, coupleId).catch((e) => (e instanceof NotFoundError ? notFound() : Promise.reject(e)));
  const therapists = await listClinicians(staff.clinicId, "THERAPIST");
  const values = (p: typeof couple.partnerA) => ({ firstName: p.firstName, lastName: p.lastName, email: p.email, phone: p.phone });
  return (
    <>
      <PageHeader title={`Edit ${coupleNames(couple.partnerA, couple.partnerB)}`} />
      <CoupleForm
        therapists={therapists}
        action={updateCoupleAction}
        initial={{
          coupleId: couple.id,
          partnerA: values(couple.partnerA),
          partnerB: values(couple.partnerB),
          couplesTherapistId: couple.couplesTherapistId,
          partnerAKapTherapistId: couple.partnerAKapTherapistId,
          partnerBKapTherapistId: couple.partnerBKapTherapistId,
        }}
      />
    </>
  );
}
