import type { RuleId } from "./protocol/types";

// One error type for rule violations (with the rule id) and one each for not-found and
// forbidden. Server actions turn these into messages; anything else is logged and shown as a
// generic error.

export class RuleViolationError extends Error {
  constructor(
    readonly rule: RuleId,
    message: string,
    readonly sessionIds: string[] = [],
  ) {
    super(message.startsWith(`${rule}:`) ? message : `${rule}: ${message}`);
    this.name = "RuleViolationError";
  }
}

/** Several violations at once (the engine reports all it finds). */
export class RuleViolationsError extends Error {
  constructor(readonly violations: RuleViolationError[]) {
    super(violations.map((v) => v.message).join(" "));
    this.name = "RuleViolationsError";
  }
}

export class NotFoundError extends Error {
  constructor(what: string) {
    super(`${what} was not found.`);
    this.name = "NotFoundError";
  }
}

export class ForbiddenError extends Error {
  constructor(message = "You do not have permission to do that.") {
    super(message);
    this.name = "ForbiddenError";
  }
}

/** Input that passed zod but breaks a rule of the data itself (a duplicate name, say). */
export class InvalidInputError extends Error {
  constructor(
    message: string,
    readonly fieldErrors: Record<string, string[]> = {},
  ) {
    super(message);
    this.name = "InvalidInputError";
  }
}
