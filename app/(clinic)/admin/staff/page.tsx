import Link from "next/link";
import { Badge, PageHeader } from "@/components/ui/page-header";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/session";
import { listStaff } from "@/lib/staff/list-staff";
import { AddStaffForm } from "./_components/add-staff-form";

export const metadata = { title: "Staff" };

export default async function StaffPage() {
  const admin = await requirePermission("staff:manage");
  const staff = await listStaff(admin.clinicId);
  return (
    <>
      <PageHeader title="Staff" description="Everyone with an account at the clinic. Open a name to change roles, reset a password or deactivate." />
      <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
        <table className="w-full self-start rounded-lg border border-stone-200 bg-white text-sm">
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
                <td className="px-4 py-2 font-medium">
                  <Link href={`/admin/staff/${s.id}`} className="text-brand-700 underline">
                    {s.name}
                  </Link>
                </td>
                <td className="px-4 py-2">{s.email}</td>
                <td className="px-4 py-2">{s.roles.map((r) => ROLE_LABELS[r]).join(", ")}</td>
                <td className="px-4 py-2">{s.active ? <Badge tone="brand">Active</Badge> : <Badge tone="muted">Deactivated</Badge>}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <AddStaffForm />
      </div>
    </>
  );
}
