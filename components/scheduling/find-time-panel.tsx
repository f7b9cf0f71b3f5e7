"use client";

import { lazy, Suspense, useState } from "react";
import { Button } from "@/components/ui/button";
import type { SessionKindName } from "@/lib/sessions/labels";

// "Find a time" is loaded when it is opened: the couple page's first-load JavaScript stays
// within its budget (150 kB gzipped) with the search form and its slots in a chunk of their own.
// (React's lazy, not next/dynamic, whose own runtime costs the first load more than it saves.)
const FindTime = lazy(() => import("./find-time").then((m) => ({ default: m.FindTime })));

type Option = { id: string; name: string };

export function FindTimePanel(props: { coupleId: string; kinds: SessionKindName[]; partners: Option[]; psychiatrists: Option[]; defaultDate: string }) {
  const [open, setOpen] = useState(false);
  if (open) {
    return (
      <Suspense fallback={<p className="text-sm text-stone-600">Loading…</p>}>
        <FindTime {...props} />
      </Suspense>
    );
  }
  return (
    <div className="rounded-lg border border-stone-200 bg-white p-4 text-sm">
      <Button type="button" variant="secondary" aria-expanded={false} onClick={() => setOpen(true)}>
        Find a time…
      </Button>
      <span className="ml-3 text-stone-600">The next free slots for this couple that the protocol allows.</span>
    </div>
  );
}
