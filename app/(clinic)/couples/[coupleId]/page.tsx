import { notFound } from "next/navigation";
import { StatusBadge } from "@/components/session-badges";
import { Badge, EmptyState, PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/session";
import { getClinic } from "@/lib/clinic/get-clinic";
import { seesClinicalContent } from "@/lib/couples/access";
import { getCoupleForStaff } from "@/lib/couples/get-couple";
import { coupleNames } from "@/lib/couples/list-couples";
import { NotFoundError } from "@/lib/errors";
import { formatClinicRange } from "@/lib/format/clinic-time";
import { FORMAT_LABELS, MODEL_LABELS, SESSION_KIND_LABELS } from "@/lib/sessions/labels";

export const metadata = { title: "Couple" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function CouplePage({ params }: { params: Promise<{ coupleId: string }> }) {
  const staff = await requirePermission("couple:read");
  const { coupleId } = await params;
  if (!UUID.test(coupleId)) notFound();
  const clinic = await getClinic(staff.clinicId);
  const couple = await getCoupleForStaff(staff, coupleId).catch((error) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const clinical = seesClinicalContent(staff);
  const partnerName = (id: string) => (id === couple.partnerAId ? couple.partnerA.firstName : couple.partnerB.firstName);

  return (
    <>
      <PageHeader title={coupleNames(couple.partnerA, couple.partnerB)} description={`Couple’s therapist: ${couple.couplesTherapist.name}`} />
      <section aria-labelledby="partners" className="mb-8">
        <h2 id="partners" className="mb-3 text-lg font-semibold">
          Partners
        </h2>
        <div className="grid gap-4 sm:grid-cols-2">
          {[
            { p: couple.partnerA, kap: couple.partnerAKapTherapist },
            { p: couple.partnerB, kap: couple.partnerBKapTherapist },
          ].map(({ p, kap }) => (
            <div key={p.id} className="rounded-lg border border-stone-200 bg-white p-4 text-sm">
              <p className="font-medium">
                {p.firstName} {p.lastName}
              </p>
              <p className="text-stone-600">{p.email ?? "No email"}</p>
              <p className="text-stone-600">{p.phone ?? "No phone"}</p>
              <p className="mt-2 text-stone-700">KAP therapist: {kap.name}</p>
            </div>
          ))}
        </div>
      </section>

      <section aria-labelledby="cycles" className="mb-8">
        <h2 id="cycles" className="mb-3 text-lg font-semibold">
          KAP cycles
        </h2>
        {couple.cycles.length === 0 ? (
          <EmptyState>No KAP cycle yet: this couple is in couples therapy only.</EmptyState>
        ) : (
          <ul className="space-y-2">
            {couple.cycles.map((cycle) => (
              <li key={cycle.id} className="rounded-lg border border-stone-200 bg-white p-4 text-sm" data-testid="cycle">
                <p className="font-medium">
                  {MODEL_LABELS[cycle.model]} · {FORMAT_LABELS[cycle.format]} <Badge>{cycle.status.toLowerCase()}</Badge>
                </p>
                <p className="text-stone-600">{cycle.plannedSessionCount} sessions planned</p>
                {clinical && cycle.sharedGoals && <p className="mt-2">Shared goals: {cycle.sharedGoals}</p>}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="sessions">
        <h2 id="sessions" className="mb-3 text-lg font-semibold">
          Sessions
        </h2>
        {couple.sessions.length === 0 ? (
          <EmptyState>No sessions booked.</EmptyState>
        ) : (
          <table className="w-full rounded-lg border border-stone-200 bg-white text-sm">
            <caption className="sr-only">Sessions of this couple</caption>
            <thead className="bg-stone-100 text-left text-stone-700">
              <tr>
                <th scope="col" className="px-4 py-2">When</th>
                <th scope="col" className="px-4 py-2">Session</th>
                <th scope="col" className="px-4 py-2">Who</th>
                <th scope="col" className="px-4 py-2">Room</th>
                <th scope="col" className="px-4 py-2">Status</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {couple.sessions.map((s) => (
                <tr key={s.id} data-testid="session-row">
                  <td className="px-4 py-2 whitespace-nowrap">{formatClinicRange(s.startsAt, s.endsAt, clinic.timeZone)}</td>
                  <td className="px-4 py-2">
                    {SESSION_KIND_LABELS[s.kind]}
                    {s.journeyerId && <span className="text-stone-600"> · {partnerName(s.journeyerId)} journeys</span>}
                  </td>
                  <td className="px-4 py-2">
                    {s.attendees.map((a) => partnerName(a.clientId)).join(" & ")} with {s.clinicians.map((c) => c.user.name).join(", ")}
                  </td>
                  <td className="px-4 py-2">{s.room?.name ?? "Telehealth"}</td>
                  <td className="px-4 py-2">
                    <StatusBadge status={s.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
