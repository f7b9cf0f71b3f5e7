import { describe, expect, test } from "vitest";
import { composeReminder, reminderDueAt, reminderKey, type ReminderClinic } from "@/lib/outbox/compose";
import { retryDelayMs } from "@/lib/outbox/send-outbox";
import { SESSION_KIND_LABELS } from "@/lib/protocol/labels";
import type { SessionKind } from "@/lib/protocol/types";

// Email reminders (issue 15): when each is due, in the clinic's zone, and what it says.

const clinic: ReminderClinic = {
  name: "Harbor Light Couples Clinic",
  timeZone: "America/Los_Angeles",
  reminderDaysBefore: 2,
  reminderAtMinute: 9 * 60,
  preparationText: "Eat lightly.",
  contactPhone: "(415) 555-0140",
  contactEmail: "hello@harborlight.test",
};
const partner = { id: "c1", firstName: "Samantha", preferredName: "Sam", email: "sam@example.com" };
const session = (kind: SessionKind, startsAt: string, roomName: string | null = "Cedar") => ({ id: "s1", kind, startsAt: new Date(startsAt), roomName });

describe("when a reminder is due", () => {
  test.each([
    // Monday 15 March 2027 10:00 PDT, the day after the clocks went forward: Saturday 09:00 PST, Sunday 09:00 PDT.
    ["APPOINTMENT_REMINDER", "2027-03-15T17:00:00.000Z", "2027-03-13T17:00:00.000Z"],
    ["MEDICINE_PREPARATION", "2027-03-15T17:00:00.000Z", "2027-03-14T16:00:00.000Z"],
    // Tuesday 9 November 2027 10:00 PST, after the clocks went back on Sunday 7th: Sunday 09:00 PST.
    ["APPOINTMENT_REMINDER", "2027-11-09T18:00:00.000Z", "2027-11-07T17:00:00.000Z"],
    // A session at 00:30 clinic time: the reminder's day is its clinic date's, not UTC's.
    ["APPOINTMENT_REMINDER", "2027-06-10T07:30:00.000Z", "2027-06-08T16:00:00.000Z"],
  ] as const)("%s for a session at %s is due at %s", (kind, startsAt, due) => {
    expect(reminderDueAt(kind, new Date(startsAt), clinic).toISOString()).toBe(due);
  });

  test("a time in the spring-forward gap is taken forward", () => {
    const at0230 = { ...clinic, reminderAtMinute: 150 };
    // The day before Monday 15 March is Sunday 14th, when 02:30 does not exist in Los Angeles: 03:30 PDT.
    expect(reminderDueAt("MEDICINE_PREPARATION", new Date("2027-03-15T17:00:00.000Z"), at0230).toISOString()).toBe("2027-03-14T10:30:00.000Z");
  });

  test("the lead is the clinic's setting", () => {
    expect(reminderDueAt("APPOINTMENT_REMINDER", new Date("2027-06-10T17:00:00.000Z"), { ...clinic, reminderDaysBefore: 5 }).toISOString()).toBe("2027-06-05T16:00:00.000Z");
  });
});

describe("the key", () => {
  test("changes when the session's start does, and is a valid Message-ID left part", () => {
    const a = reminderKey("APPOINTMENT_REMINDER", "s1", "c1", new Date("2027-06-10T17:00:00.000Z"));
    expect(a).toBe("appointment-reminder.s1.c1.1812646800000");
    expect(reminderKey("APPOINTMENT_REMINDER", "s1", "c1", new Date("2027-06-11T17:00:00.000Z"))).not.toBe(a);
    expect(reminderKey("MEDICINE_PREPARATION", "s1", "c1", new Date("2027-06-10T17:00:00.000Z"))).not.toBe(a);
    expect(a).toMatch(/^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/);
  });
});

describe("what a reminder says", () => {
  test("an appointment reminder: what, when, where, and how to reach the clinic", () => {
    const { subject, text } = composeReminder("APPOINTMENT_REMINDER", clinic, session("COUPLES_THERAPY", "2027-06-10T17:00:00.000Z"), partner);
    expect(subject).toBe("Reminder: your appointment at Harbor Light Couples Clinic on Thu 10 Jun");
    expect(text).toContain("Dear Sam,");
    expect(text).toContain("What:  Couples therapy");
    expect(text).toContain("When:  Thu 10 Jun at 10:00");
    expect(text).toContain("Where: Harbor Light Couples Clinic, Cedar");
    expect(text).toContain("reach Harbor Light Couples Clinic by phone on (415) 555-0140 or by email at hello@harborlight.test");
    expect(text).not.toContain("Eat lightly.");
  });

  test("a preparation message: no driving, a ride home, the clinic's text", () => {
    const { subject, text } = composeReminder("MEDICINE_PREPARATION", clinic, session("MEDICINE_LOW_DOSE", "2027-06-10T17:00:00.000Z"), partner);
    expect(subject).toBe("Preparing for your session at Harbor Light Couples Clinic tomorrow");
    expect(text).toContain("tomorrow, Thu 10 Jun at 10:00");
    expect(text).toContain("Do not drive");
    expect(text).toContain("A ride home is required");
    expect(text).toContain("Eat lightly.");
  });

  test("no subject names the medicine, whatever the kind; a clinic without contacts is still named", () => {
    const bare = { ...clinic, contactPhone: null, contactEmail: null, preparationText: "" };
    for (const kind of Object.keys(SESSION_KIND_LABELS) as SessionKind[]) {
      for (const message of ["APPOINTMENT_REMINDER", "MEDICINE_PREPARATION"] as const) {
        const { subject, text } = composeReminder(message, bare, session(kind, "2027-06-10T17:00:00.000Z", null), partner);
        expect(subject).not.toMatch(/ketamine|medicine|dose/i);
        expect(text).not.toMatch(/ketamine/i);
        expect(text).toContain("contact Harbor Light Couples Clinic.");
        expect(text).toContain("by video (Telehealth)");
      }
    }
  });
});

test("retries back off: 1, 2, 4 … minutes, at most two hours", () => {
  expect([1, 2, 3, 4, 8, 20].map((n) => retryDelayMs(n) / 60_000)).toEqual([1, 2, 4, 8, 120, 120]);
});
