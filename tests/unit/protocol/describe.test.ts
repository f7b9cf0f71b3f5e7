// How messages name sessions and people: the clinic's words, a partner's name where the session
// is one person's, clinic-local dates, and a plain fallback where a name is not known.
import { describe, expect, it } from "vitest";
import { ALEX, BOTH, make, SAM, snapshot, STAFF } from "./fixtures";
import { capitalise, day, describeSession, describeSessionSlot, joinNames, sessionNoun, staffName } from "@/lib/protocol/describe";

const cycle = snapshot({});

describe("sessionNoun: whose session, in the clinic's words", () => {
  it.each([
    ["Sam's intake", make.intake("in-sam", SAM, "2026-03-02")],
    ["Alex's medical evaluation", make.evaluation("ev-alex", ALEX, "2026-03-05")],
    ["Sam's medicine session", make.turns("med-1", SAM, "2026-03-10")],
    ["the low-dose medicine session", make.lowDose("ld-1", "2026-03-10")],
    ["the joint preparation", make.prep("prep-1", "2026-03-04")],
    ["the integration", make.integration("int-1", "med-1", "2026-03-11")],
    ["the couples therapy session", make.couples("ct-1", "2026-03-04")],
  ])("%s", (noun, session) => {
    expect(sessionNoun(cycle, session)).toBe(noun);
  });

  it("a session of both partners, or of someone outside the couple, is nobody's in particular", () => {
    expect(sessionNoun(cycle, make.intake("in-x", SAM, "2026-03-02", "09:00", { partnerIds: [...BOTH] }))).toBe("the intake");
    expect(sessionNoun(cycle, make.evaluation("ev-x", ALEX, "2026-03-05", "09:00", { partnerIds: [...BOTH] }))).toBe("the medical evaluation");
    expect(sessionNoun(cycle, make.intake("in-x", SAM, "2026-03-02", "09:00", { partnerIds: ["p-stranger"] }))).toBe("the intake");
    expect(sessionNoun(cycle, make.turns("med-x", SAM, "2026-03-10", "10:00", { journeyerId: "p-stranger" }))).toBe("the medicine session");
    expect(sessionNoun(cycle, make.turns("med-x", SAM, "2026-03-10", "10:00", { journeyerId: null }))).toBe("the medicine session");
  });
});

describe("describeSession and describeSessionSlot: with the clinic-local date, and the time where it matters", () => {
  it("names the day, or the day and the time", () => {
    const med = make.turns("med-1", SAM, "2026-03-10");
    expect(describeSession(cycle, med)).toBe("Sam's medicine session on Tue 10 Mar");
    expect(describeSessionSlot(cycle, med)).toBe("Sam's medicine session on Tue 10 Mar 10:00–13:00");
    expect(day(cycle, "2026-03-10")).toBe("Tue 10 Mar");
    expect(day(cycle, med.startsAt)).toBe("Tue 10 Mar");
  });
});

describe("staffName", () => {
  it("the clinician's name, or 'a clinician' when the snapshot does not know it", () => {
    expect(staffName(cycle, STAFF[0].id)).toBe("Dr Kim");
    expect(staffName(cycle, "t-unknown")).toBe("a clinician");
    expect(staffName({ ...cycle, staff: undefined }, STAFF[0].id)).toBe("a clinician");
  });
});

describe("joinNames and capitalise", () => {
  it("joins names as a sentence does", () => {
    expect(joinNames([])).toBe("");
    expect(joinNames(["Sam"])).toBe("Sam");
    expect(joinNames(["Sam", "Alex"])).toBe("Sam and Alex");
    expect(joinNames(["Sam", "Alex", "Dr Lee"])).toBe("Sam, Alex and Dr Lee");
  });

  it("capitalises the first letter only", () => {
    expect(capitalise("the joint preparation on Wed 4 Mar")).toBe("The joint preparation on Wed 4 Mar");
    expect(capitalise("")).toBe("");
  });
});
