"use server";

import { defineAction } from "@/lib/actions/define-action";
import { searchCouples, ZCoupleSearch } from "@/lib/couples/search-couples";

// The couple picker's search (the board's booking form and its couple filter): on the server,
// bounded (a short query, at most 20 couples an answer), over only the couples the caller
// reaches. It names no record: its scope is the caller's reach, the filter every couple list uses.
export const searchCouplesAction = defineAction({
  permission: "couple:read",
  reach: "own-clinic",
  input: ZCoupleSearch,
  limits: { fields: 2, valueLength: 200 },
  run: (input, staff) => searchCouples(staff, input.q),
});
