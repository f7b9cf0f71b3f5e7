/** next-auth's `error` when the throttle refused a sign-in (shared by the server and the form). */
export const THROTTLED_ERROR = "Throttled";
