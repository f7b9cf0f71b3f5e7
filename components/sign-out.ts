// Signing out from the browser, through next-auth's own endpoints (GET /api/auth/csrf, then
// POST /api/auth/signout, which clears the cookie and ends the server-side staff session).
// next-auth/react's signOut does the same but brings its Babel runtime helpers: ~10 kB gzipped
// on every clinic page, which took pages over the 150 kB first-load budget.
export async function signOut(callbackUrl: string): Promise<void> {
  try {
    const { csrfToken } = (await (await fetch("/api/auth/csrf")).json()) as { csrfToken: string };
    await fetch("/api/auth/signout", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, callbackUrl, json: "true" }),
    });
  } catch {
    // The server could not be reached: the page loaded next asks it again whether we are signed in.
  }
  // A full load, as next-auth does: nothing of the signed-in pages stays in the router's cache.
  window.location.assign(callbackUrl);
}
