import { dictionary } from "@zxcvbn-ts/language-common";

// What a new password must be (NIST SP 800-63B): long enough, not absurdly long, not on a list
// of passwords seen in breaches, not built on the person's own name or email. No composition
// rules: a long passphrase is better than "Passw0rd!".

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

// zxcvbn-ts's list of ~49,000 passwords most common in public breaches, as a set on first use.
let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  return (common ??= new Set(dictionary["passwords-common"].map((p) => p.toLowerCase())));
}

/** Why this password may not be used, in words for the form; null when it is fine. */
export function passwordProblem(password: string, person: { email?: string; name?: string } = {}): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return `Use at least ${PASSWORD_MIN_LENGTH} characters.`;
  if (length > PASSWORD_MAX_LENGTH) return `Use at most ${PASSWORD_MAX_LENGTH} characters.`;
  const lower = password.toLowerCase();
  // "password2024!" is "password" with decorations: strip digits and symbols at either end.
  const core = lower.replace(/^[\d\W_]+|[\d\W_]+$/g, "");
  if (commonPasswords().has(lower) || (core.length > 0 && commonPasswords().has(core))) {
    return "That password is on a list of common passwords. Choose another.";
  }
  if (/^(.{1,4})\1+$/.test(lower) || isRun(lower)) return "That password is a simple pattern. Choose another.";
  const own = [person.email?.split("@")[0], ...(person.name?.split(/\s+/) ?? [])]
    .map((w) => w?.toLowerCase().replace(/[^\p{L}\p{N}]/gu, ""))
    .filter((w): w is string => !!w && w.length >= 4);
  if (own.some((w) => lower.includes(w))) return "Do not use your name or email in your password.";
  return null;
}

/** "123456789012", "abcdefghijkl": each character one more (or less) than the one before. */
function isRun(text: string): boolean {
  const codes = [...text].map((c) => c.codePointAt(0)!);
  const step = codes[1] - codes[0];
  return Math.abs(step) === 1 && codes.every((c, i) => i === 0 || c - codes[i - 1] === step);
}
