// The one place that says which role may do what (P11). Which records each role reaches
// (object-level) is lib/auth/reach.ts. Pages, server actions, route handlers and the protocol
// engine ask these two; nothing else decides from role names what someone may do or reach. tests/integration/authorization-matrix.test.ts calls every
// server action and route handler as every role and as nobody against these rules.

export const STAFF_ROLES = ["THERAPIST", "PSYCHIATRIST", "FRONT_DESK", "ADMIN"] as const;
export type StaffRoleName = (typeof STAFF_ROLES)[number];

export const ROLE_LABELS: Record<StaffRoleName, string> = {
  THERAPIST: "Therapist",
  PSYCHIATRIST: "Psychiatrist",
  FRONT_DESK: "Front desk",
  ADMIN: "Admin",
};

const PERMISSIONS = {
  /** See couples, partners' names and contact details. */
  "couple:read": ["THERAPIST", "PSYCHIATRIST", "FRONT_DESK"],
  "couple:write": ["THERAPIST", "FRONT_DESK"],
  /** Goals, notes, the protocol panel: clinical content. */
  "clinical:read": ["THERAPIST", "PSYCHIATRIST"],
  "cycle:plan": ["THERAPIST"],
  "session:book": ["THERAPIST", "FRONT_DESK"],
  "session:move": ["THERAPIST", "FRONT_DESK"],
  "session:cancel": ["THERAPIST", "FRONT_DESK"],
  "session:check-in": ["THERAPIST", "FRONT_DESK"],
  "session:complete": ["THERAPIST", "PSYCHIATRIST"],
  "session:no-show": ["THERAPIST", "FRONT_DESK"],
  "calendar:read": ["THERAPIST", "PSYCHIATRIST", "FRONT_DESK", "ADMIN"],
  /** Declare and remove closures (issue 14): a clinic holiday, a room out of service; see the sessions inside them. */
  "closure:manage": ["FRONT_DESK", "ADMIN"],
  "clearance:record": ["PSYCHIATRIST"],
  "clearance:revoke": ["PSYCHIATRIST"],
  "clearance:read": ["THERAPIST", "PSYCHIATRIST"],
  /** Whether a partner is cleared for a date, without any clinical detail. */
  "clearance:status": ["THERAPIST", "PSYCHIATRIST", "FRONT_DESK"],
  "dosing:record": ["THERAPIST", "PSYCHIATRIST"],
  /** A dosing partner's ride home (name, phone): recorded before check-in (P10), so the front desk too. */
  "dosing:ride-home": ["THERAPIST", "PSYCHIATRIST", "FRONT_DESK"],
  "dosing:override": ["PSYCHIATRIST"],
  "substance-log:write": ["PSYCHIATRIST", "THERAPIST"],
  "substance-log:read": ["PSYCHIATRIST", "ADMIN"],
  /** Witness a dose or a waste of a controlled substance: a clinician, never the one who gives it. */
  "substance-log:witness": ["THERAPIST", "PSYCHIATRIST"],
  /** P13: write, sign and add addenda to the note of a session one is a clinician of. */
  "note:write": ["THERAPIST", "PSYCHIATRIST"],
  /** P13: read notes (the couple's therapists; psychiatrists for the partners they evaluate). */
  "note:read": ["THERAPIST", "PSYCHIATRIST"],
  /** P13: that a completed session's note is late, without what it says. */
  "note:status": ["THERAPIST", "PSYCHIATRIST", "FRONT_DESK"],
  /** Outcome measures: enter them, make a partner's one-time link, read scores. */
  "measure:record": ["THERAPIST", "PSYCHIATRIST"],
  "measure:read": ["THERAPIST", "PSYCHIATRIST"],
  /** P12: record a safety review of a PHQ-9 whose item 9 is above 0. */
  "safety:review": ["THERAPIST", "PSYCHIATRIST"],
  /** Calendar feeds (issue 15): have one's own feeds at all (see, make, regenerate, revoke them). */
  "feed:subscribe": ["THERAPIST", "PSYCHIATRIST", "FRONT_DESK", "ADMIN"],
  /** A feed of the sessions one is a clinician of. */
  "feed:own-sessions": ["THERAPIST", "PSYCHIATRIST"],
  /** A feed of each room and of the whole clinic: the schedule, couples by their initials. */
  "feed:schedule": ["FRONT_DESK", "ADMIN"],
  /** Staff accounts; also revoking anyone's calendar feed. */
  "staff:manage": ["ADMIN"],
  "rooms:manage": ["ADMIN"],
  "settings:manage": ["ADMIN"],
  "audit:read": ["ADMIN"],
  /** Backups (issue 13): see the server's backups, back up now, set the time and retention. */
  "backup:manage": ["ADMIN"],
  /** Email reminders (issue 15): the outbox, what went, what is queued, what failed and why. */
  "outbox:read": ["ADMIN"],
  /** Try a failed message again now. */
  "outbox:manage": ["ADMIN"],
} as const satisfies Record<string, readonly StaffRoleName[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(roles: readonly StaffRoleName[], permission: Permission): boolean {
  const allowed: readonly StaffRoleName[] = PERMISSIONS[permission];
  return roles.some((role) => allowed.includes(role));
}
