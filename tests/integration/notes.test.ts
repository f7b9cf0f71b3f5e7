import { beforeEach, describe, expect, test } from "vitest";
import { databaseFailureOf, refusalOf } from "@/lib/db/errors";
import type { Db } from "@/lib/db/prisma";
import { InvalidInputError, NotFoundError, RuleViolationError } from "@/lib/errors";
import { addNoteAddendum } from "@/lib/notes/add-note-addendum";
import { getSessionNote } from "@/lib/notes/get-session-note";
import { lateNotesOfClinic, notesToWrite } from "@/lib/notes/late-notes";
import { partnerRecord } from "@/lib/notes/partner-record";
import { saveNoteDraft } from "@/lib/notes/save-note-draft";
import { signNote } from "@/lib/notes/sign-note";
import { databaseKind, testDb } from "../support/database";
import { fullIntake, noteClinic, type NoteClinic } from "../support/note-fixtures";

// P13 on the real database: drafts saved by their author, signing with the kind's required
// fields, addenda after signing only, one note per session (also when two start at once), a
// signed note refused by the domain and by the database, reach answered as not found, and the
// late list at its 72-hour edge.

let db: Db;
let c: NoteClinic;
beforeEach(async () => {
  db = await testDb();
  c = await noteClinic(db);
});

const P13 = (words: RegExp) => (e: unknown) => e instanceof RuleViolationError && e.rule === "P13" && words.test(e.message);
const notFound = (e: unknown) => e instanceof NotFoundError && e.message === "The session was not found.";
const HOUR = 3_600_000;

describe(`notes on ${databaseKind}`, () => {
  test("a draft saved as the author types, signed with the required fields, then corrected by a signed addendum", async () => {
    const intake = await c.session("INTAKE");
    const t0 = new Date("2026-03-03T18:00:00Z");
    const first = await saveNoteDraft(c.as.therapist, { sessionId: intake.id, fields: { personalHistory: "Grew up by the sea." } }, t0);
    expect(first.noteId).not.toBeNull();
    await saveNoteDraft(c.as.therapist, { sessionId: intake.id, fields: { personalHistory: "Grew up by the sea; two siblings.", intentions: "Soften" } }, new Date(t0.getTime() + 5_000));
    let stored = await db.sessionNote.findUniqueOrThrow({ where: { sessionId: intake.id } });
    expect(stored).toMatchObject({ authorId: c.therapist.id, signedAt: null, content: { fields: { personalHistory: "Grew up by the sea; two siblings.", intentions: "Soften", readiness: "", risksNoticed: "" } } });

    // Signing needs every required field: refused in words, nothing changed.
    await expect(signNote(c.as.therapist, { sessionId: intake.id, fields: { personalHistory: "x" } })).rejects.toSatisfy(
      (e) => e instanceof InvalidInputError && e.fieldErrors["fields.readiness"]?.[0] === "Write “Readiness” before signing.",
    );
    expect((await db.sessionNote.findUniqueOrThrow({ where: { sessionId: intake.id } })).signedAt).toBeNull();

    const signedAt = new Date(t0.getTime() + 60_000);
    await signNote(c.as.therapist, { sessionId: intake.id, fields: fullIntake }, signedAt);
    stored = await db.sessionNote.findUniqueOrThrow({ where: { sessionId: intake.id } });
    expect(stored).toMatchObject({ signedAt, content: { fields: fullIntake } });

    const view = await getSessionNote(c.as.therapist, intake.id);
    expect(view).toMatchObject({ state: "signed", note: { authorName: "therapist", signedAt, content: { fields: fullIntake } }, addenda: [] });

    await expect(addNoteAddendum(c.as.therapist, { sessionId: intake.id, text: "Correction: three siblings." })).resolves.toBeDefined();
    expect((await getSessionNote(c.as.therapist, intake.id)).addenda).toEqual([expect.objectContaining({ authorName: "therapist", text: "Correction: three siblings." })]);

    // Every write and read is in the audit log, one row per partner, without the words typed.
    const audit = await db.auditEvent.findMany({ where: { clinicId: c.clinic.id, entity: { in: ["SessionNote", "NoteAddendum"] } }, orderBy: { at: "asc" } });
    expect(audit.map((a) => `${a.action} ${a.entity}`)).toEqual(["create SessionNote", "update SessionNote", "sign SessionNote", "read SessionNote", "create NoteAddendum", "read SessionNote"]);
    expect(audit.every((a) => a.clientId === c.partners.a && a.actorId === c.therapist.id)).toBe(true);
    expect(JSON.stringify(audit, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v))).not.toMatch(/sea|siblings|Soften/);
  });

  test("a joint session's note is audited against both partners", async () => {
    const prep = await c.session("PREPARATION");
    await saveNoteDraft(c.as.therapist, { sessionId: prep.id, fields: { stopWord: "Harbor" } });
    const rows = await db.auditEvent.findMany({ where: { clinicId: c.clinic.id, entity: "SessionNote" } });
    expect(rows.map((r) => r.clientId).sort()).toEqual([c.partners.a, c.partners.b].sort());
  });

  test("nothing typed, no note: an empty first save creates nothing", async () => {
    const s = await c.session("COUPLES_THERAPY");
    expect(await saveNoteDraft(c.as.therapist, { sessionId: s.id, fields: { data: "  " } })).toMatchObject({ noteId: null });
    expect(await db.sessionNote.count({ where: { sessionId: s.id } })).toBe(0);
  });

  test.each(["SCHEDULED", "CHECKED_IN", "CANCELLED", "NO_SHOW"] as const)("a note for a session that is %s is refused, nothing stored", async (status) => {
    const s = await c.session("COUPLES_THERAPY", { status });
    await expect(saveNoteDraft(c.as.therapist, { sessionId: s.id, fields: { data: "Early" } })).rejects.toSatisfy(P13(/^P13: a note is written once the session is completed/));
    await expect(signNote(c.as.therapist, { sessionId: s.id, fields: { data: "d", assessment: "a", plan: "p" } })).rejects.toSatisfy(P13(/once the session is completed/));
    expect(await db.sessionNote.count({ where: { sessionId: s.id } })).toBe(0);
  });

  test("a medical evaluation has no note: its record is the clearance", async () => {
    await expect(saveNoteDraft(c.as.psychiatrist, { sessionId: c.evaluation.id, fields: { data: "x" } })).rejects.toSatisfy(P13(/medical evaluation has no note; its record is the clearance/));
    expect((await getSessionNote(c.as.psychiatrist, c.evaluation.id)).state).toBe("no-note-for-kind");
  });

  test("only a clinician of the session writes its note; a reader who was not there is told so", async () => {
    const s = await c.session("COUPLES_THERAPY", { clinicians: [c.coTherapist.id] });
    // The couple's therapist reads the couple's notes but did not run this session.
    await expect(saveNoteDraft(c.as.therapist, { sessionId: s.id, fields: { data: "x" } })).rejects.toSatisfy(P13(/only a clinician of this session writes its note/));
    await expect(saveNoteDraft(c.as.coTherapist, { sessionId: s.id, fields: { data: "x" } })).resolves.toMatchObject({ noteId: expect.any(String) });
  });

  test("one note per session: another clinician of the session cannot overwrite the author's draft or start a second note", async () => {
    const s = await c.session("COUPLES_THERAPY", { clinicians: [c.therapist.id, c.coTherapist.id] });
    await saveNoteDraft(c.as.therapist, { sessionId: s.id, fields: { data: "Mine" } });
    await expect(saveNoteDraft(c.as.coTherapist, { sessionId: s.id, fields: { data: "Theirs" } })).rejects.toSatisfy(P13(/this note is therapist’s draft; only its author saves or signs it/));
    await expect(signNote(c.as.coTherapist, { sessionId: s.id, fields: { data: "d", assessment: "a", plan: "p" } })).rejects.toSatisfy(P13(/only its author/));
    expect(await db.sessionNote.findMany({ where: { sessionId: s.id } })).toEqual([expect.objectContaining({ authorId: c.therapist.id, content: expect.objectContaining({ fields: expect.objectContaining({ data: "Mine" }) }) })]);
    // The co-clinician sees that a draft exists and whose, never what it says.
    expect(await getSessionNote(c.as.coTherapist, s.id)).toMatchObject({ state: "other-draft", note: { authorName: "therapist", content: { fields: {} } } });
  });

  test("two first saves at once: exactly one note, the other refused in words", async () => {
    const s = await c.session("COUPLES_THERAPY", { clinicians: [c.therapist.id, c.coTherapist.id] });
    const results = await Promise.allSettled([
      saveNoteDraft(c.as.therapist, { sessionId: s.id, fields: { data: "First" } }),
      saveNoteDraft(c.as.coTherapist, { sessionId: s.id, fields: { data: "Second" } }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    // On PostgreSQL the unique index refuses the second insert; on PGlite the two run one after the other.
    expect(refused.reason).toSatisfy(P13(/this session already has its note; open it instead\.|only its author saves or signs it/));
    expect(await db.sessionNote.count({ where: { sessionId: s.id } })).toBe(1);
  });

  test("a signed note is never edited: refused by the domain, and by the database to a direct UPDATE or DELETE", async () => {
    const intake = await c.session("INTAKE");
    const { noteId } = await signNote(c.as.therapist, { sessionId: intake.id, fields: fullIntake });
    await expect(saveNoteDraft(c.as.therapist, { sessionId: intake.id, fields: { ...fullIntake, readiness: "changed" } })).rejects.toSatisfy(
      P13(/^P13: a signed note is never changed or deleted; add an addendum instead\.$/),
    );
    await expect(signNote(c.as.therapist, { sessionId: intake.id, fields: fullIntake })).rejects.toSatisfy(P13(/never changed/));

    const update = db.$executeRaw`UPDATE "SessionNote" SET "content" = '{"fields":{}}'::jsonb WHERE "id" = ${noteId}::uuid`;
    await expect(update).rejects.toSatisfy((e) => databaseFailureOf(e)?.code === "KP001" && refusalOf(e)?.message === "P13: a signed note is never changed or deleted; add an addendum instead.");
    await expect(db.$executeRaw`UPDATE "SessionNote" SET "signedAt" = NULL WHERE "id" = ${noteId}::uuid`).rejects.toSatisfy((e) => databaseFailureOf(e)?.code === "KP001");
    await expect(db.$executeRaw`DELETE FROM "SessionNote" WHERE "id" = ${noteId}::uuid`).rejects.toSatisfy((e) => databaseFailureOf(e)?.code === "KP001");
    await expect(db.sessionNote.update({ where: { id: noteId }, data: { authorId: c.coTherapist.id } })).rejects.toSatisfy((e) => databaseFailureOf(e)?.code === "KP001");
    expect((await db.sessionNote.findUniqueOrThrow({ where: { id: noteId } })).content).toMatchObject({ fields: fullIntake });
  });

  test("an addendum follows a signed note only: refused by the domain and by the database; addenda are never changed", async () => {
    const intake = await c.session("INTAKE");
    const { noteId } = await saveNoteDraft(c.as.therapist, { sessionId: intake.id, fields: { readiness: "Draft" } });
    await expect(addNoteAddendum(c.as.therapist, { sessionId: intake.id, text: "Too early" })).rejects.toSatisfy(P13(/an addendum corrects a signed note; sign the note first/));
    await expect(db.noteAddendum.create({ data: { noteId: noteId!, authorId: c.therapist.id, text: "Straight to the table" } })).rejects.toSatisfy(
      // The trigger's refusal (NoteAddendum_note_signed); PGlite does not pass the constraint's name on.
      (e) => databaseFailureOf(e)?.code === "23514" && /^P13: an addendum follows a signed note/.test(databaseFailureOf(e)?.message ?? ""),
    );
    expect(await db.noteAddendum.count({ where: { noteId: noteId! } })).toBe(0);

    await signNote(c.as.therapist, { sessionId: intake.id, fields: fullIntake });
    const { addendumId } = await addNoteAddendum(c.as.therapist, { sessionId: intake.id, text: "Correction." });
    await expect(db.$executeRaw`UPDATE "NoteAddendum" SET "text" = 'edited' WHERE "id" = ${addendumId}::uuid`).rejects.toSatisfy((e) => databaseFailureOf(e)?.code === "KP001");
    await expect(db.$executeRaw`DELETE FROM "NoteAddendum" WHERE "id" = ${addendumId}::uuid`).rejects.toSatisfy((e) => databaseFailureOf(e)?.code === "KP001");
  });

  test("an addendum is added by a clinician of the session, not by the couple's other readers", async () => {
    const s = await c.session("COUPLES_THERAPY", { clinicians: [c.coTherapist.id] });
    await signNote(c.as.coTherapist, { sessionId: s.id, fields: { data: "d", assessment: "a", plan: "p" } });
    await expect(addNoteAddendum(c.as.therapist, { sessionId: s.id, text: "Not mine to correct" })).rejects.toSatisfy(P13(/only a clinician of this session adds an addendum/));
    expect((await getSessionNote(c.as.therapist, s.id)).state).toBe("signed");
  });

  test("the medicine session's note links that day's dosing records; the integration note takes the goals one by one", async () => {
    const medicine = await c.session("MEDICINE_TAKING_TURNS");
    const record = await db.dosingRecord.create({ data: { sessionId: medicine.id, clientId: c.partners.a, rideHomeName: "Ride", rideHomePhone: "(415) 555-0100" } });
    const view = await getSessionNote(c.as.therapist, medicine.id);
    expect(view.shape?.fields.map((f) => f.label)).toEqual(["Set and setting", "What you observed of Sam (journeying)", "What you observed of Jordan (sitting)", "Events"]);
    expect(view.dosing).toEqual([{ recordId: record.id, partner: "Sam" }]);
    await signNote(c.as.therapist, { sessionId: medicine.id, fields: { setAndSetting: "Dim", observedJourneyer: "Calm", observedSitter: "Present", events: "None" } });
    expect((await db.sessionNote.findUniqueOrThrow({ where: { sessionId: medicine.id } })).content).toMatchObject({ dosingRecordIds: [record.id] });

    const integration = await c.session("INTEGRATION", { medicineSessionId: medicine.id });
    expect((await getSessionNote(c.as.therapist, integration.id)).shape?.goals).toEqual(["Repair after pursue-withdraw", "Rebuild trust in repair attempts"]);
    await expect(signNote(c.as.therapist, { sessionId: integration.id, fields: { whatEmerged: "w", practices: "p" }, goals: [{ insight: "Named it" }] })).rejects.toSatisfy(
      (e) => e instanceof InvalidInputError && Object.keys(e.fieldErrors).join() === "goals.1.insight",
    );
    await signNote(c.as.therapist, { sessionId: integration.id, fields: { whatEmerged: "w", practices: "p" }, goals: [{ insight: "Named it" }, { insight: "Asked" }] });
    expect((await db.sessionNote.findUniqueOrThrow({ where: { sessionId: integration.id } })).content).toMatchObject({
      goals: [
        { goal: "Repair after pursue-withdraw", insight: "Named it" },
        { goal: "Rebuild trust in repair attempts", insight: "Asked" },
      ],
    });
  });

  describe("reach: out of reach is answered exactly as not found", () => {
    test("a therapist outside the couple, the front desk and an admin find no note, to read or to write", async () => {
      const intake = await c.session("INTAKE");
      await signNote(c.as.therapist, { sessionId: intake.id, fields: fullIntake });
      for (const who of [c.as.otherTherapist, c.as.frontDesk, c.as.admin]) {
        await expect(getSessionNote(who, intake.id)).rejects.toSatisfy(notFound);
        await expect(getSessionNote(who, "00000000-0000-4000-8000-000000000000")).rejects.toSatisfy(notFound);
        await expect(saveNoteDraft(who, { sessionId: intake.id, fields: fullIntake })).rejects.toSatisfy(notFound);
        await expect(addNoteAddendum(who, { sessionId: intake.id, text: "x" })).rejects.toSatisfy(notFound);
      }
      // Another therapist's own couple is theirs, and not this therapist's.
      const theirs = await c.session("COUPLES_THERAPY", { couple: "other" });
      await expect(getSessionNote(c.as.therapist, theirs.id)).rejects.toSatisfy(notFound);
      expect((await getSessionNote(c.as.otherTherapist, theirs.id)).state).toBe("none");
    });

    test("a psychiatrist reads the intake and medicine-session notes of the partner she evaluates, and nothing else", async () => {
      const samsIntake = await c.session("INTAKE", { partners: [c.partners.a] });
      const jordansIntake = await c.session("INTAKE", { partners: [c.partners.b] });
      const samJourneys = await c.session("MEDICINE_TAKING_TURNS", { journeyerId: c.partners.a });
      const jordanJourneys = await c.session("MEDICINE_TAKING_TURNS", { journeyerId: c.partners.b });
      const integration = await c.session("INTEGRATION", { medicineSessionId: samJourneys.id });
      const prep = await c.session("PREPARATION");
      const therapy = await c.session("COUPLES_THERAPY");
      expect((await getSessionNote(c.as.psychiatrist, samsIntake.id)).state).toBe("none");
      expect((await getSessionNote(c.as.psychiatrist, samJourneys.id)).state).toBe("none");
      for (const s of [jordansIntake, jordanJourneys, integration, prep, therapy]) await expect(getSessionNote(c.as.psychiatrist, s.id)).rejects.toSatisfy(notFound);
      // Reading is not writing: she was not a clinician of Sam's intake.
      await expect(saveNoteDraft(c.as.psychiatrist, { sessionId: samsIntake.id, fields: fullIntake })).rejects.toSatisfy(P13(/only a clinician of this session/));
    });

    test("a refused read leaves no trace of the note's content and writes nothing", async () => {
      const s = await c.session("COUPLES_THERAPY");
      await saveNoteDraft(c.as.therapist, { sessionId: s.id, fields: { data: "Private" } });
      const before = await db.sessionNote.findUniqueOrThrow({ where: { sessionId: s.id } });
      await expect(saveNoteDraft(c.as.otherTherapist, { sessionId: s.id, fields: { data: "Overwrite" } })).rejects.toSatisfy(notFound);
      expect(await db.sessionNote.findUniqueOrThrow({ where: { sessionId: s.id } })).toEqual(before);
    });
  });

  describe("late notes (P13)", () => {
    test("a clinician's completed sessions without a signed note, oldest first, late after more than 72 hours", async () => {
      const now = new Date("2026-04-20T20:00:00Z");
      const ended = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * HOUR);
      const recent = await c.session("COUPLES_THERAPY", { endsAt: ended(5) });
      const old = await c.session("INTAKE", { endsAt: ended(24 * 10) });
      const middle = await c.session("PREPARATION", { endsAt: ended(24 * 4) });
      const signed = await c.session("COUPLES_THERAPY", { endsAt: ended(24 * 6) });
      await signNote(c.as.therapist, { sessionId: signed.id, fields: { data: "d", assessment: "a", plan: "p" } });
      await saveNoteDraft(c.as.therapist, { sessionId: middle.id, fields: { sharedGoals: "Draft" } });
      await c.session("COUPLES_THERAPY", { endsAt: ended(24 * 7), status: "CANCELLED" });
      await c.session("COUPLES_THERAPY", { endsAt: ended(24 * 8), clinicians: [c.coTherapist.id] });
      // The psychiatrist's evaluation is not hers to note: its record is the clearance.
      expect(await notesToWrite(c.as.psychiatrist, now)).toEqual([]);

      const list = await notesToWrite(c.as.therapist, now);
      expect(list.map((n) => [n.sessionId, n.late, n.draft])).toEqual([
        [old.id, true, null],
        [middle.id, true, { mine: true, author: "therapist" }],
        [recent.id, false, null],
      ]);
      expect(list[0]).toMatchObject({ kind: "INTAKE", couple: "Sam & Jordan Rivera", clinicians: ["therapist"] });
      expect(await notesToWrite(c.as.frontDesk, now)).toEqual([]);
    });

    test("the threshold at its edge: exactly 72 hours after the session ended is not late, a moment later it is", async () => {
      const s = await c.session("COUPLES_THERAPY");
      const edge = new Date(s.endsAt.getTime() + 72 * HOUR);
      expect((await notesToWrite(c.as.therapist, edge)).map((n) => n.late)).toEqual([false]);
      expect((await notesToWrite(c.as.therapist, new Date(edge.getTime() + 1))).map((n) => n.late)).toEqual([true]);
      expect(await lateNotesOfClinic(c.as.frontDesk, edge)).toEqual([]);
      expect((await lateNotesOfClinic(c.as.frontDesk, new Date(edge.getTime() + 1))).map((n) => n.sessionId)).toEqual([s.id]);
      // The clinic's setting moves the edge.
      await db.clinic.update({ where: { id: c.clinic.id }, data: { noteLateHours: 24 } });
      expect((await notesToWrite(c.as.therapist, new Date(s.endsAt.getTime() + 24 * HOUR + 1))).map((n) => n.late)).toEqual([true]);
    });

    test("the front desk sees which notes of the clinic are late, whose and which session, never a word of them", async () => {
      const now = new Date("2026-04-20T20:00:00Z");
      const late = await c.session("COUPLES_THERAPY", { endsAt: new Date(now.getTime() - 100 * HOUR) });
      await saveNoteDraft(c.as.therapist, { sessionId: late.id, fields: { data: "Confidential words" } });
      await c.session("COUPLES_THERAPY", { endsAt: new Date(now.getTime() - 10 * HOUR) });
      const others = await c.session("COUPLES_THERAPY", { couple: "other", endsAt: new Date(now.getTime() - 200 * HOUR) });
      const list = await lateNotesOfClinic(c.as.frontDesk, now);
      expect(list.map((n) => n.sessionId)).toEqual([others.id, late.id]);
      expect(Object.keys(list[1]).sort()).toEqual(["clinicians", "couple", "coupleId", "endsAt", "kind", "sessionId", "startsAt"]);
      expect(JSON.stringify(list)).not.toMatch(/Confidential/);
      // Nobody else gets the clinic's list: a therapist has their own.
      for (const who of [c.as.therapist, c.as.psychiatrist, c.as.admin]) expect(await lateNotesOfClinic(who, now)).toEqual([]);
    });
  });

  test("a partner's record: the signed notes the reader reaches, with addenda and clearances, audited as one read", async () => {
    const samsIntake = await c.session("INTAKE", { partners: [c.partners.a] });
    const medicine = await c.session("MEDICINE_TAKING_TURNS", { journeyerId: c.partners.a });
    const therapy = await c.session("COUPLES_THERAPY");
    const draftOnly = await c.session("PREPARATION");
    await signNote(c.as.therapist, { sessionId: samsIntake.id, fields: fullIntake });
    await addNoteAddendum(c.as.therapist, { sessionId: samsIntake.id, text: "Later: three siblings." });
    await signNote(c.as.therapist, { sessionId: medicine.id, fields: { setAndSetting: "s", observedJourneyer: "j", observedSitter: "t", events: "None" } });
    await signNote(c.as.therapist, { sessionId: therapy.id, fields: { data: "d", assessment: "a", plan: "p" } });
    await saveNoteDraft(c.as.therapist, { sessionId: draftOnly.id, fields: { sharedGoals: "Unsigned" } });
    await db.clearance.create({
      data: {
        clientId: c.partners.a, psychiatristId: c.psychiatrist.id, evaluationSessionId: c.evaluation.id, evaluatedOn: new Date("2026-03-02"), systolic: 120, diastolic: 80, heartRate: 70,
        decision: "CLEARED", models: ["TAKING_TURNS"], maxDoseMg: 100, route: "SUBLINGUAL_LOZENGE", validUntil: new Date("2026-05-30"), signedAt: new Date("2026-03-02T19:00:00Z"),
      },
    });

    const record = await partnerRecord(c.as.therapist, c.partners.a);
    expect(record.notes.map((n) => [n.kind, n.note?.author ?? null])).toEqual([
      ["INTAKE", "therapist"],
      ["MEDICINE_TAKING_TURNS", "therapist"],
      ["COUPLES_THERAPY", "therapist"],
      ["PREPARATION", null],
    ]);
    expect(record.notes[0].addenda.map((a) => a.text)).toEqual(["Later: three siblings."]);
    expect(record.clearances.map((x) => x.decision)).toEqual(["CLEARED"]);
    expect(JSON.stringify(record)).not.toMatch(/Unsigned/);

    const hers = await partnerRecord(c.as.psychiatrist, c.partners.a);
    expect(hers.notes.map((n) => n.kind)).toEqual(["INTAKE", "MEDICINE_TAKING_TURNS"]);
    await expect(partnerRecord(c.as.psychiatrist, c.partners.b)).rejects.toSatisfy((e) => e instanceof NotFoundError);
    for (const who of [c.as.otherTherapist, c.as.frontDesk, c.as.admin]) await expect(partnerRecord(who, c.partners.a)).rejects.toSatisfy((e) => e instanceof NotFoundError);

    const audit = await db.auditEvent.findMany({ where: { clinicId: c.clinic.id, entity: "PartnerRecord" } });
    expect(audit.map((a) => [a.actorId, a.clientId, a.action])).toEqual([
      [c.therapist.id, c.partners.a, "read"],
      [c.psychiatrist.id, c.partners.a, "read"],
    ]);
  });
});
