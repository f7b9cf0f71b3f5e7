import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { requireStaff } from "@/lib/auth/session";

export const metadata = { title: "Help" };

// A page every signed-in person can open: what their roles let them do, and how to work the app
// from the keyboard. It reads nothing but the sign-in the layout has already checked, which makes
// it the bench's floor (the least a signed-in page costs: issue 16).
export default async function HelpPage() {
  const staff = await requireStaff();
  return (
    <>
      <PageHeader title="Help" description={`Signed in as ${staff.name} (${staff.roles.map((r) => ROLE_LABELS[r]).join(", ")}).`} />
      <div className="max-w-3xl space-y-8 text-sm leading-6 text-stone-800">
        <section aria-labelledby="roles">
          <h2 id="roles" className="mb-2 text-lg font-semibold">
            What each role does
          </h2>
          <ul className="list-disc space-y-1 pl-5">
            <li>
              <strong>Therapists</strong> plan and run their couples’ KAP cycles, write and sign session notes, record outcome measures and safety reviews.
            </li>
            <li>
              <strong>Psychiatrists</strong> evaluate each partner and record, amend or revoke medical clearance; they see the records of the partners they evaluate.
            </li>
            <li>
              <strong>Front desk</strong> books rooms and keeps the calendar, and declares closures (a clinic holiday, a room out of service); they see whether a partner is cleared, never why.
            </li>
            <li>
              <strong>Admins</strong> manage staff, rooms, the protocol settings (opening hours for each weekday among them), closures and backups, and read the audit log.
            </li>
          </ul>
          <p className="mt-2 text-stone-600">The links in the menu are the ones your roles open. Anything else is refused on the server whatever the address.</p>
        </section>
        <section aria-labelledby="keyboard">
          <h2 id="keyboard" className="mb-2 text-lg font-semibold">
            Working from the keyboard
          </h2>
          <ul className="list-disc space-y-1 pl-5">
            <li>
              <kbd className="rounded border border-stone-300 px-1">Tab</kbd> and <kbd className="rounded border border-stone-300 px-1">Shift</kbd>+
              <kbd className="rounded border border-stone-300 px-1">Tab</kbd> move between links, fields and buttons; <kbd className="rounded border border-stone-300 px-1">Enter</kbd>{" "}
              submits a form.
            </li>
            <li>Every action that cannot be undone (cancelling a session, signing a note, revoking a clearance or a feed) asks first.</li>
            <li>A refused form keeps what you typed and says which rule (P1–P13) or field is at fault.</li>
          </ul>
        </section>
        <section aria-labelledby="support">
          <h2 id="support" className="mb-2 text-lg font-semibold">
            Getting help
          </h2>
          <p>
            Ask your clinic’s admin for an account, a role or a password reset. The clinic’s rules are the protocol (P1–P13); the <Link href="/" className="text-brand-700 underline">Today</Link>{" "}
            page lists what needs you now.
          </p>
        </section>
      </div>
    </>
  );
}
