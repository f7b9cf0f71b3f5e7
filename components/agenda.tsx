import Link from "next/link";
import { formatClinicDate, formatClinicTime } from "@/lib/format/clinic-time";
import { SESSION_KIND_LABELS, type SessionKindName, type SessionStatusName } from "@/lib/sessions/labels";
import type { AgendaItem } from "@/lib/sessions/upcoming";
import { EmptyState } from "./ui/page-header";
import { StatusBadge } from "./session-badges";

/** A list of sessions grouped by clinic-local day. */
export function Agenda({ items, timeZone, empty, linkCouples }: { items: AgendaItem[]; timeZone: string; empty: string; linkCouples: boolean }) {
  if (items.length === 0) return <EmptyState>{empty}</EmptyState>;
  const days = new Map<string, AgendaItem[]>();
  for (const item of items) {
    const day = formatClinicDate(item.startsAt, timeZone);
    days.set(day, [...(days.get(day) ?? []), item]);
  }
  return (
    <div className="space-y-6">
      {[...days].map(([day, sessions]) => (
        <section key={day} aria-label={day}>
          <h3 className="mb-2 text-sm font-semibold text-stone-700">{day}</h3>
          <ul className="divide-y divide-stone-100 rounded-lg border border-stone-200 bg-white">
            {sessions.map((s) => (
              <li key={s.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-3 text-sm" data-testid="agenda-item">
                <span className="w-28 font-mono text-stone-700">
                  {formatClinicTime(s.startsAt, timeZone)}–{formatClinicTime(s.endsAt, timeZone)}
                </span>
                <span className="w-56 font-medium">{SESSION_KIND_LABELS[s.kind as SessionKindName]}</span>
                <span className="w-56">
                  {linkCouples ? (
                    <Link className="text-brand-700 underline" href={`/couples/${s.coupleId}`}>
                      {s.couple}
                    </Link>
                  ) : (
                    s.couple
                  )}
                </span>
                <span className="w-24 text-stone-600">{s.room ?? "Telehealth"}</span>
                <span className="text-stone-600">{s.clinicians.join(", ")}</span>
                <span className="ml-auto">
                  <StatusBadge status={s.status as SessionStatusName} />
                </span>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

