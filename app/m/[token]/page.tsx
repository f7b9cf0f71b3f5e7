import type { Metadata } from "next";
import { headers } from "next/headers";
import { instrumentForm } from "@/components/measures/measure-items";
import { clientAddressFrom } from "@/lib/auth/address";
import { INSTRUMENTS } from "@/lib/measures/instruments";
import { LINK_WORDS, openMeasureLink } from "@/lib/measures/measure-links";
import { THROTTLED } from "@/lib/measures/link-throttle";
import { LinkAnswersForm } from "./_components/link-answers-form";

// A partner's one-time link to their questionnaires (PROTOCOL.md "Outcome measures"): no
// account and no sign-in, outside the clinic's pages. It shows the clinic's name and the
// questions, and nothing of the record: no names, no earlier answers.

export const metadata: Metadata = { title: "Your questionnaires", robots: { index: false, follow: false } };

const REFUSED = {
  unknown: LINK_WORDS.unknown,
  expired: LINK_WORDS.expired,
  used: "This link has already been used: the answers sent with it reached the clinic. Ask the clinic if you need a new one.",
  throttled: THROTTLED,
} as const;

export default async function MeasureLinkPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const h = await headers();
  const view = await openMeasureLink(token, clientAddressFrom((n) => h.get(n)));
  return (
    <main className="mx-auto max-w-3xl px-4 py-10 sm:px-6">
      {view.state === "open" ? (
        <>
          <h1 className="text-2xl font-semibold text-brand-900">{view.clinicName}</h1>
          <p className="mt-2 text-sm text-stone-700">
            Your clinician asked you to answer {view.instruments.length === 1 ? "this short questionnaire" : `these ${view.instruments.length} short questionnaires`}. Choose
            one answer for every question, then send. The link works once.
          </p>
          <LinkAnswersForm token={token} clinicName={view.clinicName} instruments={view.instruments.map((id) => instrumentForm(INSTRUMENTS[id]))} />
          {view.instruments.includes("PHQ9") && (
            <p className="mt-8 text-xs text-stone-500">
              If you are having thoughts of harming yourself, call or text 988 (the Suicide and Crisis Lifeline, US), call your local emergency number, or contact your clinician now.
            </p>
          )}
        </>
      ) : (
        <>
          <h1 className="text-2xl font-semibold text-brand-900">Your questionnaires</h1>
          <p className="mt-4 text-sm text-stone-700" data-testid={`link-${view.state}`}>
            {REFUSED[view.state]}
          </p>
        </>
      )}
    </main>
  );
}
