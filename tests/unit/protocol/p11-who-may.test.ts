// P11 Who may do what: role permissions come from lib/auth/permissions.ts (can()), reach from
// lib/auth/reach.ts: therapists act for the couples they treat, psychiatrists for the partners
// they evaluate and those partners' dosing days, front desk for everyone.
import { describe, expect, it } from "vitest";
import { runCases } from "./cases";
import { ALEX, asNew, at, clearance, COUPLES_THERAPIST, fullPlan, make, PSYCHIATRIST, SAM, snapshot } from "./fixtures";
import { mayMakeChange } from "@/lib/protocol/rules/p11-who-may";
import type { Actor, ProposedChange } from "@/lib/protocol/types";

const plan = () => snapshot({ sessions: fullPlan() });
const withEvaluation = (status: "SCHEDULED" | "CHECKED_IN") =>
  snapshot({ sessions: [...fullPlan(), { ...make.evaluation("ev-1", SAM, "2026-03-12", "15:00"), status }] });
const bookCouples = { type: "book" as const, sessions: [asNew(make.couples("ct-1", "2026-03-12"))] };
const completeEvaluation = { type: "complete" as const, sessionId: "ev-1" };

const frontDesk: Actor = { id: "u-desk", roles: ["FRONT_DESK"] };
const admin: Actor = { id: "u-admin", roles: ["ADMIN"] };
const ownTherapist: Actor = { id: COUPLES_THERAPIST, roles: ["THERAPIST"] };
const kapTherapist: Actor = { id: SAM.kapTherapistId, roles: ["THERAPIST"] };
const otherTherapist: Actor = { id: "t-stranger", roles: ["THERAPIST"] };
const otherTherapistAtDesk: Actor = { id: "t-stranger", roles: ["THERAPIST", "FRONT_DESK"] };
const psychiatrist: Actor = { id: PSYCHIATRIST, roles: ["PSYCHIATRIST"] };
const otherPsychiatrist: Actor = { id: "doc-2", roles: ["PSYCHIATRIST"] };
const therapistAndPsychiatrist: Actor = { id: "doc-2", roles: ["THERAPIST", "PSYCHIATRIST"] };

// Sam's medicine session (med-1) checked in; who evaluated whom is in the clearances (doc-sam for
// Sam, doc-alex for Alex) unless an evaluation session says so.
const checkedIn = (sessions: ReturnType<typeof fullPlan>, id: string) => sessions.map((s) => (s.id === id ? { ...s, status: "CHECKED_IN" as const } : s));
const evaluatedApart = (sessions = checkedIn(fullPlan(), "med-1")) =>
  snapshot({ sessions, clearances: [clearance("c-sam", SAM, { psychiatristId: "doc-sam" }), clearance("c-alex", ALEX, { psychiatristId: "doc-alex" })] });
const completeSams = { type: "complete" as const, sessionId: "med-1" };
const docSam: Actor = { id: "doc-sam", roles: ["PSYCHIATRIST"] };
const docAlex: Actor = { id: "doc-alex", roles: ["PSYCHIATRIST"] };

describe("P11 who may do what", () => {
  runCases([
    { name: "front desk books", cycle: plan(), change: bookCouples, options: { actor: frontDesk }, allowed: true },
    { name: "front desk cancels", cycle: plan(), change: { type: "cancel", sessionId: "med-2" }, options: { actor: frontDesk }, allowed: true },
    {
      name: "front desk does not complete sessions",
      cycle: withEvaluation("CHECKED_IN"),
      change: completeEvaluation,
      options: { actor: frontDesk },
      refused: "P11",
      says: ["P11: Front desk staff may not complete sessions."],
      sessions: ["ev-1"],
    },
    {
      name: "an admin does not book",
      cycle: plan(),
      change: bookCouples,
      options: { actor: admin },
      refused: "P11",
      says: ["Admin staff may not book sessions"],
    },
    {
      name: "a psychiatrist does not book",
      cycle: plan(),
      change: bookCouples,
      options: { actor: psychiatrist },
      refused: "P11",
      says: ["Psychiatrist staff may not book sessions"],
    },
    {
      name: "a psychiatrist does not mark no-shows",
      cycle: withEvaluation("SCHEDULED"),
      change: { type: "noShow", sessionId: "ev-1" },
      options: { actor: psychiatrist },
      refused: "P11",
      says: ["may not mark no-shows for sessions"],
    },
    { name: "the couple's therapist books", cycle: plan(), change: bookCouples, options: { actor: ownTherapist }, allowed: true },
    {
      name: "a partner's KAP therapist moves an integration within its window",
      cycle: plan(),
      change: { type: "move", sessionId: "int-2", startsAt: at("2026-03-18", "10:00"), endsAt: at("2026-03-18", "11:30") },
      options: { actor: kapTherapist },
      allowed: true,
    },
    {
      name: "another therapist does not book for a couple they do not treat",
      cycle: plan(),
      change: bookCouples,
      options: { actor: otherTherapist },
      refused: "P11",
      says: ["P11: you may book sessions only for the couples you treat or the partners you evaluate."],
    },
    {
      name: "another therapist cannot grant themselves the couple by naming themselves the new session's clinician",
      cycle: plan(),
      change: { type: "book", sessions: [asNew(make.couples("ct-1", "2026-03-12", "15:00", { clinicianIds: ["t-stranger"] }))] },
      options: { actor: otherTherapist },
      refused: "P11",
      says: ["P11: you may book sessions only for the couples you treat"],
    },
    { name: "a therapist who also works the front desk books for anyone", cycle: plan(), change: bookCouples, options: { actor: otherTherapistAtDesk }, allowed: true },
    { name: "the psychiatrist completes their own evaluation", cycle: withEvaluation("CHECKED_IN"), change: completeEvaluation, options: { actor: psychiatrist }, allowed: true },
    {
      name: "another psychiatrist does not complete it",
      cycle: withEvaluation("CHECKED_IN"),
      change: completeEvaluation,
      options: { actor: otherPsychiatrist },
      refused: "P11",
      says: ["you may complete sessions only for the couples you treat or the partners you evaluate"],
    },
    { name: "a psychiatrist completes the dosing day of the partner whose clearance they recorded", cycle: evaluatedApart(), change: completeSams, options: { actor: docSam }, allowed: true },
    {
      name: "a psychiatrist who evaluates only the sitter does not reach the journeyer's dosing day",
      cycle: evaluatedApart(),
      change: completeSams,
      options: { actor: docAlex },
      refused: "P11",
      says: ["only for the couples you treat or the partners you evaluate"],
      sessions: ["med-1"],
    },
    {
      name: "an evaluation booked with a psychiatrist reaches that partner's dosing day, a cancelled one does not",
      cycle: evaluatedApart([...checkedIn(fullPlan(), "med-1"), make.evaluation("ev-new", SAM, "2026-03-05", "09:00", { clinicianIds: ["doc-alex"] })]),
      change: completeSams,
      options: { actor: docAlex },
      allowed: true,
    },
    {
      name: "a cancelled evaluation reaches nobody",
      cycle: evaluatedApart([...checkedIn(fullPlan(), "med-1"), make.evaluation("ev-new", SAM, "2026-03-05", "09:00", { clinicianIds: ["doc-alex"], status: "CANCELLED" })]),
      change: completeSams,
      options: { actor: docAlex },
      refused: "P11",
      says: ["only for the couples you treat or the partners you evaluate"],
    },
    {
      name: "in Low Dose Together a psychiatrist who evaluates either partner reaches the dosing day",
      cycle: snapshot({
        model: "LOW_DOSE_TOGETHER",
        sessions: [{ ...make.lowDose("ld-1", "2026-03-10"), status: "CHECKED_IN" }],
        clearances: [clearance("c-sam", SAM, { psychiatristId: "doc-sam" }), clearance("c-alex", ALEX, { psychiatristId: "doc-alex" })],
      }),
      change: { type: "complete", sessionId: "ld-1" },
      options: { actor: docAlex },
      allowed: true,
    },
    {
      name: "a psychiatrist does not reach a couples-therapy session of a partner they evaluate",
      cycle: evaluatedApart([...fullPlan(), { ...make.couples("ct-1", "2026-03-12"), status: "CHECKED_IN" }]),
      change: { type: "complete", sessionId: "ct-1" },
      options: { actor: docSam },
      refused: "P11",
      says: ["only for the couples you treat or the partners you evaluate"],
    },
    {
      name: "reach counts only with a role that holds the permission: a therapist-psychiatrist completes as psychiatrist where they evaluate",
      cycle: evaluatedApart(),
      change: completeSams,
      options: { actor: { ...therapistAndPsychiatrist, id: "doc-sam" } },
      allowed: true,
    },
    { name: "without an actor (a system job) there is nothing to check", cycle: withEvaluation("CHECKED_IN"), change: completeEvaluation, allowed: true },
    {
      name: "an account without any role",
      cycle: plan(),
      change: bookCouples,
      options: { actor: { id: "u-none", roles: [] } },
      refused: "P11",
      says: ["P11: An account without a role may not book sessions."],
    },
  ]);
});

describe("P11 refusals name the action and every role in words", () => {
  const moveInt2 = { type: "move" as const, sessionId: "int-2", startsAt: at("2026-03-18", "10:00"), endsAt: at("2026-03-18", "11:30") };
  runCases([
    {
      name: "an admin does not move sessions",
      cycle: plan(),
      change: moveInt2,
      options: { actor: admin },
      refused: "P11",
      says: ["P11: Admin staff may not move sessions."],
      sessions: ["int-2"],
    },
    {
      name: "an admin does not move several sessions at once either",
      cycle: plan(),
      change: { type: "moveMany", moves: [{ sessionId: moveInt2.sessionId, startsAt: moveInt2.startsAt, endsAt: moveInt2.endsAt }] },
      options: { actor: admin },
      refused: "P11",
      says: ["P11: Admin staff may not move sessions."],
      sessions: ["int-2"],
    },
    {
      name: "an admin does not cancel sessions",
      cycle: plan(),
      change: { type: "cancel", sessionId: "med-2" },
      options: { actor: admin },
      refused: "P11",
      says: ["P11: Admin staff may not cancel sessions."],
      sessions: ["med-2"],
    },
    {
      name: "a psychiatrist does not check in sessions, not even their own evaluation",
      cycle: withEvaluation("SCHEDULED"),
      change: { type: "checkIn", sessionId: "ev-1" },
      options: { actor: psychiatrist },
      refused: "P11",
      says: ["P11: Psychiatrist staff may not check in sessions."],
      sessions: ["ev-1"],
    },
    {
      name: "an account with several roles, none of which may book, is named by all of them",
      cycle: plan(),
      change: bookCouples,
      options: { actor: { id: "u-two", roles: ["PSYCHIATRIST", "ADMIN"] } },
      refused: "P11",
      says: ["P11: Psychiatrist / Admin staff may not book sessions."],
    },
  ]);
});

describe("P11 reach: a booking asks for the couple, any other change for each session it names", () => {
  const emptyBooking: ProposedChange = { type: "book", sessions: [] };
  const emptyMove: ProposedChange = { type: "moveMany", moves: [] };
  runCases([
    {
      name: "a booking asks for the couple even when it holds no session: another therapist is out of reach",
      cycle: plan(),
      change: emptyBooking,
      options: { actor: otherTherapist },
      refused: "P11",
      says: ["P11: you may book sessions only for the couples you treat or the partners you evaluate."],
    },
    { name: "the couple's therapist reaches the couple for an empty booking", cycle: plan(), change: emptyBooking, options: { actor: ownTherapist }, allowed: true },
    {
      name: "a move asks only for the sessions it names: naming none, it reaches nothing out of reach",
      cycle: plan(),
      change: emptyMove,
      options: { actor: otherTherapist },
      allowed: true,
    },
  ]);

  it("mayMakeChange answers 'role', 'out-of-reach' or 'yes' (callers answer out-of-reach as not found)", () => {
    expect(mayMakeChange(admin, plan(), bookCouples)).toBe("role");
    expect(mayMakeChange(otherTherapist, plan(), bookCouples)).toBe("out-of-reach");
    expect(mayMakeChange(otherTherapist, plan(), { type: "cancel", sessionId: "med-2" })).toBe("out-of-reach");
    expect(mayMakeChange(ownTherapist, plan(), bookCouples)).toBe("yes");
    expect(mayMakeChange(otherTherapist, plan(), emptyBooking)).toBe("out-of-reach");
    expect(mayMakeChange(otherTherapist, plan(), emptyMove)).toBe("yes");
  });
});
