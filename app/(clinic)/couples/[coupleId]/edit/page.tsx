import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/session";
import { getCoupleForStaff } from "@/lib/couples/get-couple";
import { coupleNames } from "@/lib/couples/list-couples";
import { listClinicians } from "@/lib/staff/clinicians";
import { CoupleForm } from "../../_components/couple-form";
import { updateCoupleAction } from "../actions";
import { loadOrNotFound } from "@/lib/pages/load-or-not-found";

export const metadata = { title: "Edit couple" };


export default async function EditCouplePage({ params }: { params: Promise<{ coupleId: string }> }) {
  const staff = await requirePermission("couple:write");
  const { coupleId } = await params;
  const couple = await loadOrNotFound(coupleId, (id) => getCoupleForStaff(staff, id, "couple:write"), { staff, entity: "Couple", shown: true });
  const therapists = await listClinicians(staff.clinicId, "THERAPIST");
  const values = (p: typeof couple.partnerA) => ({ firstName: p.firstName, lastName: p.lastName, email: p.email, phone: p.phone, remindersOptOut: p.remindersOptOut });
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
