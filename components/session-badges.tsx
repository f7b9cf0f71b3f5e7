import { SESSION_STATUS_LABELS, type SessionStatusName } from "@/lib/sessions/labels";
import { Badge } from "./ui/page-header";

const TONES = { SCHEDULED: "brand", CHECKED_IN: "warn", COMPLETED: "neutral", CANCELLED: "muted", NO_SHOW: "danger" } as const;

export function StatusBadge({ status }: { status: SessionStatusName }) {
  return <Badge tone={TONES[status]}>{SESSION_STATUS_LABELS[status]}</Badge>;
}
