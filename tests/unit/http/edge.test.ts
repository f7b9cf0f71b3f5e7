import http, { type IncomingHttpHeaders, type IncomingMessage } from "node:http";
import { connect, type AddressInfo } from "node:net";
import { afterEach, expect, test } from "vitest";
import { CLIENT_ADDRESS_HEADER } from "@/lib/auth/address";
import { ACTION_BODY_LIMIT_BYTES } from "@/lib/http/action-request";
import { edgeHandlers } from "@/lib/http/edge";
import { parseTrustedProxies } from "@/lib/http/trusted-proxies";

// The edge in front of a stand-in for Next that records what reached it, over real HTTP.

type Seen = { method?: string; url?: string; headers: IncomingHttpHeaders; body: string };
const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function serve(setting?: string) {
  const seen: Seen[] = [];
  const next = async (req: IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    seen.push({ method: req.method, url: req.url, headers: { ...req.headers }, body: Buffer.concat(chunks).toString() });
    res.end("next");
  };
  const edge = edgeHandlers(parseTrustedProxies(setting), next);
  const server = http.createServer(edge.request);
  server.on("checkContinue", edge.checkContinue);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, seen };
}

/** One HTTP/1.1 exchange written by hand (fetch cannot declare a length it does not send). */
function raw(origin: string, request: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(origin);
    const socket = connect(Number(url.port), url.hostname, () => socket.write(request));
    let text = "";
    socket.on("data", (data) => {
      text += data.toString();
      const [head, ...rest] = text.split("\r\n\r\n");
      const body = rest.join("\r\n\r\n");
      const length = /content-length: (\d+)/i.exec(head)?.[1];
      if (length === undefined || Buffer.byteLength(body) < Number(length)) return;
      socket.destroy();
      resolve({ status: Number(head.split(" ")[1]), body });
    });
    socket.on("error", reject);
  });
}

const BOUNDARY = "----kapEdge";
const multipart = (rows: [string, string][]) =>
  rows.map(([n, v]) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${n}"\r\n\r\n${v}\r\n`).join("") + `--${BOUNDARY}--\r\n`;
const actionHeaders = (origin: string, contentType = `multipart/form-data; boundary=${BOUNDARY}`) => ({ "next-action": "7f00ab", origin, "content-type": contentType });

test("the app's address header and X-Forwarded-For carry the socket's address when no proxy is trusted", async () => {
  const { origin, seen } = await serve();
  await fetch(origin, { headers: { "x-forwarded-for": "203.0.113.9", "x-real-ip": "203.0.113.9", "x-forwarded-host": "evil.test", "x-forwarded-proto": "https", [CLIENT_ADDRESS_HEADER]: "203.0.113.9" } });
  await fetch(origin);
  expect(seen.map((s) => s.headers["x-forwarded-for"])).toEqual(["127.0.0.1", "127.0.0.1"]);
  // A client's own copy of the app's header is replaced, never passed on.
  expect(seen.map((s) => s.headers[CLIENT_ADDRESS_HEADER])).toEqual(["127.0.0.1", "127.0.0.1"]);
  expect(seen[0].headers["x-real-ip"]).toBeUndefined();
  expect(seen[0].headers["x-forwarded-host"]).toBeUndefined();
  expect(seen[0].headers["x-forwarded-proto"]).toBeUndefined();
});

test("behind a trusted proxy, the entry it appended is the address, and its host headers stay", async () => {
  const { origin, seen } = await serve("loopback");
  await fetch(origin, { headers: { "x-forwarded-for": "192.0.2.1, 198.51.100.7", "x-forwarded-host": "clinic.test", "x-forwarded-proto": "https" } });
  expect(seen[0].headers["x-forwarded-for"]).toBe("198.51.100.7");
  expect(seen[0].headers[CLIENT_ADDRESS_HEADER]).toBe("198.51.100.7");
  expect(seen[0].headers["x-forwarded-host"]).toBe("clinic.test");
  // A request that did not come through a trusted proxy: its forwarding headers are its own words.
  const elsewhere = await serve("10.0.0.0/8");
  await fetch(elsewhere.origin, { headers: { "x-forwarded-for": "198.51.100.7", "x-forwarded-host": "clinic.test" } });
  expect(elsewhere.seen[0].headers["x-forwarded-for"]).toBe("127.0.0.1");
  expect(elsewhere.seen[0].headers["x-forwarded-host"]).toBeUndefined();
  const hops = await serve("2");
  await fetch(hops.origin, { headers: { "x-forwarded-for": "192.0.2.1, 198.51.100.7, 10.0.0.2" } });
  expect(hops.seen[0].headers["x-forwarded-for"]).toBe("198.51.100.7");
});

test("actions reach Next with the same bytes: multipart, text and a form posted without JavaScript", async () => {
  const { origin, seen } = await serve();
  const body = multipart([["_1_coupleId", "c1"], ["_1_note", "é ü 😀"], ["0", '[null,"$K1"]']]);
  const text = '["$h1",{"a":[1,2,3]}]';
  const form = multipart([["$ACTION_ID_7f00ab", ""], ["note", "hello"]]);
  const answers = await Promise.all([
    fetch(origin + "/couples/c1?x=1", { method: "POST", headers: actionHeaders(origin), body }),
    fetch(origin, { method: "POST", headers: actionHeaders(origin, "text/plain;charset=UTF-8"), body: text }),
    fetch(origin + "/calendar", { method: "POST", headers: { origin, "content-type": `multipart/form-data; boundary=${BOUNDARY}` }, body: form }),
  ]);
  expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
  expect(seen.map((s) => s.body).sort()).toEqual([body, text, form].sort());
  const multipartSeen = seen.find((s) => s.body === body)!;
  expect(multipartSeen).toMatchObject({ method: "POST", url: "/couples/c1?x=1" });
  expect(multipartSeen.headers["next-action"]).toBe("7f00ab");
  expect(multipartSeen.headers["x-forwarded-for"]).toBe("127.0.0.1");
});

test("a chunked body of exactly the limit passes; one byte more is 413 and never reaches Next", async () => {
  const { origin, seen } = await serve();
  const row = (size: number) => `["${"x".repeat(size - 4)}"]`;
  const fits = row(ACTION_BODY_LIMIT_BYTES);
  const chunked = (text: string) =>
    new ReadableStream({
      start(controller) {
        for (let i = 0; i < text.length; i += 64 * 1024) controller.enqueue(new TextEncoder().encode(text.slice(i, i + 64 * 1024)));
        controller.close();
      },
    });
  const post = (text: string) => fetch(origin, { method: "POST", headers: actionHeaders(origin, "text/plain"), body: chunked(text), duplex: "half" } as RequestInit);
  expect((await post(fits)).status).toBe(200);
  const over = await post(row(ACTION_BODY_LIMIT_BYTES + 1));
  expect(over.status).toBe(413);
  expect(await over.text()).toBe(`The request body is over ${ACTION_BODY_LIMIT_BYTES} bytes.\n`);
  expect(seen).toHaveLength(1);
});

test("refusals: cross-origin 403, a declared oversize 413 before the body, garbage 400, JSON 415", async () => {
  const { origin, seen } = await serve();
  const post = (headers: Record<string, string>, body: string) => fetch(origin, { method: "POST", headers, body });
  const ok = multipart([["0", "[]"]]);
  expect((await post(actionHeaders("https://evil.test"), ok)).status).toBe(403);
  expect((await post({ ...actionHeaders(origin), "x-forwarded-host": "evil.test" }, ok)).status).toBe(200);
  expect((await post(actionHeaders(origin), ok.slice(0, -10))).status).toBe(400);
  expect((await post(actionHeaders(origin, "text/plain"), "[[[")).status).toBe(400);
  expect((await post(actionHeaders(origin, "application/json"), "[]")).status).toBe(415);
  const declared = await raw(origin, `POST / HTTP/1.1\r\nHost: x\r\nNext-Action: 7f00ab\r\nContent-Type: text/plain\r\nContent-Length: ${ACTION_BODY_LIMIT_BYTES + 1}\r\n\r\n`);
  expect(declared).toEqual({ status: 413, body: `The request body is over ${ACTION_BODY_LIMIT_BYTES} bytes.\n` });
  expect(seen).toHaveLength(1);
});

test("Expect: 100-continue: a refused request is answered before it sends its body", async () => {
  const { origin, seen } = await serve();
  const refused = await raw(origin, `POST / HTTP/1.1\r\nHost: x\r\nOrigin: https://evil.test\r\nNext-Action: 7f00ab\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n`);
  expect(refused.status).toBe(403);
  expect(seen).toHaveLength(0);
});
