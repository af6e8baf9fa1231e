// Configuration, validated once. Every problem is reported in one plain sentence per setting.
import "server-only";
import { z } from "zod";

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

const postgresUrl = z
  .string()
  .trim()
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "postgres:" || url.protocol === "postgresql:") && url.hostname !== "";
    } catch {
      return false;
    }
  }, "must look like postgresql://user:password@host:5432/database");

const flag = z
  .enum(["1", "0", "true", "false", "yes", "no", ""])
  .optional()
  .transform((value) => value === "1" || value === "true" || value === "yes");

/** "key-id:base64-of-32-bytes" pairs separated by commas; the first is used for new data unless ENCRYPTION_ACTIVE_KEY says otherwise. */
const encryptionKeys = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const keys = new Map<string, Buffer>();
    for (const part of value.split(",").map((p) => p.trim()).filter(Boolean)) {
      const [id, material] = part.split(":");
      const bytes = material ? Buffer.from(material, "base64") : Buffer.alloc(0);
      if (!id || !/^[A-Za-z0-9_-]{1,32}$/.test(id) || bytes.length !== 32) {
        ctx.addIssue({ code: "custom", message: "each key must be written as id:base64 of exactly 32 random bytes" });
        return z.NEVER;
      }
      keys.set(id, bytes);
    }
    if (keys.size === 0) {
      ctx.addIssue({ code: "custom", message: "needs at least one key" });
      return z.NEVER;
    }
    return keys;
  });

const secret = z.string().min(32, "must be at least 32 characters of random text");

/**
 * How many reverse proxies stand in front of the app. 0 (the default): the app is reached directly and
 * believes no X-Forwarded-* header; N: the N-th X-Forwarded-For entry from the right is the client.
 */
const trustProxy = z.coerce
  .number({ message: "must be the number of reverse proxies in front of the app (0 when there is none)" })
  .int("must be a whole number of proxies (0 when there is none)")
  .min(0, "must be 0 or more")
  .max(10, "must be at most 10 proxies")
  .default(0);

/** TRUST_PROXY alone, for code that runs before the rest of the configuration is needed (the request proxy). */
export function trustedProxyHops(source: NodeJS.ProcessEnv = process.env): number {
  const parsed = trustProxy.safeParse(source.TRUST_PROXY === "" ? undefined : source.TRUST_PROXY);
  return parsed.success ? parsed.data : 0;
}
const OIDC_SETTINGS = ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET", "OIDC_NAME"] as const;

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: postgresUrl.optional(),
    APP_DATABASE_URL: postgresUrl.optional(),
    // a read replica for reports, statistics and dashboard counts, as the app role (lib/db-replica.ts)
    REPORTS_DATABASE_URL: postgresUrl.optional(),
    QAMQOR_DATA_DIR: z.string().default("./data"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
    PUBLIC_URL: z.string().url("must be the address people use to reach the app, like https://cases.example.org").optional(),
    AUTH_SECRET: secret,
    ENCRYPTION_KEYS: encryptionKeys,
    ENCRYPTION_ACTIVE_KEY: z.string().optional(),
    AUDIT_HMAC_KEY: secret,
    LOOKUP_HMAC_KEY: secret,
    DEMO_MODE: flag,
    SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
    SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
    SMTP_URL: z.string().url("must look like smtp://user:password@host:587").optional(),
    MAIL_FROM: z.string().optional(),
    MAX_UPLOAD_MB: z.coerce.number().int().min(1).max(1024).default(25),
    MAX_ARCHIVE_MB: z.coerce.number().int().min(1).max(1_048_576).default(10_240),
    TRUST_PROXY: trustProxy,
    // unset: "info", and "silent" under the test runner
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], "must be one of fatal, error, warn, info, debug, trace, silent").optional(),
    // Single sign-on through an OpenID Connect provider: all four settings or none.
    OIDC_ISSUER: z.string().url("must be the provider's issuer address, like https://id.example.org/realms/group").optional(),
    OIDC_CLIENT_ID: z.string().trim().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    OIDC_NAME: z.string().trim().min(1).max(60, "must be a short name for the sign-in button").optional(),
  })
  .superRefine((env, ctx) => {
    if (env.ENCRYPTION_ACTIVE_KEY && !env.ENCRYPTION_KEYS.has(env.ENCRYPTION_ACTIVE_KEY)) {
      ctx.addIssue({ code: "custom", path: ["ENCRYPTION_ACTIVE_KEY"], message: "names a key that is not in ENCRYPTION_KEYS" });
    }
    const oidc = [env.OIDC_ISSUER, env.OIDC_CLIENT_ID, env.OIDC_CLIENT_SECRET, env.OIDC_NAME];
    if (oidc.some(Boolean)) {
      for (const name of OIDC_SETTINGS.filter((_, i) => !oidc[i])) {
        ctx.addIssue({ code: "custom", path: [name], message: "is required once any OIDC_ setting is given (single sign-on needs all four)" });
      }
      // The provider sends people back to one fixed address, so it must be known.
      if (!env.PUBLIC_URL) ctx.addIssue({ code: "custom", path: ["PUBLIC_URL"], message: "is required for single sign-on (OIDC_ settings)" });
    }
  });

export type Env = z.infer<typeof schema> & { activeKeyId: string; dataDir: string };

let cached: Env | undefined;

/** Reads and checks the configuration; throws a ConfigError naming every bad setting. */
export function getEnv(source: NodeJS.ProcessEnv = process.env): Env {
  if (cached && source === process.env) return cached;
  const blanksRemoved = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const parsed = schema.safeParse(blanksRemoved);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = issue.path.join(".") || "configuration";
      const message = issue.code === "invalid_type" && issue.input === undefined ? "is required" : issue.message;
      return `${name} ${message}.`;
    });
    throw new ConfigError(`The configuration is not valid:\n  ${lines.join("\n  ")}`);
  }
  const env = parsed.data;
  const firstKey = env.ENCRYPTION_KEYS.keys().next().value as string;
  const result: Env = { ...env, activeKeyId: env.ENCRYPTION_ACTIVE_KEY ?? firstKey, dataDir: env.QAMQOR_DATA_DIR };
  if (source === process.env) cached = result;
  return result;
}

/** Forget the cached configuration (tests change the environment between files). */
export function resetEnvCache(): void {
  cached = undefined;
}

export const APP_DB_ROLE = "qamqor_app";

/**
 * The connection the running app uses: APP_DATABASE_URL, or DATABASE_URL with the user swapped
 * for the app's own role, which cannot bypass row-level security.
 */
export function appDatabaseUrl(env: Env = getEnv()): string {
  if (env.APP_DATABASE_URL) return env.APP_DATABASE_URL;
  if (!env.DATABASE_URL) throw new ConfigError("DATABASE_URL is required once the app is running.");
  const url = new URL(env.DATABASE_URL);
  url.username = APP_DB_ROLE;
  url.password = "";
  return url.toString();
}
