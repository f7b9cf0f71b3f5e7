import "server-only";
import { db } from "../db";
import { env } from "../env";
import { smtpMailer, type Mailer } from "./mailer";
import { queueReminders } from "./queue-reminders";
import { queueStaffDigests } from "./staff-digest";
import { sendDueMessages } from "./send-outbox";

// The email sender of the running server (instrumentation.ts starts it once per process, as the
// backup schedule). Every minute it queues the coming reminders (idempotent by key) and the
// clinicians' morning digests once their time has come, and, when SMTP is configured, sends what
// is due. Every worker of npm start runs it: the claim in the database (send-outbox.ts) is what
// makes each message go once.

const TICK_MS = 60_000;

/** The configured SMTP mailer, or null: with no SMTP (the embedded default) messages stay in the outbox. */
export function configuredMailer(): Mailer | null {
  return env.SMTP_URL && env.SMTP_FROM ? smtpMailer(env.SMTP_URL, env.SMTP_FROM) : null;
}

/** One worker's name on its claims: which process holds a message being sent. */
export function workerName(): string {
  return `kap-${process.pid}`;
}

const globalForSender = globalThis as unknown as { kapOutboxSender?: NodeJS.Timeout };

/** Starts the reminders in this server process (once, even if called again), unless KAP_EMAIL_SENDER=off. */
export function startOutboxSender(): void {
  if (env.KAP_EMAIL_SENDER === "off" || globalForSender.kapOutboxSender) return;
  const mailer = configuredMailer();
  let busy = false;
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      await queueReminders(db);
      await queueStaffDigests(db);
      if (mailer) {
        const { sent, failed } = await sendDueMessages(db, mailer, workerName());
        if (sent + failed > 0) console.log(`Email: ${sent} sent, ${failed} to try again (see /admin/outbox).`);
      }
    } catch (error) {
      console.error(`The email reminders could not run: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      busy = false;
    }
  };
  globalForSender.kapOutboxSender = setInterval(() => void tick(), TICK_MS);
  globalForSender.kapOutboxSender.unref();
  setTimeout(() => void tick(), 7_000).unref();
}
