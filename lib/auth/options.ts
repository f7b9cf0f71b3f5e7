import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { authSecret } from "../env";
import { authenticate } from "./authenticate";

// next-auth (v4, the stable line) with email + password. The JWT carries the user id and the
// account's session version; lib/auth/session.ts re-reads the account on every request, so a
// deactivated account or a changed password ends its sessions at once.
export const authOptions: NextAuthOptions = {
  // A getter: the secret is read when a request needs it, not when `next build` imports this.
  get secret() {
    return authSecret();
  },
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/sign-in" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      authorize: async (credentials) => {
        const user = await authenticate(credentials?.email, credentials?.password);
        return user ? { id: user.id, name: user.name, email: user.email, sessionVersion: user.sessionVersion } : null;
      },
    }),
  ],
  callbacks: {
    jwt: ({ token, user }) => {
      if (user) {
        token.sub = user.id;
        token.sessionVersion = user.sessionVersion ?? 0;
        token.signedInAt = Date.now();
      }
      return token;
    },
    session: ({ session, token }) => ({ ...session, staffId: token.sub, sessionVersion: token.sessionVersion ?? 0 }),
  },
};
