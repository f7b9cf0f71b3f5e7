"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { ZFeedId } from "@/lib/feeds/input";
import { revokeFeed } from "@/lib/feeds/manage-feeds";

/** An admin revokes anyone's calendar feed in their clinic (issue 15): its address stops at once. */
export const revokeStaffFeedAction = defineAction({
  permission: "staff:manage",
  reach: { feed: "feedId" },
  input: ZFeedId,
  run: (input, admin) => revokeFeed(admin, input.feedId, "staff:manage"),
  then: () => revalidatePath("/admin/staff", "layout"),
});
