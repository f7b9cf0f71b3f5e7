import { Badge, EmptyState, PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/session";
import { loadBackups, type BackupsPage } from "@/lib/backups/list-backups";
import { timeOfDay } from "@/lib/clinic/settings-input";
import { formatBytes } from "@/lib/format/bytes";
import { formatClinicDateTime, formatDateOnly } from "@/lib/format/clinic-time";
import { BackUpNow } from "./_components/back-up-now";
import { RetentionForm } from "./_components/retention-form";

export const metadata = { title: "Backups" };

type Run = BackupsPage["runs"][number];

const OUTCOMES = { OK: { label: "OK", tone: "brand" }, FAILED: { label: "Failed", tone: "danger" }, RUNNING: { label: "Running", tone: "warn" } } as const;

function kindOf(run: Run): string {
  return run.trigger === "SCHEDULED" ? `Daily (${run.day ? formatDateOnly(run.day) : ""})` : `Back up now${run.startedBy ? ` by ${run.startedBy.name}` : ""}`;
}

/** The last finished backup, large: a failure must not go unseen. */
function LastResult({ run, timeZone }: { run: Run | undefined; timeZone: string }) {
  if (!run) return null;
  const failed = run.outcome === "FAILED";
  return (
    <section
      aria-labelledby="last-backup"
      data-testid="last-backup"
      className={`mb-6 rounded-lg border p-4 ${failed ? "border-red-300 bg-red-50 text-red-900" : "border-emerald-200 bg-emerald-50 text-emerald-900"}`}
    >
      <h2 id="last-backup" className="text-lg font-semibold">
        {failed ? "The last backup failed" : "The last backup worked"}
      </h2>
      <p className="mt-1 text-sm">
        {formatClinicDateTime(run.startedAt, timeZone)} · {kindOf(run)}
        {run.sizeBytes !== null && ` · ${formatBytes(run.sizeBytes)}`}
        {run.fileName && ` · ${run.fileName}`}
      </p>
      {failed && <p className="mt-2 text-sm font-medium">{run.error}</p>}
    </section>
  );
}

export default async function BackupsPageView() {
  const admin = await requirePermission("backup:manage");
  const { settings, runs, folder, next, scheduled } = await loadBackups(admin.clinicId);
  const zone = settings.timeZone;
  const last = runs.find((r) => r.outcome !== "RUNNING");
  const schedule = scheduled
    ? `The server backs up the whole database every day at ${timeOfDay(settings.backupAtMinute)} clinic time (next: ${formatClinicDateTime(next.at, zone)}).`
    : "Scheduled backups are off on this server (KAP_SCHEDULED_BACKUPS=off); Back up now still works.";
  return (
    <>
      <PageHeader
        title="Backups"
        description={
          <>
            {schedule} Files are written to <code className="rounded bg-stone-100 px-1">{folder}</code>, readable by the server&apos;s user only: copy them off this machine daily.
          </>
        }
        actions={<BackUpNow />}
      />
      <LastResult run={last} timeZone={zone} />
      <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
        <section aria-labelledby="backup-list" className="self-start">
          <h2 id="backup-list" className="mb-2 text-lg font-semibold">
            Backups taken
          </h2>
          {runs.length === 0 ? (
            <EmptyState>No backups yet. The first daily one is taken within a minute of the server starting, or press Back up now.</EmptyState>
          ) : (
            <table className="w-full rounded-lg border border-stone-200 bg-white text-sm">
              <caption className="sr-only">Backups, newest first (times in {zone})</caption>
              <thead className="bg-stone-100 text-left text-stone-700">
                <tr>
                  <th scope="col" className="px-3 py-2">Started</th>
                  <th scope="col" className="px-3 py-2">Kind</th>
                  <th scope="col" className="px-3 py-2">Outcome</th>
                  <th scope="col" className="px-3 py-2">Size</th>
                  <th scope="col" className="px-3 py-2">File</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-100">
                {runs.map((run) => (
                  <tr key={run.id} data-testid="backup-row" className="align-top">
                    <td className="whitespace-nowrap px-3 py-2">{formatClinicDateTime(run.startedAt, zone)}</td>
                    <td className="px-3 py-2">{kindOf(run)}</td>
                    <td className="px-3 py-2">
                      <Badge tone={OUTCOMES[run.outcome].tone}>{OUTCOMES[run.outcome].label}</Badge>
                      {run.error && <p className="mt-1 text-xs text-red-800">{run.error}</p>}
                    </td>
                    <td className="whitespace-nowrap px-3 py-2">{run.sizeBytes === null ? "—" : formatBytes(run.sizeBytes)}</td>
                    <td className="px-3 py-2 break-all">
                      {run.fileName ?? "—"}
                      {run.prunedAt && <span className="block text-xs text-stone-500">Deleted by retention on {formatClinicDateTime(run.prunedAt, zone)}</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <RetentionForm settings={{ time: timeOfDay(settings.backupAtMinute), keepDaily: settings.backupKeepDaily, keepMonthly: settings.backupKeepMonthly, timeZone: zone }} />
      </div>
    </>
  );
}
