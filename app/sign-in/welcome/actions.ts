"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { definePublicAction, type ActionResult } from "@/lib/actions/define-action";
import { clientAddressFrom } from "@/lib/auth/address";
import { ZAcceptInvitation } from "@/lib/staff/input";
import { acceptInvitation } from "@/lib/staff/invitations";

// Public: the invitation link's token is the credential, checked (and used up) by acceptInvitation.
const accept = definePublicAction({
  input: ZAcceptInvitation,
  run: async (input) => {
    const h = await headers();
    return acceptInvitation(input, clientAddressFrom((n) => h.get(n)));
  },
});

export async function acceptInvitationAction(_previous: ActionResult<{ email: string }> | null, form: FormData): Promise<ActionResult<{ email: string }>> {
  const result = await accept(form);
  if (result.ok) redirect("/sign-in?welcome=1");
  return result;
}
