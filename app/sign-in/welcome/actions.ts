"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { definePublicAction } from "@/lib/actions/define-action";
import { clientAddressFrom } from "@/lib/auth/address";
import { ZAcceptInvitation } from "@/lib/staff/input";
import { acceptInvitation } from "@/lib/staff/invitations";

// Public: the invitation link's token is the credential, checked (and used up) by acceptInvitation.
export const acceptInvitationAction = definePublicAction({
  input: ZAcceptInvitation,
  run: async (input) => {
    const h = await headers();
    return acceptInvitation(input, clientAddressFrom((n) => h.get(n)));
  },
  then: () => redirect("/sign-in?welcome=1"),
});
