import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface Session {
    staffId?: string;
    sessionVersion?: number;
    /** The server-side StaffSession row this browser's sign-in opened. */
    sessionId?: string;
  }
  interface User {
    sessionVersion?: number;
    sessionId?: string;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    sessionVersion?: number;
    sessionId?: string;
    signedInAt?: number;
  }
}
