// Signs in over HTTP the way the login form does (next-auth's CSRF token, then the credentials callback),
// for scripts and tests that drive a running server without a browser. Returns the session cookie.
export interface HttpSession {
  /** "qamqor_session=…" for a Cookie header */
  cookie: string;
}

function cookiesOf(response: Response): Map<string, string> {
  const jar = new Map<string, string>();
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const at = pair?.indexOf("=") ?? -1;
    if (pair && at > 0) jar.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
  }
  return jar;
}

/** The answer of one password sign-in: the session cookie, or the error next-auth redirected with. */
export async function signInOverHttp(
  baseUrl: string,
  email: string,
  password: string,
  extraHeaders: Record<string, string> = {},
): Promise<{ session?: HttpSession; error?: string; status: number }> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`, { headers: extraHeaders });
  const jar = cookiesOf(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
  const answer = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { ...extraHeaders, "content-type": "application/x-www-form-urlencoded", cookie, origin: baseUrl },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: baseUrl, json: "true" }).toString(),
  });
  const session = cookiesOf(answer).get("qamqor_session");
  const location = answer.headers.get("location") ?? (answer.headers.get("content-type")?.includes("json") ? ((await answer.json()) as { url?: string }).url : undefined);
  const error = location ? (new URL(location, baseUrl).searchParams.get("error") ?? undefined) : undefined;
  return session ? { session: { cookie: `qamqor_session=${session}` }, status: answer.status } : { error: error ?? `status ${answer.status}`, status: answer.status };
}

/** Signs the session out (next-auth's sign-out, which ends it in the database). */
export async function signOutOverHttp(baseUrl: string, session: HttpSession): Promise<number> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`, { headers: { cookie: session.cookie } });
  const jar = cookiesOf(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = [session.cookie, ...[...jar].map(([name, value]) => `${name}=${value}`)].join("; ");
  const answer = await fetch(`${baseUrl}/api/auth/signout`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie, origin: baseUrl },
    body: new URLSearchParams({ csrfToken, callbackUrl: baseUrl, json: "true" }).toString(),
  });
  return answer.status;
}
