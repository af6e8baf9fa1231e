// Drives next-auth's own request handler (next-auth/core, the one behind app/api/auth/[...nextauth]) with
// the app's authOptions, as a browser would: a cookie jar, the CSRF token, JSON form posts. Only Next's
// request plumbing is left out; the sign-in logic, the cookie and the database are the real ones.
// next-auth does not export its core by name; the route handler (next-auth/next) is this plus next/headers.
import { AuthHandler } from "../../node_modules/next-auth/core/index.js";
import { authOptions } from "@/lib/auth/auth-options";
import { SESSION_COOKIE } from "@/lib/auth/cookies";

export const APP_URL = "http://127.0.0.1:3100";

export interface SetCookie {
  name: string;
  value: string;
  options: { httpOnly?: boolean; sameSite?: unknown; secure?: boolean; path?: string; maxAge?: number; expires?: Date | string };
}

export class Browser {
  readonly jar = new Map<string, string>();
  /** every cookie next-auth asked the browser to set, in order */
  readonly setCookies: SetCookie[] = [];

  constructor(readonly headers: Record<string, string> = {}) {}

  cookieHeader(): string {
    return [...this.jar].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  get sessionCookie(): string | undefined {
    return this.jar.get(SESSION_COOKIE);
  }

  keep(cookie: SetCookie): void {
    this.setCookies.push(cookie);
    const expires = cookie.options.expires ? new Date(cookie.options.expires).getTime() : Infinity;
    if (cookie.options.maxAge === 0 || expires <= Date.now() || cookie.value === "") this.jar.delete(cookie.name);
    else this.jar.set(cookie.name, cookie.value);
  }

  /** One request to /api/auth/<path>; returns next-auth's answer (status, redirect, body). */
  async auth(path: string, init: { method?: "GET" | "POST"; body?: Record<string, string> } = {}) {
    const headers = new Headers({ ...this.headers, cookie: this.cookieHeader() });
    if (init.body) headers.set("content-type", "application/json");
    const request = new Request(`${APP_URL}/api/auth/${path}`, {
      method: init.method ?? (init.body ? "POST" : "GET"),
      headers,
      body: init.body ? JSON.stringify(init.body) : undefined,
    });
    const response = await AuthHandler({ req: request, options: authOptions(request) });
    for (const cookie of (response.cookies ?? []) as SetCookie[]) this.keep(cookie);
    return response;
  }

  async csrfToken(): Promise<string> {
    const response = await this.auth("csrf");
    return (response.body as { csrfToken: string }).csrfToken;
  }

  /** What next-auth/react's signIn() posts for a Credentials provider. */
  async signIn(provider: string, credentials: Record<string, string>) {
    const csrfToken = await this.csrfToken();
    const response = await this.auth(`callback/${provider}`, { body: { ...credentials, csrfToken, callbackUrl: APP_URL, json: "true" } });
    const error = response.redirect ? new URL(response.redirect).searchParams.get("error") : null;
    return { ...response, error };
  }

  async signOut() {
    const csrfToken = await this.csrfToken();
    return this.auth("signout", { body: { csrfToken, callbackUrl: APP_URL, json: "true" } });
  }
}
