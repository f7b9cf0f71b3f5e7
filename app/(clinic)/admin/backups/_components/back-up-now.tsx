"use client";

import { ActionForm } from "@/components/ui/action-form";
import { backUpNowAction } from "../actions";

/** One press, one backup: the button waits (disabled) until the server answers. */
export function BackUpNow() {
  return <ActionForm action={backUpNowAction} label="Back up now" submit="Back up now" pendingText="Backing up…" />;
}
