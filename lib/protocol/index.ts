// The protocol engine's public API: pure TypeScript, no database, no React. Server actions call
// evaluateChange inside the transaction of their write; pages use the panel and the calendar.
export type * from "./types";
export { evaluateChange, checkCycle, sortViolations, type EvaluateOptions, type Evaluation } from "./engine";
export { consequencesOf, type Consequences } from "./consequences";
export { applyChange } from "./apply-change";
export { cycleStatusPanel, safetyScreenItems, type CycleStatusPanel, type PanelIntegration, type PanelPrerequisite, type PrerequisiteState } from "./status-panel";
export { flagsAfterRevocation } from "./revocation";
export { typicalComposition, cycleSizeNotices, type Composition, type CyclePart, type Bounds } from "./rules/p7-cycle-size";
export { PERMISSION_FOR_CHANGE, mayMakeChange, coupleFactsOf } from "./rules/p11-who-may";
export { RULES } from "./rules";
export {
  DEFAULT_SETTINGS,
  ZProtocolSettings,
  type TProtocolSettings,
  settingsFromClinic,
  settingsToClinic,
  type ClinicSettingsColumns,
  SESSION_KIND_LABELS,
  MODEL_LABELS,
} from "./settings";
export { integrationWindowWords } from "./labels";
export * from "./calendar";
export * from "./opening-hours";
export { describeSession, describeSessionSlot } from "./describe";
export { isMedicine, MEDICINE_KINDS } from "./cycle";
export { openWindowDays, medicineDayWorks, nearestMedicineDays } from "./rules/p4-integration-window";
