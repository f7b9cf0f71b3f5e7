import { z } from "zod";
import { parseTrustedProxies } from "./http/trusted-proxies";

// The one place that reads process.env (STYLE.md). Everything else imports `env`.
const ZEnv = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** A postgres:// URL selects PostgreSQL; unset means the embedded database (PGlite). */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgres:// or postgresql:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** The embedded database's folder; `memory://` keeps it in memory (tests). */
  PGLITE_DIR: z.string().min(1).default(".data/pglite"),
  NEXTAUTH_SECRET: z.string().min(32, "NEXTAUTH_SECRET must be at least 32 characters").optional(),
  NEXTAUTH_URL: z.string().url().optional(),
  /** Set only by the demo start script and tests: lets the production server run without HSTS. */
  KAP_INSECURE_HTTP: z.enum(["0", "1"]).default("0"),
  /** Seed-only, for the end-to-end tests: the demo clinic opens every day, so its dosing day is today (prisma/seed). */
  KAP_DEMO_OPEN_EVERY_DAY: z.enum(["0", "1"]).default("0"),
  /** Where the app writes its backups: the daily scheduled ones and "Back up now" (lib/backups). */
  KAP_BACKUP_DIR: z.string().min(1).default(".data/backups"),
  /** "off": the server takes no scheduled backups (the benchmark's servers); "Back up now" still works. */
  KAP_SCHEDULED_BACKUPS: z.enum(["on", "off"]).default("on"),
  /**
   * Email reminders (lib/outbox): the SMTP server, smtp://user:password@host:587 (STARTTLS when the
   * server offers it) or smtps://…:465, and the From address. Unset: messages stay in the outbox.
   */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, "SMTP_URL must be an smtp:// or smtps:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  SMTP_FROM: z
    .string()
    .trim()
    .refine((value) => /^[^<>@\s]+@[^<>@\s]+\.[^<>@\s]+$/.test(value) || /^[^<>]*<[^<>@\s]+@[^<>@\s]+\.[^<>@\s]+>$/.test(value), "SMTP_FROM must be an email address, or a name and <address>")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** "off": this server neither queues nor sends email (the benchmark's servers). */
  KAP_EMAIL_SENDER: z.enum(["on", "off"]).default("on"),
  /**
   * How many server processes `npm start` runs on PostgreSQL (lib/http/workers.ts): unset for one
   * per core. The embedded database has one owner, so it is always served by one.
   */
  WEB_CONCURRENCY: z
    .string()
    .optional()
    .transform((value) => (value === undefined || value.trim() === "" ? undefined : Number(value)))
    .pipe(z.number({ error: "WEB_CONCURRENCY must be a whole number from 1 to 64" }).int().min(1).max(64).optional()),
  /**
   * The proxies that may say where a request came from (scripts/serve.mjs): unset for none (the
   * socket's address), a hop count, or addresses and CIDR ranges (lib/http/trusted-proxies.ts).
   */
  KAP_TRUSTED_PROXIES: z
    .string()
    .optional()
    .transform((value, ctx) => {
      try {
        return parseTrustedProxies(value);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: (error as Error).message });
        return z.NEVER;
      }
    }),
});

export type TEnv = z.infer<typeof ZEnv>;

/** The settings from an environment, or every problem with them in one message. */
export function parseEnv(source: Record<string, string | undefined>): TEnv {
  const parsed = ZEnv.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

export const env = parseEnv(process.env);

/** The session-signing secret. Production refuses to start without one; nothing is defaulted. */
export function authSecret(): string {
  if (env.NEXTAUTH_SECRET) return env.NEXTAUTH_SECRET;
  throw new Error(
    "NEXTAUTH_SECRET is not set. `npm start` generates one into .env.local for local use; " +
      "in production set it to a random value of at least 32 characters.",
  );
}
