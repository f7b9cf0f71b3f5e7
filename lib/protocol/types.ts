// The protocol engine's input and output. Other modules code against these shapes: add optional
// fields if needed, never rename. String values match prisma/schema.prisma's enums; the engine
// stays pure, so it does not import the generated Prisma client.

export type SessionKind =
  | "INTAKE"
  | "PREPARATION"
  | "MEDICAL_EVALUATION"
  | "MEDICINE_TAKING_TURNS"
  | "MEDICINE_LOW_DOSE"
  | "INTEGRATION"
  | "COUPLES_THERAPY";
export type SessionStatus = "SCHEDULED" | "CHECKED_IN" | "COMPLETED" | "CANCELLED" | "NO_SHOW";
export type KapModel = "TAKING_TURNS" | "LOW_DOSE_TOGETHER";
export type CycleFormat = "FULL" | "SINGLE_EXPERIENCE";
export type ClearanceDecision = "CLEARED" | "CLEARED_WITH_CONDITIONS" | "NOT_CLEARED" | "DEFERRED";
export type RuleId = "P1" | "P2" | "P3" | "P4" | "P5" | "P6" | "P7" | "P8" | "P9" | "P10" | "P11" | "P12" | "P13";
/** The rules the engine judges changes by; P13 (clinical notes) is kept by lib/notes and the database. */
export type EngineRuleId = Exclude<RuleId, "P13">;
export type SafetyDecision = "PROCEED" | "POSTPONE" | "REFER";

export type ProtocolSettings = {
  timeZone: string; // IANA
  sessionMinutes: Record<SessionKind, number>;
  minPreparations: Record<KapModel, number>;
  clearanceValidityDays: number;
  integrationWindowDays: { min: number; max: number };
  lowDoseSeries: { min: number; max: number };
  openWeekdays: number[]; // ISO weekday 1=Mon..7=Sun
  opensAtMinute: number;
  closesAtMinute: number; // minutes after local midnight
  /**
   * Opening hours per ISO weekday, Monday first (7 entries), read through lib/protocol/opening-hours.ts.
   * A day not in openWeekdays is closed whatever its hours say. Omitted: every open day opens at
   * opensAtMinute and closes at closesAtMinute.
   */
  hoursByWeekday?: DayHours[];
  /**
   * Closures (clinic holidays, rooms out of service) that the sessions judged may meet: P10 keeps
   * sessions out of them, a day closed all its opening hours is not an open day (P4), and the
   * planner places nothing in them. Omitted: none.
   */
  closures?: ClinicClosure[];
  /**
   * P12: a PHQ-9 within `days` clinic calendar days before each medicine session, for each dosing
   * partner, checked at check-in when `enabled`. Omitted means PROTOCOL.md's default (on, 7 days).
   */
  safetyScreen?: { enabled: boolean; days: number };
};

/** One weekday's opening hours, minutes after local midnight (closing at 1440 is midnight). */
export type DayHours = { opensAtMinute: number; closesAtMinute: number };

/** A span the whole clinic (roomId null) or one room is closed: a holiday, a room out of service. */
export type ClinicClosure = { id: string; roomId: string | null; roomName?: string | null; startsAt: Date; endsAt: Date; reason: string };

export type Partner = { id: string; name: string; kapTherapistId: string };
export type Room = { id: string; name: string; capacity: number; dosingEquipped: boolean; active: boolean };

export type SnapshotSession = {
  id: string;
  kind: SessionKind;
  status: SessionStatus;
  startsAt: Date;
  endsAt: Date;
  roomId: string | null;
  journeyerId: string | null;
  medicineSessionId: string | null;
  clinicianIds: string[];
  partnerIds: string[];
  /**
   * The cycle the session belongs to. Omitted means "this cycle". A different id or null (couples
   * therapy outside any cycle, another cycle of the couple) still counts for overlaps (P8) and
   * as a medical evaluation (P3), but not towards this cycle's intakes, preparations or medicine.
   */
  cycleId?: string | null;
};

export type SnapshotClearance = {
  id: string;
  clientId: string;
  decision: ClearanceDecision;
  models: KapModel[];
  evaluatedOn: string;
  validUntil: string; // "YYYY-MM-DD", calendar dates in the clinic's zone
  recordedByPsychiatrist: boolean;
  /** Who recorded it: a psychiatrist reaches the partners whose clearances they recorded (P11). */
  psychiatristId?: string;
  signed: boolean;
  revoked: boolean;
  supersededById: string | null;
};

/** P12: one of a partner's PHQ-9s, reduced to what the rule reads (item 9: thoughts of being better off dead or of self-harm, 0–3). */
export type SnapshotScreen = { id: string; clientId: string; takenAt: Date; item9: number };

/** P12: a clinician's safety review of one PHQ-9 (`screenId`). Reviews are append-only: a new decision is a new review. */
export type SnapshotSafetyReview = { screenId: string; decision: SafetyDecision; reviewedAt: Date };

export type CycleSnapshot = {
  cycle: { id: string; model: KapModel; format: CycleFormat };
  couple: { id: string; partners: [Partner, Partner]; couplesTherapistId: string };
  sessions: SnapshotSession[]; // this couple's sessions (all statuses)
  clearances: SnapshotClearance[]; // both partners' clearances, all of them
  rideHomes: { sessionId: string; clientId: string }[]; // recorded rides home
  rooms: Room[];
  settings: ProtocolSettings;
  /** Staff names, so that messages can say who is double-booked (P8). Optional. */
  staff?: { id: string; name: string }[];
  /** P12: both partners' PHQ-9s, at least those recent enough for an upcoming medicine session. Omitted: none. */
  screens?: SnapshotScreen[];
  /** P12: the safety reviews of those PHQ-9s. Omitted: none. */
  safetyReviews?: SnapshotSafetyReview[];
};

export type NewSession = Omit<SnapshotSession, "status"> & { status?: SessionStatus };

export type SessionMove = { sessionId: string; startsAt: Date; endsAt: Date; roomId?: string | null };

export type ProposedChange =
  | { type: "book"; sessions: NewSession[] } // one session, or a whole plan atomically
  | { type: "move"; sessionId: string; startsAt: Date; endsAt: Date; roomId?: string | null }
  | { type: "moveMany"; moves: SessionMove[] } // e.g. a medicine session and its integration together
  | { type: "cancel"; sessionId: string }
  | { type: "checkIn"; sessionId: string }
  | { type: "complete"; sessionId: string }
  | { type: "noShow"; sessionId: string };

export type Actor = { id: string; roles: ("THERAPIST" | "PSYCHIATRIST" | "FRONT_DESK" | "ADMIN")[] };

export type Violation = { rule: RuleId; sessionIds: string[]; message: string };
export type Notice = { rule: RuleId; message: string }; // P7: beyond typical size is a notice, not a refusal

/** What every rule sees besides the resulting cycle and the change. */
export type RuleContext = {
  /** The cycle as it stands before the change (equal to the resulting cycle when auditing). */
  before: CycleSnapshot;
  actor?: Actor;
  now?: Date;
};

/**
 * A rule: given the cycle as it would be after the change, returns what breaks it. With
 * `change` null it returns only the cycle's standing invariants; with a change it may add
 * checks on the change itself (a session's life order, who may do it, the past).
 */
export type Rule = (after: CycleSnapshot, change: ProposedChange | null, ctx: RuleContext) => Violation[];
