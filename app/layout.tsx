import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Harbor KAP", template: "%s · Harbor KAP" },
  description: "Practice management for couples ketamine-assisted psychotherapy",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
