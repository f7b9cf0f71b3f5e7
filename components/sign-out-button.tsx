"use client";

import { signOut } from "next-auth/react";

export function SignOutButton() {
  return (
    <button type="button" onClick={() => signOut({ callbackUrl: "/sign-in" })} className="rounded border border-stone-300 px-3 py-1 text-stone-700 hover:bg-stone-100">
      Sign out
    </button>
  );
}
