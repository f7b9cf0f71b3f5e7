import { z } from "zod";
import { PASSWORD_MAX_LENGTH, passwordProblem } from "../auth/password-policy";
import { STAFF_ROLES } from "../auth/permissions";

// The admin's staff forms. Roles come from a checkbox group: one value, several, or none.
const ZRoles = z.preprocess(
  (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.enum(STAFF_ROLES, { message: "Choose roles from the list." })).min(1, "Give the account at least one role."),
);
const ZStaffId = z.string().uuid("Choose a staff member.");
const ZPassword = z.string().max(PASSWORD_MAX_LENGTH * 4, "That password is too long.");

/**
 * A new account gets in either by an invitation link (they choose their own password: the
 * default) or with a first password the admin passes on.
 */
export const ZNewStaff = z
  .object({
    name: z.string().trim().min(1, "Enter the person's name.").max(120, "Keep the name under 120 characters."),
    email: z.string().trim().toLowerCase().email("Enter an email address, like name@clinic.com.").max(254),
    roles: ZRoles,
    method: z.enum(["invite", "password"], { message: "Choose how they get in." }).default("invite"),
    password: ZPassword.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.method !== "password") return;
    const problem = passwordProblem(v.password ?? "", v);
    if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
  });
export type TNewStaff = z.output<typeof ZNewStaff>;

export const ZStaffRoles = z.object({ staffId: ZStaffId, roles: ZRoles });
export type TStaffRoles = z.output<typeof ZStaffRoles>;

export const ZStaffPassword = z.object({ staffId: ZStaffId, password: ZPassword });
export type TStaffPassword = z.output<typeof ZStaffPassword>;

export const ZStaffActive = z.object({
  staffId: ZStaffId,
  active: z.enum(["true", "false"], { message: "Say whether the account is active." }).transform((v) => v === "true"),
});
export type TStaffActive = z.output<typeof ZStaffActive>;

export const ZStaffRef = z.object({ staffId: ZStaffId });

/** The welcome page's form: the link's token and the password the person chooses. */
export const ZAcceptInvitation = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, "This link is not valid."),
  password: ZPassword,
});
export type TAcceptInvitation = z.output<typeof ZAcceptInvitation>;
