import { formatClinicDateTime } from "@/lib/format/clinic-time";
import type { NoteContent, NoteShape } from "@/lib/notes/note-kinds";

/** A signed note, read-only: each field under its label, the integration's insight goal by goal. */
export function NoteText({ shape, content }: { shape: NoteShape; content: NoteContent }) {
  const block = (key: string, label: string, text: string) => (
    <div key={key} className="break-inside-avoid">
      <dt className="text-sm font-semibold text-stone-800">{label}</dt>
      <dd className="mt-1 text-sm whitespace-pre-wrap text-stone-900">{text.trim() ? text : <span className="text-stone-500">—</span>}</dd>
    </div>
  );
  const [first, ...rest] = shape.fields;
  const goals = content.goals ?? [];
  return (
    <dl className="space-y-4" data-testid="note-text">
      {shape.kind === "INTEGRATION" && first ? (
        <>
          {block(first.key, first.label, content.fields[first.key] ?? "")}
          {goals.map((g, i) => block(`goal-${i}`, g.goal ? `Goal: ${g.goal}` : "Insight", g.insight))}
          {rest.map((f) => block(f.key, f.label, content.fields[f.key] ?? ""))}
        </>
      ) : (
        shape.fields.map((f) => block(f.key, f.label, content.fields[f.key] ?? ""))
      )}
    </dl>
  );
}

/** "Signed by Maya Ortiz on Tue 3 Mar 2026, 10:42" */
export function signedLine(name: string, at: Date, timeZone: string): string {
  return `Signed by ${name} on ${formatClinicDateTime(at, timeZone)}`;
}

/** The addenda under a signed note, oldest first. */
export function Addenda({ addenda, timeZone }: { addenda: { id: string; authorName: string; text: string; signedAt: Date }[]; timeZone: string }) {
  if (addenda.length === 0) return null;
  return (
    <section aria-labelledby="addenda" className="mt-4 break-inside-avoid">
      <h3 id="addenda" className="mb-2 text-sm font-semibold text-stone-800">
        Addenda
      </h3>
      <ol className="space-y-2">
        {addenda.map((a) => (
          <li key={a.id} className="rounded-md border border-stone-200 bg-stone-50 p-3 text-sm print:border-stone-400" data-testid="note-addendum">
            <p className="whitespace-pre-wrap">{a.text}</p>
            <p className="mt-1 text-xs text-stone-600">{signedLine(a.authorName, a.signedAt, timeZone)}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}
