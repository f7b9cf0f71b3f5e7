import { clientAddressFrom } from "@/lib/auth/address";
import { LINK_THROTTLE } from "@/lib/measures/link-throttle";
import { fetchFeed } from "@/lib/feeds/fetch-feed";
import { tokenOfFeedFile } from "@/lib/feeds/manage-feeds";

// A staff member's calendar feed (`/feeds/<token>.ics`), fetched by their calendar app without a
// session: the token is the credential (lib/feeds/fetch-feed.ts checks it, the owner and the
// scope on every fetch). An unknown, revoked, mistyped or malformed address, or one whose owner
// was deactivated, gets the same 404 with the same body: nothing says whether it ever existed.

export const dynamic = "force-dynamic";

const NOT_FOUND = "Not found.\n";

const PRIVATE = { "Cache-Control": "private, no-store", "X-Robots-Tag": "noindex, nofollow" } as const;

export async function GET(request: Request, { params }: { params: Promise<{ file: string }> }) {
  const { file } = await params;
  const reply = await fetchFeed(tokenOfFeedFile(file), clientAddressFrom((name) => request.headers.get(name)));
  if (reply.state === "throttled") {
    return new Response(`Too many tries from your network. Please wait ${LINK_THROTTLE.windowMinutes} minutes.\n`, {
      status: 429,
      headers: { ...PRIVATE, "Content-Type": "text/plain; charset=utf-8", "Retry-After": String(LINK_THROTTLE.windowMinutes * 60) },
    });
  }
  if (reply.state === "not-found") return new Response(NOT_FOUND, { status: 404, headers: { ...PRIVATE, "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(reply.body, {
    headers: { ...PRIVATE, "Content-Type": "text/calendar; charset=utf-8", "Content-Disposition": 'inline; filename="calendar.ics"' },
  });
}
