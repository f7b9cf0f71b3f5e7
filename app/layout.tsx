import type { Metadata } from "next";
import { connection } from "next/server";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Harbor KAP", template: "%s · Harbor KAP" },
  description: "Practice management for couples ketamine-assisted psychotherapy",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page renders per request: the Content Security Policy's nonce (proxy.ts) is new each
  // time, and a page built ahead of time would carry none.
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
