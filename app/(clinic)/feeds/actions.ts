"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { ZFeedId, ZNoFields, ZScheduleFeed } from "@/lib/feeds/input";
import { makeFeed, revokeFeed } from "@/lib/feeds/manage-feeds";

// Calendar feeds (issue 15): a staff member's own. Making a feed that exists already gives it a
// new address and stops the old one ("regenerate"). The address is in the reply once.

export const makeOwnFeedAction = defineAction({
  permission: "feed:own-sessions",
  reach: "own-clinic",
  input: ZNoFields,
  run: (_input, staff) => makeFeed(staff, "CLINICIAN"),
  then: () => revalidatePath("/feeds"),
});

export const makeScheduleFeedAction = defineAction({
  permission: "feed:schedule",
  reach: "own-clinic",
  input: ZScheduleFeed,
  run: (input, staff) => makeFeed(staff, input.scope, input.scope === "ROOM" ? input.roomId : null),
  then: () => revalidatePath("/feeds"),
});

export const revokeFeedAction = defineAction({
  permission: "feed:subscribe",
  reach: { feed: "feedId" },
  input: ZFeedId,
  run: (input, staff) => revokeFeed(staff, input.feedId, "feed:subscribe"),
  then: () => revalidatePath("/feeds"),
});
