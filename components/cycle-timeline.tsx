import { addClinicDays, clinicDate, formatClinicDay, formatClinicTimeRange } from "@/lib/protocol/calendar";
import { isMedicine } from "@/lib/protocol/cycle";
import { SESSION_KIND_LABELS, type SessionKindName, type SessionStatusName } from "@/lib/sessions/labels";
import { StatusBadge } from "./session-badges";

type TimelineSession = {
  id: string;
  kind: SessionKindName;
  status: SessionStatusName;
  startsAt: Date;
  endsAt: Date;
  journeyer: string | null;
  medicineSessionId: string | null;
};

/**
 * A cycle's sessions in order. After each medicine session, its integration window (P4) is a
 * band naming the days the integration must fall on, and whether it does.
 */
export function CycleTimeline({ sessions, timeZone: tz, window }: { sessions: TimelineSession[]; timeZone: string; window: { min: number; max: number } }) {
  const ordered = [...sessions].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  return (
    <ol className="relative space-y-2 border-l-2 border-brand-100 pl-4" aria-label="Cycle timeline">
      {ordered.map((s) => {
        const medicine = isMedicine(s);
        const integration = medicine ? ordered.find((i) => i.medicineSessionId === s.id && i.status !== "CANCELLED") : undefined;
        const first = addClinicDays(clinicDate(s.startsAt, tz), window.min, tz);
        const last = addClinicDays(clinicDate(s.startsAt, tz), window.max, tz);
        const day = integration ? clinicDate(integration.startsAt, tz) : null;
        const inside = day !== null && day >= first && day <= last;
        return (
          <li key={s.id} className={s.status === "CANCELLED" ? "opacity-60" : undefined}>
            <div className="flex flex-wrap items-center gap-2 text-sm" data-testid="timeline-session">
              <span className={`-ml-[1.4rem] h-3 w-3 rounded-full ${medicine ? "bg-violet-600" : "bg-brand-600"}`} aria-hidden />
              <span className="w-44 font-mono text-xs text-stone-600">
                {formatClinicDay(s.startsAt, tz)} {formatClinicTimeRange(s.startsAt, s.endsAt, tz)}
              </span>
              <span className="font-medium">{SESSION_KIND_LABELS[s.kind]}</span>
              {s.journeyer && <span className="text-stone-600">{s.journeyer} journeys</span>}
              <StatusBadge status={s.status} />
            </div>
            {medicine && s.status !== "CANCELLED" && (
              <div className="mt-1 rounded border border-violet-200 bg-violet-50 px-3 py-1 text-xs text-violet-900" data-testid="integration-window">
                Integration window (P4): {formatClinicDay(first, tz)} – {formatClinicDay(last, tz)}
                {" · "}
                {integration ? (inside ? `integration booked on ${formatClinicDay(day!, tz)}, inside the window` : `integration on ${formatClinicDay(day!, tz)} is OUTSIDE the window`) : "no integration booked yet"}
              </div>
            )}
          </li>
        );
      })}
    </ol>
  );
}
