"use client";

import { ActionForm } from "@/components/ui/action-form";
import { retryMessageAction } from "../actions";

/** "Try again now" on a message that failed: it goes at the sender's next tick. */
export function RetryButton({ messageId, subject }: { messageId: string; subject: string }) {
  return <ActionForm action={retryMessageAction} label={`Try again: ${subject}`} submit="Try again now" pendingText="Queuing…" variant="secondary" hidden={{ messageId }} />;
}
