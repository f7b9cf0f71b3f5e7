import { addDays } from "date-fns";
import Link from "next/link";
import { Agenda } from "@/components/agenda";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requireStaff } from "@/lib/auth/session";
import { getClinic } from "@/lib/clinic/get-clinic";
import { adminSummary } from "@/lib/clinic/admin-summary";
import { formatClinicDate, startOfClinicDay } from "@/lib/format/clinic-time";
import { clinicAgenda, clinicianAgenda } from "@/lib/sessions/upcoming";
import { reachesEveryCouple } from "@/lib/auth/reach";
import { LateNotesOfClinic, NotesToWrite } from "@/components/notes/note-lists";
import { lateNotesOfClinic, notesToWrite } from "@/lib/notes/late-notes";

export const metadata = { title: "Today" };

export default async function TodayPage() {
  const staff = await requireStaff();
  const clinic = await getClinic(staff.clinicId);
  const today = startOfClinicDay(new Date(), clinic.timeZone);
  const isClinician = can(staff.roles, "clinical:read");

  return (
    <>
      <PageHeader title={`Good day, ${staff.name.split(" ")[0]}`} description={`${formatClinicDate(today, clinic.timeZone)} · times in ${clinic.timeZone}`} />
      <div className="space-y-10">
        {isClinician && (
          <section aria-labelledby="mine">
            <h2 id="mine" className="mb-3 text-lg font-semibold">
              Your sessions, the next 7 days
            </h2>
            <Agenda items={await clinicianAgenda(staff.id, today, addDays(today, 7))} timeZone={clinic.timeZone} empty="No sessions in the next 7 days." linkCouples />
          </section>
        )}
        {can(staff.roles, "note:write") && (
          <section aria-labelledby="notes-to-write">
            <h2 id="notes-to-write" className="mb-3 text-lg font-semibold">
              Notes to write
            </h2>
            <NotesToWrite notes={await notesToWrite(staff)} timeZone={clinic.timeZone} lateHours={clinic.noteLateHours} />
          </section>
        )}
        {reachesEveryCouple(staff, "couple:read") && (
          <section aria-labelledby="clinic-today">
            <h2 id="clinic-today" className="mb-3 text-lg font-semibold">
              Today at the clinic
            </h2>
            <Agenda items={await clinicAgenda(staff.clinicId, today, addDays(today, 1))} timeZone={clinic.timeZone} empty="Nothing is booked today." linkCouples />
          </section>
        )}
        {reachesEveryCouple(staff, "note:status") && (
          <section aria-labelledby="late-notes">
            <h2 id="late-notes" className="mb-3 text-lg font-semibold">
              Late notes at the clinic
            </h2>
            <LateNotesOfClinic notes={await lateNotesOfClinic(staff)} timeZone={clinic.timeZone} lateHours={clinic.noteLateHours} />
          </section>
        )}
        {can(staff.roles, "staff:manage") && <AdminSummary clinicId={staff.clinicId} />}
      </div>
    </>
  );
}

async function AdminSummary({ clinicId }: { clinicId: string }) {
  const { staffCount, activeRooms, dosingRooms } = await adminSummary(clinicId);
  return (
    <section aria-labelledby="admin" className="grid gap-4 sm:grid-cols-3">
      <h2 id="admin" className="sr-only">
        Clinic at a glance
      </h2>
      <Stat label="Active staff accounts" value={staffCount} href="/admin/staff" />
      <Stat label="Active rooms" value={activeRooms} href="/admin/rooms" />
      <Stat label="Dosing-equipped rooms" value={dosingRooms} href="/admin/rooms" />
    </section>
  );
}

function Stat({ label, value, href }: { label: string; value: number; href: string }) {
  return (
    <Link href={href} className="rounded-lg border border-stone-200 bg-white p-4 hover:border-brand-600">
      <p className="text-3xl font-semibold text-brand-900">{value}</p>
      <p className="text-sm text-stone-600">{label}</p>
    </Link>
  );
}
