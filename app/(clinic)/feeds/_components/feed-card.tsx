"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { useFormAction } from "@/components/ui/use-form-action";
import { makeOwnFeedAction, makeScheduleFeedAction, revokeFeedAction } from "../actions";

export type FeedCardProps = {
  title: string;
  hint: string;
  /** The live feed, its times already in the clinic's zone; null when there is none. */
  feed: { id: string; created: string; lastFetched: string | null } | null;
} & ({ kind: "own"; scope?: never; roomId?: never } | { kind: "schedule"; scope: "ROOM" | "CLINIC"; roomId?: string });

/**
 * One feed the person may have: make it, or see when it was made and last fetched, give it a
 * new address or revoke it (each asks first). A new address is shown once, to copy.
 */
export function FeedCard({ title, hint, feed, kind, scope, roomId }: FeedCardProps) {
  const make = useFormAction(kind === "own" ? makeOwnFeedAction : makeScheduleFeedAction);
  const revoke = useFormAction(revokeFeedAction);
  const [asking, setAsking] = useState<"regenerate" | "revoke" | null>(null);
  const [copied, setCopied] = useState(false);
  const headingId = `feed-${kind}-${scope ?? ""}-${roomId ?? ""}`;
  const address = make.state?.ok && feed?.id === make.state.data.feedId ? new URL(make.state.data.path, window.location.origin).href : null;
  const copy = () => {
    if (!address) return;
    navigator.clipboard.writeText(address).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  const error = (make.state && !make.state.ok && make.state.error) || (revoke.state && !revoke.state.ok && revoke.state.error) || null;
  const scopeFields = (
    <>
      {scope && <input type="hidden" name="scope" value={scope} />}
      {roomId && <input type="hidden" name="roomId" value={roomId} />}
    </>
  );
  return (
    <section aria-labelledby={headingId} className="space-y-3 rounded-lg border border-stone-200 bg-white p-4" data-testid={`feed-card-${kind === "own" ? "own" : (roomId ?? "clinic")}`}>
      <h2 id={headingId} className="font-semibold">
        {title}
      </h2>
      <p className="text-sm text-stone-600">{hint}</p>
      {error && <FormMessage tone="error">{error}</FormMessage>}
      {revoke.state?.ok && !feed && <FormMessage tone="success">Feed revoked: its address no longer answers.</FormMessage>}
      {address && (
        <div role="status" className="space-y-2 rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900" data-testid="feed-address">
          <p>Your feed’s address. Copy it now and add it to your calendar app as a subscription: it is not shown again.</p>
          <div className="flex gap-2">
            <label htmlFor={`${headingId}-url`} className="sr-only">
              Feed address
            </label>
            <input id={`${headingId}-url`} readOnly value={address} className="w-full rounded-md border border-stone-300 bg-white px-2 py-1 font-mono text-xs" onFocus={(e) => e.currentTarget.select()} />
            <Button type="button" variant="secondary" onClick={copy}>
              {copied ? "Copied" : "Copy"}
            </Button>
          </div>
        </div>
      )}
      {feed ? (
        <>
          <p className="text-sm text-stone-700" data-testid="feed-times">
            Made {feed.created}. Last fetched: {feed.lastFetched ?? "not yet"}.
          </p>
          {asking === null && (
            <div className="flex flex-wrap gap-3">
              <Button type="button" variant="secondary" onClick={() => setAsking("regenerate")}>
                New address…
              </Button>
              <Button type="button" variant="danger" onClick={() => setAsking("revoke")}>
                Revoke…
              </Button>
            </div>
          )}
          {asking === "regenerate" && (
            <form
              onSubmit={(e) => {
                setCopied(false);
                make.onSubmit(e);
                setAsking(null);
              }}
              aria-label={`New address for ${title}`}
              className="space-y-3 rounded-md border border-amber-200 bg-amber-50 p-3"
            >
              <p className="text-sm text-amber-900">The current address stops working at once; every calendar subscribed to it needs the new one.</p>
              {scopeFields}
              <div className="flex gap-3">
                <Button type="submit" disabled={make.pending}>
                  {make.pending ? "Making…" : "Confirm: make a new address"}
                </Button>
                <Button type="button" variant="secondary" onClick={() => setAsking(null)}>
                  Keep the current one
                </Button>
              </div>
            </form>
          )}
          {asking === "revoke" && (
            <form
              onSubmit={(e) => {
                revoke.onSubmit(e);
                setAsking(null);
              }}
              aria-label={`Revoke ${title}`}
              className="space-y-3 rounded-md border border-red-200 bg-red-50 p-3"
            >
              <p className="text-sm text-red-900">The address stops working at once, and calendars subscribed to it stop updating. This cannot be undone.</p>
              <input type="hidden" name="feedId" value={feed.id} />
              <div className="flex gap-3">
                <Button type="submit" variant="danger" disabled={revoke.pending}>
                  {revoke.pending ? "Revoking…" : "Confirm: revoke the feed"}
                </Button>
                <Button type="button" variant="secondary" onClick={() => setAsking(null)}>
                  Keep it
                </Button>
              </div>
            </form>
          )}
        </>
      ) : (
        <form
          onSubmit={(e) => {
            setCopied(false);
            make.onSubmit(e);
          }}
          aria-label={`Make ${title} feed`}
        >
          {scopeFields}
          <Button type="submit" disabled={make.pending}>
            {make.pending ? "Making…" : "Make a feed address"}
          </Button>
        </form>
      )}
    </section>
  );
}
