"use client";

import { useRouter } from "next/navigation";
import type { MouseEvent, ReactNode } from "react";

/**
 * Client-side navigation for a dense block of plain `<a>` links (the room calendar has hundreds).
 * A `<Link>` per cell made each one a client component to render and hydrate, and prefetched
 * every visible one: 343 requests to the server for one week view. One listener here instead:
 * a plain left click on a same-origin link inside becomes a router push; anything else (new tab,
 * modifier keys, another origin) is left to the browser. Enter on a focused link is a click too.
 */
export function SoftLinks({ children, className }: { children: ReactNode; className?: string }) {
  const router = useRouter();
  const onClick = (event: MouseEvent<HTMLDivElement>) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const anchor = (event.target as Element).closest("a");
    if (!anchor || !event.currentTarget.contains(anchor) || anchor.target || anchor.hasAttribute("download")) return;
    const url = new URL(anchor.href, window.location.href);
    if (url.origin !== window.location.origin) return;
    event.preventDefault();
    router.push(url.pathname + url.search + url.hash);
  };
  return (
    // The links inside are the interactive elements; this only delegates their clicks.
    <div className={className} onClick={onClick}>
      {children}
    </div>
  );
}
