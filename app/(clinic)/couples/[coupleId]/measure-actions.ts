"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { formatClinicDateTime } from "@/lib/format/clinic-time";
import { ZMakeMeasureLink, ZRecordMeasure } from "@/lib/measures/input";
import { makeMeasureLink } from "@/lib/measures/measure-links";
import { recordedMessage, recordMeasure } from "@/lib/measures/record-measure";

// Outcome measures from the couple page: a clinician of the partner enters one, or makes a
// one-time link for the partner. Reach is the partner's (measure:record): out of reach is not found.

export const recordMeasureAction = defineAction({
  permission: "measure:record",
  reach: { partner: "clientId" },
  input: ZRecordMeasure,
  run: async (input, staff) => {
    const recorded = await recordMeasure(staff, input);
    revalidatePath("/couples/[coupleId]", "page");
    return { message: recordedMessage(input.instrument, recorded.total, recorded.band) };
  },
});

export const makeMeasureLinkAction = defineAction({
  permission: "measure:record",
  reach: { partner: "clientId" },
  input: ZMakeMeasureLink,
  // The token is returned once, to this response only, and never stored.
  run: async (input, staff) => {
    const link = await makeMeasureLink(staff, input);
    return { path: link.path, expires: formatClinicDateTime(link.expiresAt, link.timeZone), instruments: link.instruments, partnerName: link.partnerName };
  },
});
