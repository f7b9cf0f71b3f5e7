import "server-only";
import { recordAudit } from "../audit/record";
import { db, type Tx } from "../db";
import { refusalOf } from "../db/errors";
import { InvalidInputError } from "../errors";
import { answersOf, fieldErrorsOf, type AnswerIssue, type TSubmitMeasureLink } from "./input";
import { score, type InstrumentId } from "./instruments";
import { LINK_ACTIONS, linkTriesThrottled, QUEUE_ON_LOCKS, THROTTLED } from "./link-throttle";
import { isTokenShaped, LINK_WORDS, linkState, tokenHash } from "./measure-links";

type Link = { id: string; clinicId: string; clientId: string; instruments: InstrumentId[]; createdById: string; usedAt: Date | null; expiresAt: Date };

/**
 * The partner sends the answers from the link, without an account: the token is the credential.
 * In order: the address's throttle; the link (unknown, expired or used: refused in words, and
 * counted against the address); every measure the link asks for answered on its scale (each
 * missing or wrong item named, nothing stored, the link still unused); then, in one transaction,
 * the link marked used, only if it still is unused and unexpired, and the scored responses
 * inserted. Two submissions at the same moment: the second waits on the first's row lock, then
 * finds the link used and stores nothing (the database's once-only trigger and the unique
 * (link, measure) index would refuse it too).
 */
export async function submitMeasureLink(input: TSubmitMeasureLink, ip: string | null, now = new Date()): Promise<{ instruments: InstrumentId[] }> {
  const link = await db.$transaction(async (tx) => {
    if (await linkTriesThrottled(tx, ip, now)) throw new InvalidInputError(THROTTLED);
    const found = isTokenShaped(input.token)
      ? await tx.measureLink.findUnique({
          where: { tokenHash: tokenHash(input.token) },
          select: { id: true, clinicId: true, clientId: true, instruments: true, createdById: true, usedAt: true, expiresAt: true },
        })
      : null;
    const state = linkState(found, now);
    if (state !== "open" || !found) {
      await refused(tx, found, ip);
      return state === "open" ? "unknown" : state;
    }
    return found;
  }, QUEUE_ON_LOCKS);
  if (typeof link === "string") throw new InvalidInputError(LINK_WORDS[link]);

  const points = new Map<InstrumentId, number[]>();
  const issues: AnswerIssue[] = [];
  for (const instrument of link.instruments) {
    const answers = answersOf(instrument, input[instrument]);
    if (answers.ok) points.set(instrument, answers.points);
    else issues.push(...answers.issues);
  }
  if (issues.length > 0) throw new InvalidInputError("Please answer every question: the ones still to answer are marked.", fieldErrorsOf(issues));

  try {
    await db.$transaction(async (tx) => {
      // Conditional, so the same link cannot be used twice even at the same moment.
      const { count } = await tx.measureLink.updateMany({ where: { id: link.id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
      if (count === 0) throw new InvalidInputError(LINK_WORDS.used);
      for (const instrument of link.instruments) {
        const answers = points.get(instrument)!;
        const response = await tx.measureResponse.create({
          data: {
            clinicId: link.clinicId,
            clientId: link.clientId,
            instrument,
            answers,
            total: score(instrument, answers).total,
            takenAt: now,
            source: "LINK",
            enteredById: link.createdById,
            linkId: link.id,
          },
          select: { id: true },
        });
        await recordAudit(tx, null, { action: "create", entity: "MeasureResponse", entityId: response.id, clientId: link.clientId, clinicId: link.clinicId, ip, outcome: "ALLOWED" });
      }
      await recordAudit(tx, null, { action: LINK_ACTIONS.submit, entity: "MeasureLink", entityId: link.id, clientId: link.clientId, clinicId: link.clinicId, ip, outcome: "ALLOWED" });
    });
  } catch (error) {
    // Used at the same moment by another submission: nothing of this one was stored.
    const lostRace = error instanceof InvalidInputError || refusalOf(error)?.message === LINK_WORDS.used;
    if (!lostRace) throw error;
    await refused(db, link, ip);
    throw new InvalidInputError(LINK_WORDS.used);
  }
  return { instruments: link.instruments };
}

/** A refused try, audited with its address (it counts towards the throttle). */
async function refused(tx: Tx | typeof db, link: Pick<Link, "id" | "clinicId" | "clientId"> | null, ip: string | null): Promise<void> {
  await recordAudit(tx, null, {
    action: LINK_ACTIONS.submit,
    entity: "MeasureLink",
    entityId: link?.id ?? null,
    clientId: link?.clientId ?? null,
    clinicId: link?.clinicId ?? null,
    ip,
    outcome: "DENIED",
  });
}
