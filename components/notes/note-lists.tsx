import Link from "next/link";
import { Badge, EmptyState } from "@/components/ui/page-header";
import { formatClinicRange } from "@/lib/format/clinic-time";
import type { LateNote, NoteToWrite } from "@/lib/notes/late-notes";
import { SESSION_KIND_LABELS, type SessionKindName } from "@/lib/sessions/labels";

/** The Today page's list of the clinician's completed sessions without a signed note, oldest first (P13). */
export function NotesToWrite({ notes, timeZone, lateHours }: { notes: NoteToWrite[]; timeZone: string; lateHours: number }) {
  if (notes.length === 0) return <EmptyState>Every completed session of yours has its signed note.</EmptyState>;
  const late = notes.filter((n) => n.late).length;
  return (
    <>
      <p className="mb-2 text-sm text-stone-700">
        {late > 0 ? `${late} late: no signed note more than ${lateHours} hours after the session ended (P13). ` : ""}Oldest first.
      </p>
      <ul className="divide-y divide-stone-100 rounded-lg border border-stone-200 bg-white">
        {notes.map((n) => (
          <li key={n.sessionId} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-3 text-sm" data-testid="note-to-write">
            <span className="w-72">{formatClinicRange(n.startsAt, n.endsAt, timeZone)}</span>
            <span className="w-56 font-medium">{SESSION_KIND_LABELS[n.kind as SessionKindName]}</span>
            <Link className="w-56 text-brand-700 underline" href={`/couples/${n.coupleId}`}>
              {n.couple}
            </Link>
            <span className="text-stone-600">{n.draft ? (n.draft.mine ? "Draft" : `Draft by ${n.draft.author}`) : "Not started"}</span>
            {n.late && <Badge tone="danger">Late (P13)</Badge>}
            <Link className="ml-auto rounded-md bg-brand-600 px-3 py-1 font-medium text-white hover:bg-brand-700" href={`/sessions/${n.sessionId}/note`}>
              {n.draft?.mine ? "Continue note" : "Write note"}
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}

/** For the front desk: which notes of the clinic are late, whose and which session; never what they say. */
export function LateNotesOfClinic({ notes, timeZone, lateHours }: { notes: LateNote[]; timeZone: string; lateHours: number }) {
  if (notes.length === 0) return <EmptyState>No note is late.</EmptyState>;
  return (
    <table className="w-full rounded-lg border border-stone-200 bg-white text-sm">
      <caption className="sr-only">Completed sessions without a signed note more than {lateHours} hours after they ended, oldest first</caption>
      <thead className="bg-stone-100 text-left text-stone-700">
        <tr>
          <th scope="col" className="px-4 py-2">Session</th>
          <th scope="col" className="px-4 py-2">When</th>
          <th scope="col" className="px-4 py-2">Couple</th>
          <th scope="col" className="px-4 py-2">Clinician</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-stone-100">
        {notes.map((n) => (
          <tr key={n.sessionId} data-testid="late-note">
            <td className="px-4 py-2">{SESSION_KIND_LABELS[n.kind as SessionKindName]}</td>
            <td className="px-4 py-2">{formatClinicRange(n.startsAt, n.endsAt, timeZone)}</td>
            <td className="px-4 py-2">
              <Link className="text-brand-700 underline" href={`/couples/${n.coupleId}`}>
                {n.couple}
              </Link>
            </td>
            <td className="px-4 py-2">{n.clinicians.join(", ")}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
