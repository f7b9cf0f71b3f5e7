import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentStaff } from "@/lib/auth/session";
import { SignInForm } from "./_components/sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

const ENDED = {
  idle: "You were signed out after a time without activity. Sign in again to go on.",
  expired: "Your session reached its time limit. Sign in again to go on.",
} as const;

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ ended?: string; welcome?: string }> }) {
  if (await currentStaff()) redirect("/");
  const { ended, welcome } = await searchParams;
  const notice = ended === "idle" || ended === "expired" ? ENDED[ended] : welcome ? "Your password is set. Sign in with it." : null;
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-6">
      <h1 className="text-2xl font-semibold text-brand-900">Harbor KAP</h1>
      <p className="mt-1 text-sm text-stone-600">Sign in with your clinic account.</p>
      {notice && (
        <p role="status" data-testid="session-ended" className="mt-4 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {notice}
        </p>
      )}
      <SignInForm />
    </main>
  );
}
