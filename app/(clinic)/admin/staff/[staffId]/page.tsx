import Link from "next/link";
import { Badge, PageHeader } from "@/components/ui/page-header";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/session";
import { getClinic } from "@/lib/clinic/get-clinic";
import { formatClinicDateTime } from "@/lib/format/clinic-time";
import { feedName, liveFeedsOf } from "@/lib/feeds/manage-feeds";
import { getStaffMember } from "@/lib/staff/list-staff";
import { ActiveForm, PasswordForm, ResetLinkForm, RolesForm } from "../_components/account-forms";
import { StaffFeeds } from "../_components/staff-feeds";
import { loadOrNotFound } from "@/lib/pages/load-or-not-found";

export const metadata = { title: "Staff member" };


export default async function StaffMemberPage({ params }: { params: Promise<{ staffId: string }> }) {
  const admin = await requirePermission("staff:manage");
  const { staffId } = await params;
  const clinic = await getClinic(admin.clinicId);
  const member = await loadOrNotFound(staffId, (id) => getStaffMember(admin, id));
  const feeds = await liveFeedsOf(member.id, admin.clinicId);
  const when = (d: Date) => formatClinicDateTime(d, clinic.timeZone);
  return (
    <>
      <PageHeader
        title={member.name}
        description={`${member.email} · ${member.roles.map((r) => ROLE_LABELS[r]).join(", ")} · last sign-in ${
          member.lastSignInAt ? formatClinicDateTime(member.lastSignInAt, clinic.timeZone) : "never"
        }`}
      />
      <p className="mb-4 text-sm">
        {member.active ? <Badge tone="brand">Active</Badge> : <Badge tone="muted">Deactivated</Badge>}{" "}
        <Link href={`/admin/audit?person=${member.id}`} className="text-brand-700 underline">
          Their activity in the audit log
        </Link>
      </p>
      <div className="grid gap-6 lg:grid-cols-2">
        <RolesForm key={member.roles.join()} staffId={member.id} roles={member.roles} />
        <ActiveForm key={String(member.active)} staffId={member.id} active={member.active} />
        <ResetLinkForm staffId={member.id} />
        <PasswordForm staffId={member.id} />
        <StaffFeeds
          staffName={member.name}
          feeds={feeds.map((f) => ({ id: f.id, name: feedName(f), created: when(f.createdAt), lastFetched: f.lastFetchedAt && when(f.lastFetchedAt) }))}
        />
      </div>
    </>
  );
}
