import type { IncomingHttpHeaders } from "node:http";

// Which requests Next.js would handle as server actions, and the refusals that can be decided
// from the request line and headers alone. Next's own answer to each of these is HTTP 500
// (node_modules/next/dist/server/app-render/action-handler.js turns its CSRF refusal, its 413
// and any decoding error into one), so the edge server answers them before Next sees them.

/** Next's `serverActions.bodySizeLimit` (next.config.ts sets it from this constant). */
export const ACTION_BODY_LIMIT_BYTES = 1024 * 1024;

export type Refusal = { status: 400 | 403 | 413 | 415; message: string };

/**
 * - `fetch-multipart`, `fetch-text`: the browser's fetch of an action (Next-Action header), its
 *   arguments encoded by React as multipart rows or, for simple values, one JSON text.
 * - `form-multipart`: any multipart POST, which may be a form posted without JavaScript; Next
 *   parses it to find out.
 */
export type ActionRequestKind = "fetch-multipart" | "fetch-text" | "form-multipart";

export type RequestHead = { method?: string; headers: IncomingHttpHeaders };

// Mirrors getServerActionRequestMetadata (next/dist/server/lib/server-action-request-meta.js).
// Next tests the content type with a case-sensitive startsWith, so this does too.
const isMultipart = (contentType: string | undefined) => contentType?.startsWith("multipart/form-data") ?? false;

/** What Next would do with this request's body, or null when it is not a possible action. */
export function actionRequestKind({ method, headers }: RequestHead): ActionRequestKind | "fetch-other" | null {
  if (method !== "POST") return null;
  const contentType = headers["content-type"];
  if (typeof headers["next-action"] === "string") {
    if (isMultipart(contentType)) return "fetch-multipart";
    return mediaType(contentType) === "text/plain" ? "fetch-text" : "fetch-other";
  }
  return isMultipart(contentType) ? "form-multipart" : null;
}

/** The refusal this request earns before its body is read, or null to read on. */
export function refusalByHeaders(head: RequestHead, limitBytes = ACTION_BODY_LIMIT_BYTES): Refusal | null {
  const kind = actionRequestKind(head);
  if (kind === null) return null;
  if (!isSameOrigin(head.headers)) return { status: 403, message: "Cross-origin request refused." };
  // React sends an action's arguments as multipart or as text; Next answers anything else with
  // 404 (URL-encoded) or decodes it as text and fails.
  if (kind === "fetch-other") return { status: 415, message: "A server action takes multipart/form-data or text/plain." };
  const length = head.headers["content-length"];
  if (length !== undefined && !(/^\d+$/.test(length) && Number(length) <= limitBytes)) return tooLarge(limitBytes);
  return null;
}

export function tooLarge(limitBytes = ACTION_BODY_LIMIT_BYTES): Refusal {
  return { status: 413, message: `The request body is over ${limitBytes} bytes.` };
}

/**
 * Next's CSRF rule for actions: an Origin, when there is one, must name the host the request was
 * sent to (the first X-Forwarded-Host entry, else Host). A missing Origin passes, as in Next:
 * browsers send it on every POST, so only hand-made requests lack it.
 */
export function isSameOrigin(headers: IncomingHttpHeaders): boolean {
  const origin = headers.origin;
  if (origin === undefined) return true;
  const forwardedHost = headers["x-forwarded-host"];
  const host = (Array.isArray(forwardedHost) ? forwardedHost[0] : forwardedHost?.split(",")[0]?.trim()) || headers.host;
  if (!host) return false;
  if (origin === "null") return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

function mediaType(contentType: string | undefined): string | undefined {
  return contentType?.split(";")[0].trim().toLowerCase();
}
