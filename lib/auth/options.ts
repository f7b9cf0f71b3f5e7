import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { authSecret } from "../env";
import { clientAddressFrom } from "./address";
import { authenticate } from "./authenticate";
import { THROTTLED_ERROR } from "./sign-in-errors";
import { endStaffSession } from "./staff-sessions";


// next-auth (v4, the stable line) with email + password. The JWT carries the user id, the
// account's session version and the id of a server-side session row; lib/auth/session.ts
// re-reads both on every request, so a deactivated account, a changed password or role, an idle
// or too-old session, or a sign-out ends access at once.
export const authOptions: NextAuthOptions = {
  // A getter: the secret is read when a request needs it, not when `next build` imports this.
  get secret() {
    return authSecret();
  },
  // The cookie's own life; the clinic's idle and absolute timeouts are enforced on the server.
  session: { strategy: "jwt", maxAge: 24 * 60 * 60 },
  pages: { signIn: "/sign-in" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      authorize: async (credentials, req) => {
        const header = (name: string) => {
          const value = (req?.headers as Record<string, string | string[] | undefined> | undefined)?.[name];
          return Array.isArray(value) ? value.join(",") : value;
        };
        const result = await authenticate(credentials?.email, credentials?.password, clientAddressFrom(header));
        if (!result.ok && result.reason === "throttled") throw new Error(THROTTLED_ERROR);
        if (!result.ok) return null;
        const { user, sessionId } = result;
        return { id: user.id, name: user.name, email: user.email, sessionVersion: user.sessionVersion, sessionId };
      },
    }),
  ],
  callbacks: {
    jwt: ({ token, user }) => {
      if (user) {
        token.sub = user.id;
        token.sessionVersion = user.sessionVersion ?? 0;
        token.sessionId = user.sessionId;
        token.signedInAt = Date.now();
      }
      return token;
    },
    session: ({ session, token }) => ({ ...session, staffId: token.sub, sessionVersion: token.sessionVersion ?? 0, sessionId: token.sessionId }),
  },
  events: {
    signOut: async ({ token }) => {
      if (token?.sessionId) await endStaffSession(token.sessionId, "sign-out");
    },
  },
};
