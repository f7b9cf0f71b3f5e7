import { addDays, addHours } from "date-fns";
import type { Tx } from "../../lib/db/prisma";
import { noteShapeOf, parseNoteInput, type NoteShape } from "../../lib/notes/note-kinds";
import { isMedicine } from "../../lib/protocol/cycle";

// The demo's session notes (P13): every completed session has its signed note, written by its
// clinician a few hours after it ended, except
// - Sam & Jordan Rivera (mid Taking Turns): none yet, so a therapist can write and sign the note
//   of each kind of session in the demo (and the end-to-end tests do);
// - Drew & Skyler Patel's latest completed medicine session: a draft left unsigned, past the
//   clinic's 72 hours, so the Today page shows a late note.
// Brooks' first integration note carries an addendum. No real person's words: plain examples.

const LEFT_TO_WRITE = "Rivera";
const LATE_DRAFT = "Patel";

type Partner = { id: string; firstName: string; preferredName: string | null; lastName: string };
const label = (p: Partner) => p.preferredName ?? p.firstName;

/** Example text for each field, in the clinic's register. */
function example(key: string, names: { a: string; b: string; journeyer?: string; sitter?: string }): string {
  const { a, b, journeyer = a, sitter = b } = names;
  const texts: Record<string, string> = {
    personalHistory: `${a} grew up in a large family; describes a close but conflict-avoidant home. No prior psychedelic experience.`,
    intentions: `To stay in the conversation when conflict starts instead of shutting down; to understand the fear under it.`,
    readiness: `Motivated and well resourced; sleeping and eating well; good support outside the relationship.`,
    risksNoticed: `None noticed. No history of psychosis or mania; no current substance use concerns.`,
    sharedGoals: `Both named slowing down the pursue-withdraw cycle and naming needs directly; agreed these are the cycle's goals.`,
    sitterRole: `${sitter} sits quietly, offers water and a blanket, does not start conversation; speaks only if ${journeyer} asks.`,
    touchAndConsent: `Hand-holding only if ${journeyer} reaches out first; no other touch. Consent checked in advance, not during.`,
    stopWord: `Lighthouse`,
    openQuestions: ``,
    setAndSetting: `Dosing room dimmed, music playlist agreed in preparation, eye shades offered. Both arrived calm and on time.`,
    observedJourneyer: `${journeyer} settled within 20 minutes; tearful at the peak, then quiet and reflective. Vitals stable throughout.`,
    observedSitter: `${sitter} stayed present and calm, kept to the agreed role, and was moved during the closing conversation.`,
    observedPartnerA: `${a} was relaxed and talkative in the first hour, then quieter; reported feeling close and safe.`,
    observedPartnerB: `${b} was cautious at first, then softened; reached for ${a}'s hand during the second hour.`,
    events: `None beyond the plan.`,
    whatEmerged: `Both spoke of feeling seen during the session; ${a} named the fear of being left that drives pursuing.`,
    practices: `A ten-minute check-in each evening; the stop word used at home when a conversation escalates.`,
    data: `Discussed a recent argument about household tasks; both described the usual sequence and caught it earlier than before.`,
    assessment: `Progress: less escalation, quicker repair. The withdrawal still follows criticism of effort.`,
    plan: `Practise a soft start-up this week; review at the next session.`,
  };
  return texts[key] ?? "Written after the session.";
}

export async function seedDemoNotes(tx: Tx, clinicId: string, now: Date): Promise<void> {
  const sessions = await tx.session.findMany({
    where: { clinicId, status: "COMPLETED", kind: { not: "MEDICAL_EVALUATION" }, endsAt: { lte: now } },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      kind: true,
      endsAt: true,
      journeyerId: true,
      cycle: { select: { model: true, sharedGoals: true } },
      couple: { select: { partnerA: true, partnerB: true } },
      clinicians: { select: { userId: true } },
      dosingRecords: { select: { id: true }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
    },
  });
  const lateDraft = sessions.filter((s) => s.couple.partnerA.lastName === LATE_DRAFT && isMedicine(s)).at(-1);
  const withAddendum = sessions.find((s) => s.couple.partnerA.lastName === "Brooks" && s.kind === "INTEGRATION");

  for (const s of sessions) {
    const { partnerA, partnerB } = s.couple;
    if (partnerA.lastName === LEFT_TO_WRITE) continue;
    const journeyer = [partnerA, partnerB].find((p) => p.id === s.journeyerId);
    const sitter = journeyer && [partnerA, partnerB].find((p) => p.id !== journeyer.id);
    const shape = noteShapeOf({
      kind: s.kind,
      model: s.cycle?.model ?? null,
      sharedGoals: s.cycle?.sharedGoals ?? "",
      journeyer: journeyer && label(journeyer),
      sitter: sitter && label(sitter),
      partnerA: label(partnerA),
      partnerB: label(partnerB),
    });
    if (!shape) continue;
    const names = { a: label(partnerA), b: label(partnerB), journeyer: journeyer && label(journeyer), sitter: sitter && label(sitter) };
    const draft = s.id === lateDraft?.id;
    const content = contentFor(shape, names, draft);
    const authorId = s.clinicians[0].userId;
    const written = minDate(addHours(s.endsAt, 3), now);
    if (shape.kind === "MEDICINE" && !draft) content.dosingRecordIds = s.dosingRecords.map((r) => r.id);
    const note = await tx.sessionNote.create({
      data: { sessionId: s.id, authorId, content, signedAt: draft ? null : written, createdAt: written, updatedAt: written },
    });
    if (s.id === withAddendum?.id) {
      await tx.noteAddendum.create({
        data: { noteId: note.id, authorId, text: `${names.a} called two days later: the evening check-ins have started. Adding to practices.`, signedAt: minDate(addDays(written, 2), now) },
      });
    }
  }
}

/** A note's content for the shape, complete (checked as a signature would check it), or half written for a draft. */
function contentFor(shape: NoteShape, names: { a: string; b: string; journeyer?: string; sitter?: string }, draft: boolean) {
  const fields = Object.fromEntries(shape.fields.map((f, i) => [f.key, draft && i > 0 ? "" : example(f.key, names)]));
  const goals = (shape.goals && shape.goals.length > 0 ? shape.goals : [""]).map((goal) => ({ insight: `Insight toward “${goal || "the work"}”: small, real steps noticed by both.` }));
  const parsed = parseNoteInput(shape, { fields, goals }, draft ? "draft" : "sign");
  if (!parsed.ok) throw new Error(`Demo seed: an example ${shape.title.toLowerCase()} does not pass its own rules: ${JSON.stringify(parsed.fieldErrors)}`);
  return parsed.content;
}

const minDate = (a: Date, b: Date) => (a.getTime() <= b.getTime() ? a : b);
