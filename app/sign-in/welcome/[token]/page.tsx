import type { Metadata } from "next";
import Link from "next/link";
import { invitationFor } from "@/lib/staff/invitations";
import { ChoosePasswordForm } from "./_components/choose-password-form";

export const metadata: Metadata = { title: "Choose your password" };

export default async function WelcomePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = await invitationFor(token);
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-6">
      <h1 className="text-2xl font-semibold text-brand-900">Harbor KAP</h1>
      {invitation ? (
        <>
          <p className="mt-1 text-sm text-stone-600">
            Welcome, {invitation.name}. Choose the password for {invitation.email}.
          </p>
          <ChoosePasswordForm token={token} email={invitation.email} />
        </>
      ) : (
        <p className="mt-4 text-sm text-stone-700" data-testid="link-invalid">
          This link has expired or was already used. Ask the clinic’s admin for a new one.{" "}
          <Link href="/sign-in" className="text-brand-700 underline">
            Sign in
          </Link>
        </p>
      )}
    </main>
  );
}
