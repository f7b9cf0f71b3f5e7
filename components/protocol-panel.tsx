import type { CycleStatusPanel, PanelIntegration, PrerequisiteState } from "@/lib/protocol";

// The cycle's protocol status (issue 3) on the couple's page, for clinicians. Each item says its
// state in words; the colour only repeats it.

const PREREQUISITE_STATE: Record<PrerequisiteState, { text: string; style: string; mark: string }> = {
  met: { text: "Met", style: "bg-emerald-50 text-emerald-800 border-emerald-200", mark: "✓" },
  pending: { text: "Pending", style: "bg-amber-50 text-amber-900 border-amber-200", mark: "…" },
  missing: { text: "Missing", style: "bg-red-50 text-red-800 border-red-200", mark: "✗" },
  // P12's safety screen: a PHQ-9 or its safety review still to do, or a review that stopped dosing.
  due: { text: "Due", style: "bg-amber-50 text-amber-900 border-amber-200", mark: "!" },
  blocked: { text: "Blocked", style: "bg-red-50 text-red-800 border-red-200", mark: "✗" },
};

const INTEGRATION_STATE: Record<PanelIntegration["state"], { text: string; style: string; mark: string }> = {
  inside: { text: "Inside the window", style: PREREQUISITE_STATE.met.style, mark: "✓" },
  outside: { text: "Outside the window", style: PREREQUISITE_STATE.missing.style, mark: "✗" },
  missing: { text: "No integration", style: PREREQUISITE_STATE.missing.style, mark: "✗" },
  duplicate: { text: "More than one", style: PREREQUISITE_STATE.missing.style, mark: "✗" },
};

function State({ state }: { state: { text: string; style: string; mark: string } }) {
  return (
    <span className={`inline-flex w-44 shrink-0 items-center gap-1 rounded border px-2 py-0.5 text-xs font-medium ${state.style}`}>
      <span aria-hidden="true">{state.mark}</span>
      {state.text}
    </span>
  );
}

export function ProtocolPanel({ panel }: { panel: CycleStatusPanel }) {
  return (
    <section aria-labelledby="protocol-status" className="mb-8 rounded-lg border border-stone-200 bg-white p-4 text-sm" data-testid="protocol-panel">
      <h2 id="protocol-status" className="text-lg font-semibold">
        Protocol status
      </h2>
      <p className="mt-1 text-stone-700" data-testid="protocol-next-medicine">
        {panel.nextMedicineSession ? `Next medicine session: ${panel.nextMedicineSession.label}` : "No medicine session is booked yet: prerequisites as of today."}
      </p>

      <h3 id="protocol-prerequisites" className="mt-4 font-medium">
        Prerequisites {panel.nextMedicineSession ? "for the next medicine session" : "for a first medicine session"}
      </h3>
      <ul aria-labelledby="protocol-prerequisites" className="mt-2 space-y-1">
        {panel.prerequisites.map((p) => (
          <li key={`${p.what}-${p.partnerId ?? "couple"}`} className="flex items-start gap-3" data-testid="protocol-prerequisite" data-state={p.state}>
            <State state={PREREQUISITE_STATE[p.state]} />
            <span>
              {p.label} <span className="text-stone-500">({p.rule})</span>
              {p.rule === "P12" && p.state !== "met" && p.screenId && panel.nextMedicineSession && (
                <>
                  {" "}
                  <a className="text-brand-700 underline" href={`/sessions/${panel.nextMedicineSession.id}/dosing`}>
                    Record a safety review on the dosing day page
                  </a>
                </>
              )}
            </span>
          </li>
        ))}
      </ul>

      <h3 id="protocol-integrations" className="mt-4 font-medium">
        Integration window (P4)
      </h3>
      {panel.integrations.length === 0 ? (
        <p className="mt-2 text-stone-600">No medicine session booked.</p>
      ) : (
        <ul aria-labelledby="protocol-integrations" className="mt-2 space-y-1">
          {panel.integrations.map((i) => (
            <li key={i.medicineSessionId} className="flex items-start gap-3" data-testid="protocol-integration" data-state={i.state}>
              <State state={INTEGRATION_STATE[i.state]} />
              <span>{i.label}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
