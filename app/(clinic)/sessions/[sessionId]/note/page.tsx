import Link from "next/link";
import { StatusBadge } from "@/components/session-badges";
import { Badge, EmptyState, PageHeader } from "@/components/ui/page-header";
import { requireReadPermission } from "@/lib/audit/record-read";
import { formatClinicRange } from "@/lib/format/clinic-time";
import { getSessionNote, type SessionNoteView } from "@/lib/notes/get-session-note";
import { EVALUATION_HAS_NO_NOTE, type NoteShape } from "@/lib/notes/note-kinds";
import { loadOrNotFound } from "@/lib/pages/load-or-not-found";
import { SESSION_KIND_LABELS, SESSION_STATUS_LABELS } from "@/lib/sessions/labels";
import { AddendumForm } from "./_components/addendum-form";
import { NoteEditor } from "./_components/note-editor";
import { Addenda, NoteText, signedLine } from "@/components/notes/note-text";

export const metadata = { title: "Session note" };

/**
 * A session's note (P13), shaped by the session's kind: the author's draft in the editor (saved
 * on the server as they type), anyone else's draft only as "being written", a signed note
 * read-only with its addenda. Readers are the note's reach (lib/auth/reach.ts); the read is audited.
 */
export default async function SessionNotePage({ params }: { params: Promise<{ sessionId: string }> }) {
  const { sessionId } = await params;
  const staff = await requireReadPermission("note:read", { entity: "SessionNote", entityId: sessionId });
  const view = await loadOrNotFound(sessionId, (id) => getSessionNote(staff, id), { staff, entity: "SessionNote" });
  const { session, timeZone: tz, shape, note } = view;
  return (
    <>
      <PageHeader
        title={`${shape?.title ?? "Session note"}: ${session.couple}`}
        description={
          <>
            {SESSION_KIND_LABELS[session.kind]} · {formatClinicRange(session.startsAt, session.endsAt, tz)} · <StatusBadge status={session.status} /> · with{" "}
            {session.clinicians.join(", ")} ·{" "}
            <Link className="text-brand-700 underline" href={`/couples/${session.coupleId}`}>
              the couple
            </Link>
          </>
        }
      />
      {view.late && (
        <p className="mb-4" data-testid="note-late">
          <Badge tone="danger">Late (P13): no signed note {view.lateHours} hours after the session ended</Badge>
        </p>
      )}
      {session.isMedicine && <DosingLinks view={view} />}
      <Body view={view} shape={shape} note={note} />
    </>
  );
}

function Body({ view, shape, note }: { view: SessionNoteView; shape: NoteShape | null; note: SessionNoteView["note"] }) {
  const { session, timeZone: tz } = view;
  switch (view.state) {
    case "no-note-for-kind":
      return (
        <EmptyState>
          {EVALUATION_HAS_NO_NOTE}{" "}
          {session.partners.map((p) => (
            <Link key={p.id} className="text-brand-700 underline" href={`/partners/${p.id}/clearances`}>
              {p.name}’s clearances
            </Link>
          ))}
        </EmptyState>
      );
    case "not-completed":
      return <EmptyState>A note is written once the session is completed (P13). This session is {SESSION_STATUS_LABELS[session.status].toLowerCase()}.</EmptyState>;
    case "other-draft":
      return <EmptyState>{note!.authorName} is writing this note. It is a draft, not signed yet, and only its author sees it.</EmptyState>;
    case "none":
    case "own-draft":
      if (!view.writer || !shape) return <EmptyState>No note yet: {session.clinicians.join(" or ")} writes it.</EmptyState>;
      return (
        <NoteEditor
          sessionId={session.id}
          timeZone={tz}
          fields={shape.fields}
          goals={shape.goals}
          initial={initialValues(shape, note?.content)}
          savedAt={note ? note.updatedAt.toISOString() : null}
        />
      );
    case "signed":
      return (
        <article className="space-y-4">
          <div className="rounded-lg border border-stone-200 bg-white p-4">
            <p className="mb-4 text-sm text-stone-700" data-testid="note-signed">
              <Badge tone="brand">Signed</Badge> {signedLine(note!.authorName, note!.signedAt!, tz)}. A signed note is never changed; a correction is an addendum.
            </p>
            <NoteText shape={shape!} content={note!.content} />
            <Addenda addenda={view.addenda} timeZone={tz} />
          </div>
          {view.writer && <AddendumForm sessionId={session.id} />}
        </article>
      );
  }
}

/** The editor's starting text: the draft's fields, and each goal's insight found by its goal. */
function initialValues(shape: NoteShape, content?: { fields: Record<string, string>; goals?: { goal: string; insight: string }[] }) {
  const fields = Object.fromEntries(shape.fields.map((f) => [f.key, content?.fields[f.key] ?? ""]));
  const goals = shape.goals === null ? [] : shape.goals.length > 0 ? shape.goals : [""];
  return { fields, insights: goals.map((goal) => content?.goals?.find((g) => g.goal === goal)?.insight ?? "") };
}

/** The medicine session's note links that day's dosing record (P13). */
function DosingLinks({ view }: { view: SessionNoteView }) {
  return (
    <p className="mb-4 text-sm text-stone-700" data-testid="note-dosing">
      That day’s dosing record{view.dosing.length > 0 ? ` (${view.dosing.map((d) => d.partner).join(", ")})` : ": none recorded"}:{" "}
      <Link className="text-brand-700 underline" href={`/sessions/${view.session.id}/dosing`}>
        open the dosing day
      </Link>
    </p>
  );
}
