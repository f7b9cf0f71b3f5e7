import type { SessionInClosure } from "@/lib/clinic/closures";

/** The booked sessions inside a closure: they stay booked, for the front desk to call about. */
export function SessionsInside({ sessions }: { sessions: SessionInClosure[] }) {
  if (sessions.length === 0) return <p className="mt-2 text-stone-600">No booked sessions inside it.</p>;
  return (
    <div className="mt-2" data-testid="sessions-inside">
      <p className="font-medium text-amber-900">
        {sessions.length === 1 ? "1 booked session is" : `${sessions.length} booked sessions are`} inside it and stay booked:
      </p>
      <ul className="mt-1 list-disc pl-5">
        {sessions.map((s) => (
          <li key={s.id}>
            {s.when} · {s.kind} · {s.room}
            {s.couple ? ` · ${s.couple}` : ""}
          </li>
        ))}
      </ul>
    </div>
  );
}
