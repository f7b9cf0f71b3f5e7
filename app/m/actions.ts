"use server";

import { headers } from "next/headers";
import { definePublicAction } from "@/lib/actions/define-action";
import { clientAddressFrom } from "@/lib/auth/address";
import { ZSubmitMeasureLink } from "@/lib/measures/input";
import { submitMeasureLink } from "@/lib/measures/submit-measure-link";

// Public: the link's token is the credential, checked (and used up) by submitMeasureLink, which
// also holds off an address that keeps trying links that do not work.
export const submitMeasureLinkAction = definePublicAction({
  input: ZSubmitMeasureLink,
  run: async (input) => {
    const h = await headers();
    return submitMeasureLink(input, clientAddressFrom((n) => h.get(n)));
  },
});
