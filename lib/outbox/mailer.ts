import nodemailer from "nodemailer";

// Delivery over SMTP with nodemailer. SMTP has no exactly-once: a message handed to the server
// whose "250 OK" never reached us (a crash, a cut connection) is sent again when its claim runs
// out. Its Message-ID is its outbox key, so a second copy is recognisably the same message.

export type OutgoingMessage = { key: string; to: string; subject: string; text: string };

/** Sends one message, or throws with the server's or the network's reason. */
export type Mailer = { send(message: OutgoingMessage): Promise<void>; close(): void };

const MESSAGE_ID_DOMAIN = "kap-clinic.invalid";

export function messageIdOf(key: string): string {
  return `<${key}@${MESSAGE_ID_DOMAIN}>`;
}

/** A mailer for an smtp:// or smtps:// URL (user and password in it if the server asks). */
export function smtpMailer(url: string, from: string): Mailer {
  const transport = nodemailer.createTransport({
    url,
    // An unreachable server fails the attempt in seconds, not minutes: the message stays queued.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    async send(message) {
      await transport.sendMail({ from, to: message.to, subject: message.subject, text: message.text, messageId: messageIdOf(message.key) });
    },
    close() {
      transport.close();
    },
  };
}
