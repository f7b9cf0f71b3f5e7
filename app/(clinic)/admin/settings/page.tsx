import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/session";
import { getClinic } from "@/lib/clinic/get-clinic";
import { clinicSettingsOf } from "@/lib/clinic/settings-input";
import { SettingsForm } from "./_components/settings-form";

export const metadata = { title: "Settings" };

export default async function SettingsPage() {
  const admin = await requirePermission("settings:manage");
  const clinic = await getClinic(admin.clinicId);
  return (
    <>
      <PageHeader
        title="Clinic settings"
        description="The protocol's settings (PROTOCOL.md) and the clinic's limits. A change applies to every booking, move and check-in from now on."
      />
      <SettingsForm settings={clinicSettingsOf(clinic)} />
    </>
  );
}
