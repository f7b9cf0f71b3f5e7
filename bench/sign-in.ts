// Signs a bench user in the way the browser does (next-auth credentials: CSRF token first),
// once per user; the session cookie is then reused by every request of the run.

/** The `name=value` pairs of a response's Set-Cookie headers. */
function cookiesOf(res: Response): string[] {
  return res.headers.getSetCookie().map((c) => c.split(";")[0]);
}

export async function signIn(origin: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${origin}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = cookiesOf(csrf);
  const res = await fetch(`${origin}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; "), origin },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${origin}/` }),
  });
  const session = cookiesOf(res).filter((c) => c.startsWith("next-auth.session-token="));
  if (session.length === 0) throw new Error(`Sign-in failed for ${email}: HTTP ${res.status} ${res.headers.get("location") ?? ""}`);
  return [...jar, ...session].join("; ");
}
