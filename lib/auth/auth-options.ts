// next-auth's configuration: it signs people in and out and owns the session cookie. The cookie names a
// UserSession row and nothing else; every request checks that row (lib/auth/sessions.ts), so ending a
// session or a membership acts on the next request. Built per request so that the throttling and the
// audit log see the caller's address and the cookie is Secure exactly when the request came over HTTPS.
import "server-only";
import type { AuthOptions, User } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { RequestCookies } from "next/dist/compiled/@edge-runtime/cookies";
import { z } from "zod";
import { localizedErrorBody } from "../api/localize-error";
import { getEnv, type Env } from "../env";
import { AppError } from "../errors";
import { secondFactorSchema, signInSchema } from "../validations/auth";
import { readLinkCookie, readSessionCookie, servedOverHttps, SESSION_COOKIE, sessionCookieOptions, sessionMaxAgeSeconds, SSO_LINK_COOKIE } from "./cookies";
import { ipHashFrom } from "./request-info";
import { completeSecondFactor } from "./second-factor";
import { revokeSession } from "./sessions";
import { signIn } from "./sign-in";
import { linkProviderAccount, signInWithProvider } from "./single-sign-on";

export const PASSWORD_PROVIDER_ID = "credentials";
export const SECOND_FACTOR_PROVIDER_ID = "two-factor";
export const OIDC_PROVIDER_ID = "oidc";

/** The single sign-on settings, or null when the group does not use an identity provider. */
export function oidcSettings(env: Env = getEnv()): { issuer: string; clientId: string; clientSecret: string; name: string } | null {
  if (!env.OIDC_ISSUER || !env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET || !env.OIDC_NAME) return null;
  return { issuer: env.OIDC_ISSUER.replace(/\/$/, ""), clientId: env.OIDC_CLIENT_ID, clientSecret: env.OIDC_CLIENT_SECRET, name: env.OIDC_NAME };
}

/** What a refusal says to the person signing in: the translated message, carried in next-auth's `error`. */
async function refusal(error: unknown): Promise<Error> {
  return new Error((await localizedErrorBody(error)).body.error.message);
}

const providerProfile = z.object({
  sub: z.string(),
  email: z.string().optional(),
  // some providers send the flag as a string
  email_verified: z.union([z.boolean(), z.enum(["true", "false"])]).optional(),
});

function oidcProvider(settings: NonNullable<ReturnType<typeof oidcSettings>>): OAuthConfig<z.infer<typeof providerProfile>> {
  return {
    id: OIDC_PROVIDER_ID,
    name: settings.name,
    type: "oauth",
    wellKnown: `${settings.issuer}/.well-known/openid-configuration`,
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    authorization: { params: { scope: "openid email" } },
    // the person is read from the ID token, checked by next-auth (signature, issuer, audience, nonce);
    // the provider must put `email` and `email_verified` in it (Keycloak and Google Workspace do)
    idToken: true,
    checks: ["pkce", "state", "nonce"],
    profile: (profile) => ({ id: profile.sub, email: profile.email ?? null }),
  };
}

type HeaderSource = Pick<Request, "headers">;

export function authOptions(request: HeaderSource = { headers: new Headers() }): AuthOptions {
  const env = getEnv();
  const https = servedOverHttps(request.headers);
  const ipHash = ipHashFrom(request.headers);
  const userAgent = request.headers.get("user-agent");
  const sso = oidcSettings(env);

  return {
    secret: env.AUTH_SECRET,
    useSecureCookies: https,
    session: { strategy: "jwt", maxAge: sessionMaxAgeSeconds() },
    cookies: {
      sessionToken: { name: SESSION_COOKIE, options: (({ maxAge: _maxAge, ...rest }) => rest)(sessionCookieOptions(0, request.headers)) },
    },
    pages: { signIn: "/login", error: "/login" },
    logger: {
      // Without PUBLIC_URL (local use) next-auth guesses the site's address; our pages never follow its
      // redirects, and single sign-on refuses to start without PUBLIC_URL (lib/env.ts).
      warn: (code) => {
        if (code !== "NEXTAUTH_URL") console.warn(`[next-auth] ${code}`);
      },
      error: (code, metadata) => console.error(`[next-auth] ${code}`, metadata instanceof Error ? metadata.message : ""),
      debug: () => undefined,
    },
    providers: [
      CredentialsProvider({
        id: PASSWORD_PROVIDER_ID,
        name: "Password",
        credentials: { email: { type: "email" }, password: { type: "password" } },
        async authorize(credentials): Promise<User> {
          try {
            const data = signInSchema.parse(credentials ?? {});
            const session = await signIn({ email: data.email, password: data.password, ipHash, userAgent });
            return { id: session.sessionId };
          } catch (error) {
            throw await refusal(error);
          }
        },
      }),
      // The second step: the code turns the pending session into a new, full one, and next-auth re-issues
      // the cookie naming the new row; an id seen before the code was given is worth nothing afterwards.
      CredentialsProvider({
        id: SECOND_FACTOR_PROVIDER_ID,
        name: "Authenticator code",
        credentials: { code: { type: "text" } },
        async authorize(credentials): Promise<User> {
          try {
            const data = secondFactorSchema.parse(credentials ?? {});
            const pendingId = await readSessionCookie(new RequestCookies(request.headers).get(SESSION_COOKIE)?.value);
            if (!pendingId) throw new AppError("UNAUTHENTICATED", "Please sign in again.", { key: "unauthenticated" });
            const session = await completeSecondFactor({ sessionId: pendingId, code: data.code, ipHash, userAgent });
            return { id: session.sessionId };
          } catch (error) {
            throw await refusal(error);
          }
        },
      }),
      ...(sso ? [oidcProvider(sso)] : []),
    ],
    callbacks: {
      async signIn({ user, account, profile }) {
        if (account?.provider !== OIDC_PROVIDER_ID || !sso) return true;
        const provided = { issuer: sso.issuer, subject: account.providerAccountId };
        // Linking from the account page: the account just used is recorded for the signed-in member,
        // whose session stays as it is.
        const linkingSession = await readLinkCookie(new RequestCookies(request.headers).get(SSO_LINK_COOKIE)?.value);
        if (linkingSession) {
          const outcome = await linkProviderAccount(linkingSession, provided, { ipHash });
          if (outcome !== "sessionGone") return `/account?sso=${outcome}`;
        }
        const claims = providerProfile.safeParse(profile);
        const verified = claims.success && (claims.data.email_verified === true || claims.data.email_verified === "true");
        const result = await signInWithProvider({ ...provided, email: claims.success ? claims.data.email : null, emailVerified: verified }, { ipHash, userAgent });
        if (!result.ok) return `/login?error=${result.reason}`;
        // next-auth hands this same user object on to the jwt callback: from here on it names the session row
        user.id = result.sessionId;
        return true;
      },
      // The token names the session row and carries nothing else: no name, e-mail or picture.
      async jwt({ token, user }) {
        if (user) return { sid: user.id };
        return token.sid ? { sid: token.sid } : {};
      },
      async session({ session }) {
        return { expires: session.expires };
      },
    },
    events: {
      // Sign-out ends the row, so a copy of the cookie is worthless too.
      async signOut({ token }) {
        if (token?.sid) await revokeSession(token.sid, { ipHash });
      },
    },
  };
}
