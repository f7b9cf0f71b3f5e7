import type { NextConfig } from "next";
import { ACTION_BODY_LIMIT_BYTES } from "./lib/http/action-request";

// Headers that are the same for every response. The Content Security Policy (a nonce per
// request) and HSTS (production only) are set in proxy.ts.
const SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  // Addresses hold record ids: none of them goes to another site.
  { key: "Referrer-Policy", value: "no-referrer" },
  // For browsers that predate CSP's frame-ancestors.
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

const nextConfig: NextConfig = {
  // PGlite loads its WebAssembly and extension bundles from its own package folder at run
  // time; bundled, it looks for them under /_next/static and every request fails.
  // So does pg_dump's (@electric-sql/pglite-tools: "Back up now" and the daily backup).
  serverExternalPackages: ["@electric-sql/pglite", "@electric-sql/pglite-tools", "pglite-prisma-adapter", "@node-rs/argon2", "@prisma/schema-engine-wasm"],
  allowedDevOrigins: ["127.0.0.1"],
  poweredByHeader: false,
  typedRoutes: false,
  headers: async () => [{ source: "/:path*", headers: SECURITY_HEADERS }],
  // The edge server (lib/http/edge.ts) refuses larger action bodies first, with a 413.
  experimental: { serverActions: { bodySizeLimit: ACTION_BODY_LIMIT_BYTES } },
};

export default nextConfig;
