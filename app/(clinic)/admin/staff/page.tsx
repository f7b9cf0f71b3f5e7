import { Badge, PageHeader } from "@/components/ui/page-header";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/session";
import { listStaff } from "@/lib/staff/list-staff";

export const metadata = { title: "Staff" };

export default async function StaffPage() {
  const admin = await requirePermission("staff:manage");
  const staff = await listStaff(admin.clinicId);
  return (
    <>
      <PageHeader title="Staff" description="Everyone with an account at the clinic." />
      <table className="w-full rounded-lg border border-stone-200 bg-white text-sm">
        <caption className="sr-only">Staff accounts</caption>
        <thead className="bg-stone-100 text-left text-stone-700">
          <tr>
            <th scope="col" className="px-4 py-2">Name</th>
            <th scope="col" className="px-4 py-2">Email</th>
            <th scope="col" className="px-4 py-2">Roles</th>
            <th scope="col" className="px-4 py-2">Account</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {staff.map((s) => (
            <tr key={s.id} data-testid="staff-row">
              <td className="px-4 py-2 font-medium">{s.name}</td>
              <td className="px-4 py-2">{s.email}</td>
              <td className="px-4 py-2">{s.roles.map((r) => ROLE_LABELS[r]).join(", ")}</td>
              <td className="px-4 py-2">{s.active ? <Badge tone="brand">Active</Badge> : <Badge tone="muted">Deactivated</Badge>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
