// Every protocol rule, in rule-book order. The engine runs them all; each lives in its own file.
import { p1IntakeFirst } from "./p1-intake-first";
import { p2Preparation } from "./p2-preparation";
import { p3Clearance } from "./p3-clearance";
import { p4IntegrationWindow } from "./p4-integration-window";
import { p5TakingTurns } from "./p5-taking-turns";
import { p6Together } from "./p6-together";
import { p7CycleSize } from "./p7-cycle-size";
import { p8NoDoubleBooking } from "./p8-no-double-booking";
import { p9Rooms } from "./p9-rooms";
import { p10SessionLife } from "./p10-session-life";
import { p11WhoMay } from "./p11-who-may";
import { p12SafetyScreen } from "./p12-safety-screen";
import type { EngineRuleId, Rule } from "../types";

export const RULES: Record<EngineRuleId, Rule> = {
  P1: p1IntakeFirst,
  P2: p2Preparation,
  P3: p3Clearance,
  P4: p4IntegrationWindow,
  P5: p5TakingTurns,
  P6: p6Together,
  P7: p7CycleSize,
  P8: p8NoDoubleBooking,
  P9: p9Rooms,
  P10: p10SessionLife,
  P11: p11WhoMay,
  P12: p12SafetyScreen,
};
