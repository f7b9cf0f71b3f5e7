import { Badge, EmptyState, PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/session";
import { formatClinicDateTime } from "@/lib/format/clinic-time";
import { loadOutbox, type OutboxPage } from "@/lib/outbox/list-outbox";
import { RetryButton } from "./_components/retry-button";

export const metadata = { title: "Outbox" };

type Message = OutboxPage["waiting"][number];

const KINDS = { APPOINTMENT_REMINDER: "Appointment reminder", MEDICINE_PREPARATION: "Preparation (day before)", STAFF_DIGEST: "Clinician's morning digest" } as const;
const STATUSES = {
  QUEUED: { label: "Queued", tone: "neutral" },
  SENDING: { label: "Sending", tone: "warn" },
  SENT: { label: "Sent", tone: "brand" },
  FAILED: { label: "Failed", tone: "danger" },
  WITHDRAWN: { label: "Withdrawn", tone: "muted" },
} as const;

/** Why a message has not gone, in words. */
function reasonOf(m: Message, smtpConfigured: boolean, now: Date): string | null {
  if (m.status === "FAILED") return `Gave up after ${m.attempts} tries: ${m.lastError ?? "unknown error"}`;
  if (m.status !== "QUEUED") return null;
  if (m.lastError) return `Not sent yet (${m.attempts} ${m.attempts === 1 ? "try" : "tries"}): ${m.lastError}`;
  if (!smtpConfigured && m.dueAt <= now) return "Not sent: no SMTP configured";
  return null;
}

function MessageTable({ messages, zone, smtpConfigured, caption, testId }: { messages: Message[]; zone: string; smtpConfigured: boolean; caption: string; testId: string }) {
  const now = new Date();
  return (
    <table className="w-full rounded-lg border border-stone-200 bg-white text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead className="bg-stone-100 text-left text-stone-700">
        <tr>
          <th scope="col" className="px-3 py-2">Due</th>
          <th scope="col" className="px-3 py-2">To</th>
          <th scope="col" className="px-3 py-2">Message</th>
          <th scope="col" className="px-3 py-2">Status</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-stone-100">
        {messages.map((m) => {
          const reason = reasonOf(m, smtpConfigured, now);
          return (
            <tr key={m.id} data-testid={testId} className="align-top">
              <td className="whitespace-nowrap px-3 py-2">{formatClinicDateTime(m.dueAt, zone)}</td>
              <td className="px-3 py-2">
                {m.client ? `${m.client.firstName} ${m.client.lastName}` : (m.user?.name ?? "")}
                <span className="block break-all text-xs text-stone-600">{m.toAddress}</span>
              </td>
              <td className="px-3 py-2">
                <span className="block text-xs text-stone-600">{KINDS[m.kind]}</span>
                {m.kind === "STAFF_DIGEST" ? (
                  <span className="block">
                    {m.subject}
                    <span className="block text-xs text-stone-600">Its content is for the clinician only.</span>
                  </span>
                ) : (
                  <details>
                    <summary className="cursor-pointer">{m.subject}</summary>
                    <pre className="mt-2 whitespace-pre-wrap font-sans text-xs">{m.textBody}</pre>
                  </details>
                )}
              </td>
              <td className="px-3 py-2">
                <Badge tone={STATUSES[m.status].tone}>{STATUSES[m.status].label}</Badge>
                {m.sentAt && <span className="block text-xs text-stone-600">{formatClinicDateTime(m.sentAt, zone)}</span>}
                {m.withdrawnAt && <span className="block text-xs text-stone-600">{formatClinicDateTime(m.withdrawnAt, zone)}: the session moved, was cancelled or began first, or the partner opted out</span>}
                {reason && <p className="mt-1 text-xs text-red-800">{reason}</p>}
                {(m.status === "FAILED" || (m.status === "QUEUED" && m.lastError)) && smtpConfigured && (
                  <div className="mt-2">
                    <RetryButton messageId={m.id} subject={m.subject} />
                  </div>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export default async function OutboxPageView() {
  const admin = await requirePermission("outbox:read");
  const { timeZone: zone, waiting, done, smtpConfigured, sending } = await loadOutbox(admin);
  const how = !sending
    ? "This server neither queues nor sends email (KAP_EMAIL_SENDER=off)."
    : smtpConfigured
      ? "Each message is sent at its time through the configured SMTP server; one that fails is tried again, with its reason shown."
      : "No SMTP server is configured (SMTP_URL and SMTP_FROM), so nothing is sent: the messages wait here.";
  return (
    <>
      <PageHeader title="Outbox" description={<>Appointment reminders and preparation messages to partners, queued for each session of the coming days. {how}</>} />
      <section aria-labelledby="outbox-waiting" className="mb-8">
        <h2 id="outbox-waiting" className="mb-2 text-lg font-semibold">
          To go ({waiting.length})
        </h2>
        {waiting.length === 0 ? (
          <EmptyState>No message is waiting. Reminders are queued for the sessions of the coming days of partners with an email on file.</EmptyState>
        ) : (
          <MessageTable messages={waiting} zone={zone} smtpConfigured={smtpConfigured} caption={`Messages to go, soonest first (times in ${zone})`} testId="outbox-waiting" />
        )}
      </section>
      <section aria-labelledby="outbox-done">
        <h2 id="outbox-done" className="mb-2 text-lg font-semibold">
          Sent and withdrawn
        </h2>
        {done.length === 0 ? (
          <EmptyState>Nothing sent or withdrawn yet.</EmptyState>
        ) : (
          <MessageTable messages={done} zone={zone} smtpConfigured={smtpConfigured} caption={`Messages sent or withdrawn, latest first (times in ${zone})`} testId="outbox-done" />
        )}
      </section>
    </>
  );
}
