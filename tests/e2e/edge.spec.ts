import fs from "node:fs";
import http from "node:http";
import { expect, test } from "@playwright/test";
import { demoUser } from "./support";
import { DEMO_PASSWORD } from "../../prisma/seed/demo-people";

// The probe's requests (issue 11, findings 6 and 7) over real HTTP against the real server
// (scripts/serve.mjs: Next.js behind lib/http/edge.ts). Requests that must be counted as one
// client come from their own loopback address (127.0.0.2, 127.0.0.3 …), so that tripping the
// per-address throttle does not lock out the other tests, which connect from 127.0.0.1.

const LIMIT = 1024 * 1024;
const BOUNDARY = "----kapEdgeProbe7MA4YWxk";
const MULTIPART = `multipart/form-data; boundary=${BOUNDARY}`;
const multipart = (rows: [string, string][]) =>
  rows.map(([name, value]) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`).join("") + `--${BOUNDARY}--\r\n`;
const nested = (depth: number) => "[".repeat(depth) + "]".repeat(depth);

/** A real action's id from the build's server reference manifest, as the browser sends it. */
function invitationActionId(): string {
  const manifest = JSON.parse(fs.readFileSync(".next/server/server-reference-manifest.json", "utf8")) as { node: Record<string, { filename: string; exportedName: string }> };
  const hit = Object.entries(manifest.node).find(([, a]) => a.filename === "app/sign-in/welcome/actions.ts" && a.exportedName === "acceptInvitationAction");
  if (!hit) throw new Error("acceptInvitationAction is not in the build's server reference manifest");
  return hit[0];
}

type Reply = { status: number; headers: http.IncomingHttpHeaders; body: string };

/**
 * One request from a chosen local address. A string body goes with its Content-Length; an array
 * of chunks with chunked transfer encoding, its length unknown until it ends.
 */
function send(base: string, options: { from?: string; method?: string; path: string; headers?: Record<string, string>; body?: string | string[] }): Promise<Reply> {
  const url = new URL(options.path, base);
  const length = typeof options.body === "string" ? { "content-length": String(Buffer.byteLength(options.body)) } : {};
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: options.method ?? "POST", headers: { ...length, ...options.headers }, localAddress: options.from ?? "127.0.0.1" }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on("error", reject);
    for (const chunk of Array.isArray(options.body) ? options.body : options.body === undefined ? [] : [options.body]) req.write(chunk);
    req.end();
  });
}

test.describe("malformed and cross-origin server-action posts answer 4xx, never 500", () => {
  let action: (headers: Record<string, string>, body: string | string[]) => Promise<Reply>;
  let origin: string;

  test.beforeAll(({ baseURL }) => {
    origin = baseURL!;
    const id = invitationActionId();
    action = (headers, body) => send(origin, { path: "/sign-in/welcome/probe", headers: { "next-action": id, accept: "text/x-component", origin, ...headers }, body });
  });

  test("a well-formed action post still reaches the action", async () => {
    const reply = await action({ "content-type": MULTIPART }, multipart([["_1_token", "not-a-token"], ["_1_password", "x"], ["0", '[null,"$K1"]']]));
    expect(reply.status).toBe(200);
    expect(reply.body).toContain('"ok":false');
  });

  test("the probe's bodies: bad JSON, deep nesting, truncated multipart, over 1 MB", async () => {
    const replies = {
      badJson: await action({ "content-type": "text/plain;charset=UTF-8" }, '[null,{"token":'),
      deepText: await action({ "content-type": "text/plain;charset=UTF-8" }, nested(100_000)),
      deepRow: await action({ "content-type": MULTIPART }, multipart([["0", nested(5_000)]])),
      truncated: await action({ "content-type": MULTIPART }, multipart([["_1_token", "t"], ["0", '[null,"$K1"]']]).slice(0, -12)),
      noBoundary: await action({ "content-type": "multipart/form-data" }, multipart([["0", "[]"]])),
      overLimit: await action({ "content-type": "text/plain;charset=UTF-8" }, `"${"x".repeat(LIMIT)}"`),
      overLimitChunked: await action({ "content-type": "text/plain;charset=UTF-8" }, Array.from({ length: 20 }, () => "x".repeat(64 * 1024))),
      json: await action({ "content-type": "application/json" }, "[]"),
      // Next applies the action to the root row: a string there is a TypeError, a 500.
      rootNotAList: await action({ "content-type": "text/plain;charset=UTF-8" }, '"x"'),
    };
    const statuses = Object.fromEntries(Object.entries(replies).map(([k, r]) => [k, r.status]));
    expect(statuses).toEqual({ badJson: 400, deepText: 400, deepRow: 400, truncated: 400, noBoundary: 400, overLimit: 413, overLimitChunked: 413, json: 415, rootNotAList: 400 });
    expect(replies.overLimit.body).toBe(`The request body is over ${LIMIT} bytes.\n`);
  });

  test("a form posted without JavaScript with a truncated body answers 400", async () => {
    const reply = await send(origin, { path: "/sign-in", headers: { origin, "content-type": MULTIPART }, body: multipart([["$ACTION_ID_00", ""]]).slice(0, -8) });
    expect(reply.status).toBe(400);
  });

  test("a cross-origin post answers 403; without an Origin it reaches the action, as in Next", async () => {
    const body = multipart([["_1_token", "t"], ["0", '[null,"$K1"]']]);
    const crossOrigin = await action({ "content-type": MULTIPART, origin: "https://evil.example" }, body);
    expect(crossOrigin.status).toBe(403);
    expect(crossOrigin.body).toBe("Cross-origin request refused.\n");
    expect((await action({ "content-type": MULTIPART, origin: "null" }, body)).status).toBe(403);
    // A client's own X-Forwarded-Host does not make another origin look like this one.
    expect((await action({ "content-type": MULTIPART, origin: "https://evil.example", "x-forwarded-host": "evil.example" }, body)).status).toBe(403);
    const withoutOrigin = { "next-action": invitationActionId(), accept: "text/x-component", "content-type": MULTIPART };
    expect((await send(origin, { path: "/sign-in/welcome/probe", headers: withoutOrigin, body })).status).toBe(200);
  });

  test("an unknown action id is Next's to answer: 4xx too", async () => {
    const reply = await send(origin, { path: "/sign-in", headers: { origin, "next-action": "7f" + "0".repeat(40), "content-type": "text/plain" }, body: "[]" });
    expect(reply.status).toBeGreaterThanOrEqual(400);
    expect(reply.status).toBeLessThan(500);
  });
});

/** A sign-in through next-auth's own endpoints, as the form does; the reply's redirect says how it went. */
async function signIn(base: string, from: string, email: string, password: string, forwardedFor: string): Promise<string> {
  const csrf = await send(base, { from, method: "GET", path: "/api/auth/csrf", headers: { "x-forwarded-for": forwardedFor } });
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const cookie = (csrf.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]).join("; ");
  const reply = await send(base, {
    from,
    path: "/api/auth/callback/credentials",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie, origin: base, "x-forwarded-for": forwardedFor },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${base}/` }).toString(),
  });
  return reply.headers.location ?? `HTTP ${reply.status}`;
}

test("a forged X-Forwarded-For does not dodge the per-address throttle: 20 failures from one socket address lock it", async ({ baseURL }) => {
  const from = "127.0.0.2";
  const run = Date.now().toString(36);
  // Four wrong passwords for each of five emails (the per-email lock takes five), each claiming
  // another address, then a sixth email: only the per-address count can refuse it.
  for (let i = 0; i < 20; i++) {
    const outcome = await signIn(baseURL!, from, `edge-${run}-${i % 5}@probe.test`, "wrong-password-123", `203.0.113.${i + 1}`);
    expect(outcome, `attempt ${i + 1}`).toContain("error=CredentialsSignin");
  }
  expect(await signIn(baseURL!, from, `edge-${run}-new@probe.test`, "wrong-password-123", "198.51.100.200")).toContain("error=Throttled");
  // Another client, at another address, is not affected.
  expect(await signIn(baseURL!, "127.0.0.4", `edge-${run}-other@probe.test`, "wrong-password-123", "198.51.100.200")).toContain("error=CredentialsSignin");
});

test("the audit log records the socket's address, not the one a client claims", async ({ baseURL, page }) => {
  const sam = demoUser("whitfield");
  const signedIn = await signIn(baseURL!, "127.0.0.3", sam.email, DEMO_PASSWORD, "198.51.100.23");
  expect(signedIn).not.toContain("error=");

  const admin = demoUser("morgan");
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signed-in-as")).toContainText(admin.name);
  await page.goto("/admin/audit");
  await page.getByLabel("Person").selectOption({ label: sam.name });
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByTestId("audit-row").filter({ hasText: "127.0.0.3" }).first()).toBeVisible();
  await expect(page.getByText("198.51.100.23")).toHaveCount(0);
});
