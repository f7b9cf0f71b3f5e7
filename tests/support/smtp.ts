import { SMTPServer, type SMTPServerOptions } from "smtp-server";

// A real SMTP server in the test process (smtp-server), for the email reminders: it keeps every
// message it accepts, or refuses them all when told to.

export type Received = { to: string[]; messageId: string; subject: string; raw: string };

export type TestSmtp = { url: string; received: Received[]; refuse(reason: string | null): void; close(): Promise<void> };

function header(raw: string, name: string): string {
  const head = raw.split(/\r?\n\r?\n/)[0] ?? "";
  // Unfold continuation lines, then find the header.
  const unfolded = head.replace(/\r?\n[ \t]+/g, " ");
  return new RegExp(`^${name}:\\s*(.*)$`, "im").exec(unfolded)?.[1]?.trim() ?? "";
}

export async function startTestSmtp(): Promise<TestSmtp> {
  const received: Received[] = [];
  let refusal: string | null = null;
  const options: SMTPServerOptions = {
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (refusal) {
        const error = Object.assign(new Error(refusal), { responseCode: 550 });
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), messageId: header(raw, "Message-ID"), subject: header(raw, "Subject"), raw });
        callback();
      });
    },
  };
  const server = new SMTPServer(options);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refuse(reason) {
      refusal = reason;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
