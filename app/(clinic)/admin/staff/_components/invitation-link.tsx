"use client";

import { useSyncExternalStore } from "react";

const noop = () => () => {};

/** A one-time link, shown once to the admin who made it, to pass on to the person. */
export function InvitationLink({ token, name }: { token: string; name: string }) {
  const origin = useSyncExternalStore(noop, () => window.location.origin, () => "");
  const link = `${origin}/sign-in/welcome/${token}`;
  return (
    <div className="space-y-1 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900" role="status" data-testid="invitation">
      <p>
        Give {name} this link in person or by a secure message. It works once, for 72 hours, and is not shown again.
      </p>
      <input readOnly value={link} aria-label="Link to choose a password" className="block w-full rounded border border-emerald-300 bg-white px-2 py-1 font-mono text-xs" onFocus={(e) => e.currentTarget.select()} />
    </div>
  );
}
