// A real OpenID Connect provider (the `oidc-provider` package) on 127.0.0.1 for single sign-on tests: it
// knows a few accounts, and a test says which of them "logs in" at the provider. Everything else (discovery,
// the authorization code with PKCE, the signed ID token) is the real protocol.
import http from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type Configuration } from "oidc-provider";

export interface ProviderAccount {
  email: string;
  emailVerified: boolean;
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  accounts: Map<string, ProviderAccount>;
  /** who logs in at the provider's login page on the next sign-in */
  loginAs: (accountId: string) => void;
  close: () => Promise<void>;
}

export async function startTestProvider(redirectUri: string, options: { port?: number } = {}): Promise<TestProvider> {
  const accounts = new Map<string, ProviderAccount>();
  let nextLogin = "";
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = "qamqor-test";
  const clientSecret = "a client secret only the test knows";

  const configuration: Configuration = {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUri], grant_types: ["authorization_code"], response_types: ["code"] }],
    claims: { openid: ["sub"], email: ["email", "email_verified"] },
    // as Keycloak and Google do: the e-mail claims are in the ID token
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    cookies: { keys: ["test cookie key"] },
    findAccount: (_ctx, sub) => {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return { accountId: sub, claims: () => ({ sub, email: account.email, email_verified: account.emailVerified }) };
    },
    // consent is taken as given: the test is about what the app does with the answer
    loadExistingGrant: async (ctx) => {
      const accountId = ctx.oidc.session?.accountId;
      const clientIdOf = ctx.oidc.client?.clientId;
      if (!accountId || !clientIdOf) return undefined;
      const grant = new ctx.oidc.provider.Grant({ clientId: clientIdOf, accountId });
      grant.addOIDCScope("openid email");
      await grant.save();
      return grant;
    },
  };
  const provider = new Provider(issuer, configuration);
  const callback = provider.callback();
  server.on("request", (req, res) => {
    if (req.url?.startsWith("/interaction/")) {
      void loginPage(req, res).catch((error: unknown) => {
        res.statusCode = 500;
        res.end(String(error));
      });
      return;
    }
    void callback(req, res);
  });

  // The provider's login page: the account chosen by the test signs in at once; in a browser, the
  // account typed into its one field does.
  async function loginPage(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    let accountId = nextLogin;
    if (!accountId && req.method === "POST") {
      let body = "";
      for await (const chunk of req) body += String(chunk);
      accountId = new URLSearchParams(body).get("account") ?? "";
    }
    if (accountId) {
      await provider.interactionFinished(req, res, { login: { accountId } }, { mergeWithLastSubmission: false });
      return;
    }
    res.setHeader("content-type", "text/html; charset=utf-8");
    res.end(
      `<!doctype html><title>Test identity provider</title><h1>Test identity provider</h1>` +
        `<form method="post"><label>Account <input name="account"></label><button type="submit">Continue</button></form>`,
    );
  }
  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    loginAs: (accountId) => {
      nextLogin = accountId;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A user agent for the provider's side: follows its redirects by hand and keeps its cookies. */
export async function followAtProvider(startUrl: string, stopAt: string): Promise<string> {
  const jar = new Map<string, string>();
  let url = startUrl;
  for (let hop = 0; hop < 10; hop += 1) {
    if (url.startsWith(stopAt)) return url;
    const response = await fetch(url, { redirect: "manual", headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; ") } });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair!.indexOf("=");
      jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
    const location = response.headers.get("location");
    if (!location) throw new Error(`the provider stopped at ${url} with ${response.status}: ${(await response.text()).slice(0, 300)}`);
    url = new URL(location, url).toString();
  }
  throw new Error("too many redirects at the provider");
}
