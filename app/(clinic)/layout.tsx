import { IdleSignOut } from "@/components/idle-sign-out";
import { Nav } from "@/components/nav";
import { requireStaff } from "@/lib/auth/session";
import { getClinic } from "@/lib/clinic/get-clinic";

export default async function ClinicLayout({ children }: { children: React.ReactNode }) {
  const staff = await requireStaff();
  const clinic = await getClinic(staff.clinicId);
  return (
    <>
      <IdleSignOut minutes={clinic.idleTimeoutMinutes} />
      <Nav name={staff.name} roles={staff.roles} clinicName={clinic.name} />
      <main className="mx-auto max-w-7xl px-6 py-8">{children}</main>
    </>
  );
}
