import { InvalidInputError, RuleViolationError } from "../errors";
import type { RuleId } from "../protocol/types";

// The one place that reads database errors, and the one table from a database's refusal to words.
// Prisma wraps driver errors differently per path (P2039 with a driverAdapterError, a bare
// DriverAdapterError, P2034 for write conflicts, P2002 for uniques), on PGlite and on PostgreSQL
// alike; callers get one plain shape, and users a sentence that names the rule where one applies.
// Constraint names are the migrations' (prisma/migrations/*/migration.sql).

export type DatabaseFailure = {
  /** SQLSTATE, e.g. 23P01 (exclusion), 23505 (unique), 23514 (check), 40001 (serialization). */
  code: string;
  /** The violated constraint's name, when the message names one. */
  constraint?: string;
  message: string;
  detail?: string;
};

type Cause = { kind?: string; code?: string; originalCode?: string; message?: string; originalMessage?: string; detail?: string; constraint?: string | { index?: string; fields?: string[] } };

export function databaseFailureOf(error: unknown): DatabaseFailure | null {
  const cause = findCause(error);
  if (!cause) return null;
  const code = cause.originalCode ?? cause.code ?? (cause.kind === "TransactionWriteConflict" ? "40001" : undefined);
  if (!code) return null;
  const message = cause.originalMessage ?? cause.message ?? "";
  const named = typeof cause.constraint === "string" ? cause.constraint : cause.constraint?.index;
  const constraint = named ?? /constraint "([^"]+)"/.exec(message)?.[1] ?? /index "([^"]+)"/.exec(message)?.[1];
  return { code, constraint, message, detail: cause.detail };
}

function findCause(error: unknown): Cause | null {
  if (!error || typeof error !== "object") return null;
  const e = error as { code?: string; meta?: { driverAdapterError?: { cause?: Cause }; target?: unknown }; cause?: unknown; name?: string };
  if (e.meta?.driverAdapterError?.cause) return e.meta.driverAdapterError.cause;
  if (e.code === "P2034") return { code: "40001", message: "write conflict" };
  if (e.code === "P2002") return { code: "23505", message: "unique constraint", constraint: typeof e.meta?.target === "string" ? e.meta.target : undefined };
  if (e.name === "DriverAdapterError" && e.cause && typeof e.cause === "object") return e.cause as Cause;
  return null;
}

// A pg error that says the connection failed rather than the statement: the pool sends a read
// again on a live connection (lib/db/pg-pool.ts).
const CONNECTION_SQLSTATES = new Set(["57P01", "57P02", "57P03"]);
const SOCKET_CODES = new Set(["ECONNRESET", "EPIPE", "ETIMEDOUT"]);
const ADAPTER_KINDS = new Set(["ConnectionClosed", "SocketTimeout"]);

/**
 * Whether an error says the connection failed rather than the statement: SQLSTATE class 08 or an
 * operator's shutdown (57P01–57P03), a reset socket, or pg's own "Connection terminated" and
 * "not queryable". Also as @prisma/adapter-pg wraps them (a DriverAdapterError's cause).
 */
export function isConnectionFailure(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown; cause?: { kind?: unknown; originalCode?: unknown } } | null;
  if (!e || typeof e !== "object") return false;
  // 08P01 is a malformed message: the statement's fault, not the connection's.
  if (typeof e.code === "string" && ((e.code.startsWith("08") && e.code !== "08P01") || CONNECTION_SQLSTATES.has(e.code) || SOCKET_CODES.has(e.code))) return true;
  if (typeof e.message === "string" && /^Connection terminated|is not queryable/.test(e.message)) return true;
  const cause = e.cause;
  if (cause && typeof cause === "object") {
    if (typeof cause.kind === "string" && ADAPTER_KINDS.has(cause.kind)) return true;
    if (typeof cause.originalCode === "string") return isConnectionFailure({ code: cause.originalCode });
  }
  return false;
}

export const isExclusionViolation = (f: DatabaseFailure | null) => f?.code === "23P01";
export const isRetryableConflict = (f: DatabaseFailure | null) => f?.code === "40001" || f?.code === "40P01";

/** What a refusal tells the person who caused it: a sentence, the rule it enforces, the field at fault. */
export type Refusal = { message: string; rule?: RuleId; field?: string };

const refused = (message: string, rule?: RuleId, field?: string): Refusal => ({ message: rule && !message.startsWith(`${rule}:`) ? `${rule}: ${message}` : message, rule, field });

/** Unique indexes and EXCLUDE and CHECK constraints, by name. */
export const BY_CONSTRAINT: Readonly<Record<string, Refusal>> = {
  // P8: the clash itself is named by lib/scheduling/clash.ts, which finds the session in the way.
  Session_room_no_overlap: refused("That room is already booked at that time. Nothing was saved.", "P8"),
  SessionClinician_no_overlap: refused("A clinician of this session is already booked at that time. Nothing was saved.", "P8"),
  SessionAttendee_no_overlap: refused("A partner is already in another session at that time. Nothing was saved.", "P8"),
  Session_one_integration_per_medicine_session: refused("that medicine session already has its integration; move that one instead.", "P4"),
  Session_ends_after_start: refused("a session must end after it starts.", "P10"),
  Session_room_required: refused("choose a room: only a medical evaluation may be held by telehealth.", "P9", "roomId"),
  Session_journeyer_iff_taking_turns: refused("a Taking Turns medicine session has exactly one journeyer, and no other session has one.", "P5", "journeyerId"),
  Session_integration_has_medicine_session: refused("an integration belongs to a medicine session, and nothing else does.", "P4"),
  Session_not_its_own_medicine_session: refused("a session cannot be its own medicine session.", "P4"),
  Session_kap_kind_in_cycle: refused("KAP sessions belong to a KAP cycle: start one for this couple first.", "P7", "kind"),
  Session_cancellation_recorded: refused("a cancellation is recorded with its reason.", "P10", "reason"),
  Session_series_is_couples_therapy: refused("only couples therapy is booked as a recurring series.", undefined, "kind"),
  SessionSeries_rule_bounded: refused("A series repeats every week or every two weeks, 2 to 104 times or until a date, at a time of day.", undefined, "count"),
  Clinic_session_lengths_positive: refused("Every session length must be at least 1 minute."),
  Clinic_preparations_nonnegative: refused("The number of preparation sessions cannot be negative.", "P2"),
  Clinic_integration_window: refused("the integration window must start no later than it ends.", "P4"),
  Clinic_low_dose_series: refused("a Low Dose Together series has at least 1 session, and its smallest size is not above its largest.", "P7"),
  Clinic_clearance_validity: refused("a clearance is valid for at least 1 day.", "P3", "clearanceValidityDays"),
  Clinic_opening_hours: refused("the clinic opens on at least one day, and opens before it closes.", "P10"),
  Clinic_vitals_limits: refused("The vitals limits must be positive, with the systolic limit above the diastolic."),
  Clinic_sign_in_timeouts: refused("The sign-in time-outs must be positive."),
  User_email_key: refused("An account with that email address already exists.", undefined, "email"),
  User_email_lower_case: refused("The email address must be stored in lower case.", undefined, "email"),
  User_has_a_role: refused("Give the account at least one role.", undefined, "roles"),
  Room_clinicId_name_key: refused("A room of that name already exists.", undefined, "name"),
  Room_capacity_positive: refused("a room holds at least 1 person.", "P9", "capacity"),
  Couple_two_distinct_partners: refused("A couple is two different people."),
  KapCycle_planned_count_positive: refused("a cycle plans at least one session.", "P7"),
  KapCycle_single_experience_is_taking_turns: refused("a single experience is one Taking Turns medicine session; Low Dose Together is a series.", "P5", "format"),
  Clearance_supersedesId_key: refused("that clearance has already been amended; open the amendment instead.", "P11"),
  Clearance_vitals_plausible: refused("Blood pressure and heart rate must be plausible readings, the diastolic below the systolic."),
  Clearance_valid_after_evaluation: refused("a clearance cannot end before its evaluation.", "P3", "validUntil"),
  Clearance_dose_positive: refused("the maximum dose must be more than 0 mg.", "P3", "maxDoseMg"),
  Clearance_cleared_is_complete: refused("a clearance that lets a partner dose names the models, the maximum dose and the route.", "P3"),
  Clearance_conditions_stated: refused("state the conditions of this clearance.", "P3", "conditions"),
  ClearanceRevocation_clearanceId_key: refused("this clearance has already been revoked.", "P3"),
  ClearanceRevocation_reason_given: refused("give the reason for revoking.", "P3", "reason"),
  DosingRecord_sessionId_clientId_key: refused("Someone else started this partner's dosing record at the same moment. Nothing was saved; please try again."),
  VitalsReading_plausible: refused("Blood pressure and heart rate must be plausible readings, the diastolic below the systolic."),
  DoseHoldOverride_reason_given: refused("Give the reason for letting the dose go ahead.", undefined, "reason"),
  Administration_dose_positive: refused("A dose is more than 0 mg.", undefined, "doseMg"),
  Administration_witness_is_another_person: refused("The witness must be someone other than the person giving the dose.", undefined, "witnessedById"),
  SubstanceLot_clinicId_lotNumber_key: refused("A lot with that number has already been received; record a count or a correction for it instead.", undefined, "lotNumber"),
  SubstanceLot_balance_not_negative: refused("That lot does not hold enough: a lot's balance never goes below zero. Choose another lot, or record a count if the log is wrong.", undefined, "lotId"),
  SubstanceLogEntry_administrationId_key: refused("That dose is already in the controlled-substance log."),
  SubstanceLogEntry_sign_matches_kind: refused("A receipt adds to a lot, a dose or a waste takes from it, a count changes nothing and a correction names the entry it corrects."),
  SubstanceLogEntry_waste_witnessed: refused("A waste is witnessed by someone other than the person recording it.", undefined, "witnessedById"),
  SubstanceLogEntry_administration_linked: refused("Only a dose recorded on a dosing day is logged as an administration."),
  Clinic_safety_screen_days: refused("the safety screen counts between 1 and 60 days before a medicine session.", "P12", "safetyScreenDays"),
  Clinic_note_late_hours: refused("a note is late after between 1 and 2,160 hours (90 days).", "P13", "noteLateHours"),
  SessionNote_sessionId_key: refused("this session already has its note; open it instead.", "P13"),
  NoteAddendum_note_signed: refused("an addendum corrects a signed note; sign the note first.", "P13"),
  NoteAddendum_text_given: refused("write the addendum's text.", "P13", "text"),
  MeasureResponse_answers_on_scale: refused("Every item needs an answer on its scale, and the total is their sum. Nothing was saved."),
  MeasureResponse_link_source: refused("A measure from a link is recorded with that link."),
  MeasureResponse_linkId_instrument_key: refused("This link has already been used. Nothing was saved."),
  MeasureLink_tokenHash_key: refused("Please try again: a new link could not be made."),
  MeasureLink_instruments: refused("Choose one to three different measures.", undefined, "instruments"),
  MeasureLink_expires_after_made: refused("A link expires after it is made."),
  SafetyReview_assessment_given: refused("write the assessment.", "P12", "assessment"),
  CalendarFeed_tokenHash_key: refused("Please try again: a new feed address could not be made."),
  CalendarFeed_room_iff_room_scope: refused("A room's feed names its room, and no other feed does.", undefined, "roomId"),
  CalendarFeed_one_live_per_scope: refused("You already have this feed: someone made it at the same moment. Reload the page to see it."),
  BackupRun_clinicId_day_key: refused("That day's scheduled backup has already been taken."),
  BackupRun_one_running: refused("A backup is already running. Wait for it to finish (a minute at most), then reload the page."),
  BackupRun_day_iff_scheduled: refused("A scheduled backup names its day, and no other backup does."),
  BackupRun_outcome_recorded: refused("A finished backup records its file, or why it failed."),
  Clinic_backup_settings: refused("The backup time is a time of day; keep 1 to 366 daily and 0 to 120 monthly backups."),
  Clinic_reminder_settings: refused("Reminders go 1 to 14 days before a session, at a time of day."),
  OutboxMessage_status_recorded: refused("A message being sent holds a claim, a sent one its time and a withdrawn one when."),
  OutboxMessage_key_key: refused("This message is already in the outbox."),
  OutboxMessage_one_recipient: refused("A message goes to one person: a partner or a member of staff."),
  Clinic_staff_digest_settings: refused("The morning digest is sent at a time of day.", undefined, "staffDigestAtMinute"),
  // Issue 14: opening hours per weekday and closures (lib/clinic/closures.ts says the same first, field by field).
  Clinic_weekday_hours: refused("each day's opening hours must open before they close, within the day.", "P10"),
  Closure_ends_after_start: refused("A closure must end after it starts.", undefined, "toDate"),
  Closure_span_bounded: refused("A closure spans at most 366 days; declare a longer one in parts.", undefined, "toDate"),
  Closure_reason_words: refused("Say why the clinic or room is closed, in under 200 characters.", undefined, "reason"),
};

/** Append-only tables (SQLSTATE KP001, raised by the migrations' triggers), by table. */
export const APPEND_ONLY: Readonly<Record<string, Refusal>> = {
  Clearance: refused("a signed clearance is never changed; record an amendment instead.", "P11"),
  ClearanceRevocation: refused("a revocation is never changed or withdrawn; record a new clearance instead.", "P11"),
  Administration: refused("A recorded dose is never changed; correct the controlled-substance log with a new entry that references it."),
  DoseHoldOverride: refused("A recorded override is never changed."),
  SubstanceLogEntry: refused("The controlled-substance log is never changed; correct an entry with a new one that references it."),
  AuditEvent: refused("The audit log is never changed."),
  SessionNote: refused("a signed note is never changed or deleted; add an addendum instead.", "P13"),
  NoteAddendum: refused("an addendum is never changed or deleted; add another addendum instead.", "P13"),
  MeasureResponse: refused("A recorded measure is never changed; record it again if it was entered wrongly."),
  MeasureLink: refused("This link has already been used. Nothing was saved."),
  SafetyReview: refused("a safety review is never changed; record a new review instead.", "P12"),
};

const BY_CODE: Record<string, Refusal> = {
  "40001": refused("Someone else changed this at the same moment. Nothing was saved; please try again."),
  "40P01": refused("Someone else changed this at the same moment. Nothing was saved; please try again."),
  "23505": refused("That is already recorded. Nothing was saved."),
  "23514": refused("That would break one of the clinic's rules for this record. Nothing was saved."),
  "23P01": refused("That time clashes with another booking of the same room, clinician or partner. Nothing was saved.", "P8"),
  "23503": refused("Something this refers to no longer exists. Reload the page and try again."),
  KP001: refused("That record is never changed once made; add a correction instead."),
};

/** Values out of range, by SQLSTATE class. */
const BY_CLASS: Record<string, Refusal> = {
  "22": refused("A value is out of the range the clinic's records can hold. Nothing was saved."),
};

const UNREACHABLE = refused("The database could not be reached. Nothing was saved; please try again in a moment.");

/** The words for a database's refusal, or null when the error is not one (then it is a defect). */
export function refusalOf(error: unknown): Refusal | null {
  const failure = databaseFailureOf(error);
  if (!failure) return null;
  if (failure.code === "KP001") {
    const table = /^(\w+) is append-only/.exec(failure.message)?.[1] ?? (failure.message.startsWith("P11: a signed clearance") ? "Clearance" : undefined);
    return (table && APPEND_ONLY[table]) || BY_CODE.KP001;
  }
  if (isConnectionFailure({ code: failure.code })) return UNREACHABLE;
  return (failure.constraint && BY_CONSTRAINT[failure.constraint]) || BY_CODE[failure.code] || BY_CLASS[failure.code.slice(0, 2)] || null;
}

/**
 * For a domain function's catch: the database's refusal as the app's own error (the table's
 * words, with the rule or the field at fault), or the error itself when it is not a refusal.
 */
export function asAppError(error: unknown): unknown {
  const refusal = refusalOf(error);
  if (!refusal || isRetryableConflict(databaseFailureOf(error))) return error;
  if (refusal.rule) return new RuleViolationError(refusal.rule, refusal.message);
  return new InvalidInputError(refusal.message, refusal.field ? { [refusal.field]: [refusal.message] } : {});
}
