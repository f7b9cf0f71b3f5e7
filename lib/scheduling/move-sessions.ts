import "server-only";
import { recordAudit } from "../audit/record";
import type { Staff } from "../auth/session";
import { db } from "../db";
import { NotFoundError } from "../errors";
import type { SessionMove } from "../protocol";
import { underProtocol } from "./under-protocol";

/**
 * Moves one session, or several together (a medicine session with its integration, P4), to new
 * times and rooms. Nothing moves silently: what is not in `moves` stays where it is. With
 * `dryRun` the whole move runs and is rolled back (lib/scheduling/preview-move.ts): its answer is
 * the move's own.
 */
export async function moveSessions(staff: Staff, moves: SessionMove[], options: { dryRun?: boolean } = {}) {
  const ids = moves.map((m) => m.sessionId);
  const sessions = await db.session.findMany({ where: { id: { in: ids }, clinicId: staff.clinicId }, select: { id: true, coupleId: true, cycleId: true } });
  if (sessions.length !== new Set(ids).size || new Set(sessions.map((s) => s.coupleId)).size !== 1) throw new NotFoundError("The session");
  const { coupleId, cycleId } = sessions[0];
  const { notices } = await underProtocol({
    staff,
    rollBack: options.dryRun,
    coupleId,
    cycleId,
    change: () => (moves.length === 1 ? { type: "move", ...moves[0] } : { type: "moveMany", moves }),
    attempts: (snapshot) =>
      moves.map((m) => {
        const s = snapshot.sessions.find((x) => x.id === m.sessionId)!;
        return { ...s, startsAt: m.startsAt, endsAt: m.endsAt, roomId: m.roomId === undefined ? s.roomId : m.roomId };
      }),
    write: async (tx) => {
      for (const m of moves) {
        await tx.session.update({
          where: { id: m.sessionId },
          data: { startsAt: m.startsAt, endsAt: m.endsAt, ...(m.roomId === undefined ? {} : { roomId: m.roomId }) },
        });
        await recordAudit(tx, staff, { action: "move", entity: "Session", entityId: m.sessionId, outcome: "ALLOWED" });
      }
    },
  });
  return { notices };
}
