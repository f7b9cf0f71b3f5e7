"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { useFormAction } from "@/components/ui/use-form-action";
import { revokeStaffFeedAction } from "../feed-actions";

export type StaffFeed = { id: string; name: string; created: string; lastFetched: string | null };

/** A staff member's live calendar feeds, for an admin: each can be revoked (after a confirmation). */
export function StaffFeeds({ staffName, feeds }: { staffName: string; feeds: StaffFeed[] }) {
  const { state, pending, onSubmit } = useFormAction(revokeStaffFeedAction);
  const [asking, setAsking] = useState<string | null>(null);
  return (
    <section aria-labelledby="staff-feeds" className="space-y-3 rounded-lg border border-stone-200 bg-white p-4 lg:col-span-2">
      <h2 id="staff-feeds" className="font-semibold">
        Calendar feeds
      </h2>
      {state && !state.ok && <FormMessage tone="error">{state.error}</FormMessage>}
      {state?.ok && <FormMessage tone="success">Feed revoked: its address no longer answers.</FormMessage>}
      {feeds.length === 0 ? (
        <p className="text-sm text-stone-600">{staffName} has no calendar feed.</p>
      ) : (
        <ul className="divide-y divide-stone-100">
          {feeds.map((feed) => (
            <li key={feed.id} className="flex flex-wrap items-center justify-between gap-3 py-2 text-sm">
              <span>
                <span className="font-medium">{feed.name}</span> · made {feed.created} · last fetched {feed.lastFetched ?? "not yet"}
              </span>
              {asking === feed.id ? (
                <form
                  onSubmit={(e) => {
                    onSubmit(e);
                    setAsking(null);
                  }}
                  aria-label={`Revoke ${staffName}'s feed ${feed.name}`}
                  className="flex flex-wrap items-center gap-2"
                >
                  <input type="hidden" name="feedId" value={feed.id} />
                  <span className="text-red-900">Its address stops working at once.</span>
                  <Button type="submit" variant="danger" disabled={pending}>
                    {pending ? "Revoking…" : "Confirm: revoke"}
                  </Button>
                  <Button type="button" variant="secondary" onClick={() => setAsking(null)}>
                    Keep it
                  </Button>
                </form>
              ) : (
                <Button type="button" variant="danger" onClick={() => setAsking(feed.id)}>
                  Revoke…
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
