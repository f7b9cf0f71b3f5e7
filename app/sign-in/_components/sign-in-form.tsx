"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage, TextField } from "@/components/ui/field";
import { THROTTLED_ERROR } from "@/lib/auth/sign-in-errors";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function SignInForm() {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    const errors: Record<string, string> = {};
    if (!EMAIL.test(email)) errors.email = "Enter your email address, like name@clinic.com.";
    if (!password) errors.password = "Enter your password.";
    setFieldErrors(errors);
    setError(null);
    if (Object.keys(errors).length) return;
    setPending(true);
    const result = await signIn("credentials", { email, password, redirect: false }).catch(() => "unreachable" as const);
    setPending(false);
    if (result === "unreachable") {
      setError("The clinic's server could not be reached. Check the connection and try again.");
      return;
    }
    if (!result || result.error) {
      // One message for a wrong email, a wrong password and an inactive account alike.
      setError(
        result?.error === THROTTLED_ERROR
          ? "Too many sign-in attempts. Wait a few minutes, then try again."
          : "The email or password is not right, or the account is not active.",
      );
      return;
    }
    router.replace("/");
    router.refresh();
  }

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate className="mt-6 space-y-4 rounded-lg border border-stone-200 bg-white p-6 shadow-sm">
      {error && <FormMessage tone="error">{error}</FormMessage>}
      <TextField label="Email" name="email" type="email" autoComplete="username" required error={fieldErrors.email} />
      <TextField label="Password" name="password" type="password" autoComplete="current-password" required error={fieldErrors.password} />
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
