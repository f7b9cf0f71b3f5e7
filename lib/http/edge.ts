import { IncomingMessage, type ServerResponse } from "node:http";
import { CLIENT_ADDRESS_HEADER } from "../auth/address";
import { refusalByBody } from "./action-body";
import { ACTION_BODY_LIMIT_BYTES, actionRequestKind, refusalByHeaders, tooLarge, type Refusal } from "./action-request";
import { clientAddress, trustTest } from "./client-address";
import type { TrustedProxies } from "./trusted-proxies";

// What the app's own HTTP server does with a request before Next.js sees it (scripts/serve.mjs):
// 1. decides the client's address from the socket and the trusted proxies, and writes it into the
//    app's own header (and X-Forwarded-For), which lib/auth/address.ts reads;
// 2. answers malformed or cross-origin server-action posts with a 4xx, where Next would answer
//    500, and hands every other request to Next with the same bytes.

export type NextHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

// Headers Next.js reads to learn the public host and scheme; unless a trusted proxy sent the
// request, a client could have set them, so they are dropped and Next derives them from the
// connection.
const PROXY_HEADERS = ["x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "x-real-ip"];

export type EdgeHandlers = {
  request(req: IncomingMessage, res: ServerResponse): void;
  /** For `Expect: 100-continue`: a refused request is answered before it sends its body. */
  checkContinue(req: IncomingMessage, res: ServerResponse): void;
};

export function edgeHandlers(trusted: TrustedProxies, next: NextHandler): EdgeHandlers {
  const trust = trustTest(trusted);
  const prepared = new WeakSet<IncomingMessage>();
  const prepare = (req: IncomingMessage) => {
    if (prepared.has(req)) return;
    prepared.add(req);
    const address = clientAddress(req.socket.remoteAddress, joined(req.headers["x-forwarded-for"]), trust);
    // The app reads the address from its own header only (lib/auth/address.ts): a client's copy
    // of it is dropped first. X-Forwarded-For says the same, for anything else that logs it.
    delete req.headers[CLIENT_ADDRESS_HEADER];
    if (address) {
      req.headers[CLIENT_ADDRESS_HEADER] = address;
      req.headers["x-forwarded-for"] = address;
    } else {
      delete req.headers["x-forwarded-for"];
    }
    // Only a trusted proxy's word counts; a request straight from a client has none.
    if (!trust(req.socket.remoteAddress ?? "", 0)) for (const name of PROXY_HEADERS) delete req.headers[name];
  };

  const request = (req: IncomingMessage, res: ServerResponse) => {
    prepare(req);
    const refusal = refusalByHeaders(req);
    if (refusal) return refuse(res, refusal);
    const kind = actionRequestKind(req);
    if (kind === null || kind === "fetch-other") return void handOver(next, req, res);
    readWithin(req, ACTION_BODY_LIMIT_BYTES).then(
      async (body) => {
        if (body === "too-large") return refuse(res, tooLarge());
        const bodyRefusal = await refusalByBody(kind, req.headers["content-type"] ?? "", body);
        if (bodyRefusal) return refuse(res, bodyRefusal);
        await handOver(next, replay(req, body), res);
      },
      // The client went away mid-body: nobody is waiting for an answer.
      () => res.destroy(),
    );
  };

  const checkContinue = (req: IncomingMessage, res: ServerResponse) => {
    prepare(req);
    const refusal = refusalByHeaders(req);
    // The client waits for a word before it sends the body, so it never will: close after.
    if (refusal) return refuse(res, refusal, { close: true });
    res.writeContinue();
    request(req, res);
  };

  return { request, checkContinue };
}

async function handOver(next: NextHandler, req: IncomingMessage, res: ServerResponse) {
  try {
    await next(req, res);
  } catch (error) {
    // Next answers its own errors; this is a failure of Next itself.
    console.error(error);
    if (res.headersSent) res.destroy();
    else res.writeHead(500).end();
  }
}

function refuse(res: ServerResponse, { status, message }: Refusal, { close = false } = {}) {
  if (res.headersSent) return void res.destroy();
  res.writeHead(status, {
    ...(close ? { connection: "close" } : {}),
    "content-type": "text/plain; charset=utf-8",
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    "content-length": Buffer.byteLength(message) + 1,
  });
  res.end(`${message}\n`);
}

/** The whole body, or "too-large" as soon as it passes the limit (whatever Content-Length said). */
function readWithin(req: IncomingMessage, limit: number): Promise<Buffer | "too-large"> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return chunks.push(chunk);
      // Stop keeping it; Node discards the rest after the answer, bounded by its requestTimeout.
      req.off("data", onData);
      req.resume();
      resolve("too-large");
    };
    req.on("data", onData);
    req.on("end", () => resolve(Buffer.concat(chunks, size)));
    req.on("error", reject);
    req.on("close", () => req.complete || reject(new Error("aborted")));
  });
}

/** A request Next can read from the start: the same line and headers, the buffered body. */
function replay(req: IncomingMessage, body: Buffer): IncomingMessage {
  const copy = new IncomingMessage(req.socket);
  copy.method = req.method;
  copy.url = req.url;
  copy.httpVersionMajor = req.httpVersionMajor;
  copy.httpVersionMinor = req.httpVersionMinor;
  copy.httpVersion = req.httpVersion;
  copy.headers = req.headers;
  copy.rawHeaders = Object.entries(req.headers).flatMap(([name, value]) => (Array.isArray(value) ? value.flatMap((v) => [name, v]) : value === undefined ? [] : [name, value]));
  copy.complete = true;
  copy.push(body);
  copy.push(null);
  return copy;
}

function joined(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(",") : value;
}
