import { z } from "zod";

// The calendar-feed forms' fields. Which feeds a person may have, and whose feed it is, are
// decided on the server (lib/feeds/manage-feeds.ts), not by the form.

const uuid = z.uuid({ error: "Choose a room." });

/** A room's or the clinic's feed (the front desk, admins). */
export const ZScheduleFeed = z.discriminatedUnion("scope", [
  z.object({ scope: z.literal("ROOM"), roomId: uuid }),
  z.object({ scope: z.literal("CLINIC") }),
]);
export type TScheduleFeed = z.output<typeof ZScheduleFeed>;

/** One feed, named by its id. */
export const ZFeedId = z.object({ feedId: z.uuid({ error: "The calendar feed was not found." }) });

/** A clinician's own feed names nothing. */
export const ZNoFields = z.object({});
