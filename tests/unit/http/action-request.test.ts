import type { IncomingHttpHeaders } from "node:http";
import { expect, test } from "vitest";
import { ACTION_BODY_LIMIT_BYTES, actionRequestKind, isSameOrigin, refusalByHeaders } from "@/lib/http/action-request";

const MULTIPART = "multipart/form-data; boundary=----x";
const action = (headers: IncomingHttpHeaders, method = "POST") => ({ method, headers: { host: "clinic.test", "next-action": "7f00ab", ...headers } });

test("which requests Next would treat as server actions, as Next decides it", () => {
  expect(actionRequestKind(action({ "content-type": MULTIPART }))).toBe("fetch-multipart");
  expect(actionRequestKind(action({ "content-type": "text/plain;charset=UTF-8" }))).toBe("fetch-text");
  expect(actionRequestKind(action({ "content-type": "application/json" }))).toBe("fetch-other");
  expect(actionRequestKind(action({}))).toBe("fetch-other");
  // A multipart POST without the header may be a form posted without JavaScript.
  expect(actionRequestKind({ method: "POST", headers: { "content-type": MULTIPART } })).toBe("form-multipart");
  // Not actions: other methods, URL-encoded forms (next-auth's sign-in), JSON posts.
  expect(actionRequestKind(action({ "content-type": MULTIPART }, "GET"))).toBeNull();
  expect(actionRequestKind({ method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" } })).toBeNull();
  expect(actionRequestKind({ method: "POST", headers: { "content-type": "application/json" } })).toBeNull();
  expect(actionRequestKind({ method: "POST", headers: {} })).toBeNull();
});

test("Next's CSRF rule: an Origin must name the host, a missing one passes", () => {
  expect(isSameOrigin({ host: "clinic.test" })).toBe(true);
  expect(isSameOrigin({ host: "clinic.test", origin: "https://clinic.test" })).toBe(true);
  expect(isSameOrigin({ host: "clinic.test:3000", origin: "http://clinic.test:3000" })).toBe(true);
  expect(isSameOrigin({ host: "clinic.test", origin: "https://evil.test" })).toBe(false);
  expect(isSameOrigin({ host: "clinic.test", origin: "https://clinic.test:8443" })).toBe(false);
  expect(isSameOrigin({ host: "clinic.test", origin: "null" })).toBe(false);
  expect(isSameOrigin({ host: "clinic.test", origin: "not a url" })).toBe(false);
  expect(isSameOrigin({ origin: "https://clinic.test" })).toBe(false);
  // Behind a proxy that sets X-Forwarded-Host, its first entry is the host (the server drops the
  // header when no proxy is trusted).
  expect(isSameOrigin({ host: "app:3000", "x-forwarded-host": "clinic.test", origin: "https://clinic.test" })).toBe(true);
  expect(isSameOrigin({ host: "app:3000", "x-forwarded-host": "clinic.test, other.test", origin: "https://clinic.test" })).toBe(true);
  expect(isSameOrigin({ host: "clinic.test", "x-forwarded-host": "app:3000", origin: "https://clinic.test" })).toBe(false);
});

test("refusals decided from the headers: cross-origin 403, wrong content type 415, too long 413", () => {
  const ok = action({ "content-type": MULTIPART, origin: "https://clinic.test", "content-length": "512" });
  expect(refusalByHeaders(ok)).toBeNull();
  expect(refusalByHeaders(action({ "content-type": MULTIPART, "content-length": String(ACTION_BODY_LIMIT_BYTES) }))).toBeNull();
  expect(refusalByHeaders(action({ "content-type": MULTIPART, origin: "https://evil.test" }))?.status).toBe(403);
  expect(refusalByHeaders({ method: "POST", headers: { host: "clinic.test", "content-type": MULTIPART, origin: "null" } })?.status).toBe(403);
  expect(refusalByHeaders(action({ "content-type": "application/json" }))?.status).toBe(415);
  expect(refusalByHeaders(action({ "content-type": "application/x-www-form-urlencoded" }))?.status).toBe(415);
  expect(refusalByHeaders(action({ "content-type": MULTIPART, "content-length": String(ACTION_BODY_LIMIT_BYTES + 1) }))).toEqual({
    status: 413,
    message: `The request body is over ${ACTION_BODY_LIMIT_BYTES} bytes.`,
  });
  expect(refusalByHeaders(action({ "content-type": "text/plain", "content-length": "99999999999" }))?.status).toBe(413);
  // Requests that are not actions are Next's business, whatever they carry.
  expect(refusalByHeaders({ method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", origin: "https://evil.test" } })).toBeNull();
  expect(refusalByHeaders({ method: "GET", headers: { origin: "https://evil.test", "content-length": "99999999" } })).toBeNull();
});
