import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";

// Security headers that depend on the request or the environment: a Content Security Policy
// with a fresh nonce for every page (Next.js puts it on its own scripts), and HSTS in
// production. The fixed headers are in next.config.ts. This proxy checks no permissions: every
// page, action and route handler does that itself.

export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy(nonce);
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", csp);
  // Browsers ignore HSTS over plain http (RFC 6797 §8.1), so `next start` on http still works.
  if (env.NODE_ENV === "production" && env.KAP_INSECURE_HTTP !== "1") {
    response.headers.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  }
  return response;
}

export function contentSecurityPolicy(nonce: string): string {
  const dev = env.NODE_ENV === "development";
  const https = env.NEXTAUTH_URL?.startsWith("https://") ?? false;
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}'`,
    // Style attributes (a grid's column count) carry no script; nonces cannot cover them.
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

export const config = {
  matcher: [
    {
      source: "/((?!_next/static|_next/image|favicon.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
