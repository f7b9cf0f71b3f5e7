"use server";

import { defineAction } from "@/lib/actions/define-action";
import { previewMove, type MovePreview } from "@/lib/scheduling/preview-move";
import { ZMoveInput } from "@/lib/scheduling/session-input";

// The protocol's verdict on a move before it is saved (issue 14): the board's drop and the move
// form ask here first, then save with moveSessionAction (./actions.ts) on the user's word. The
// same permission, reach and input as the move; nothing is written, so nothing to revalidate.

export const previewMoveAction = defineAction({
  permission: "session:move",
  reach: { session: "sessionId" },
  input: ZMoveInput,
  run: (input, staff): Promise<MovePreview> => previewMove(staff, input),
});
