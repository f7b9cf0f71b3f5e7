import { currentStaff } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { ZReportRange } from "@/lib/substance-log/input";
import { reportCsv, substanceLogReport } from "@/lib/substance-log/report";

/** The controlled-substance report for a date range as CSV; the export is audited. */
export async function GET(request: Request) {
  const staff = await currentStaff();
  if (!staff) return new Response("Please sign in.", { status: 401 });
  if (!can(staff.roles, "substance-log:read")) return new Response("You do not have permission to do that.", { status: 403 });
  const url = new URL(request.url);
  const range = ZReportRange.safeParse({ from: url.searchParams.get("from"), to: url.searchParams.get("to") });
  if (!range.success) return new Response(range.error.issues.map((i) => i.message).join(" "), { status: 400 });
  const report = await substanceLogReport(staff, range.data, "export");
  return new Response(reportCsv(report), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="substance-log-${range.data.from}-to-${range.data.to}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
