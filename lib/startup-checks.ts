import { authSecret } from "./env";

// Production refuses to start without its secrets rather than fail on the first sign-in.
try {
  authSecret();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
