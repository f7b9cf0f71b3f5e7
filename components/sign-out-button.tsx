"use client";

import { signOut } from "./sign-out";

export function SignOutButton() {
  return (
    <button type="button" onClick={() => void signOut("/sign-in")} className="rounded border border-stone-300 px-3 py-1 text-stone-700 hover:bg-stone-100">
      Sign out
    </button>
  );
}
