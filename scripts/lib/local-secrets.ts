// Secrets for a local or demo installation, generated on first start and kept in the data folder
// (never in the database). Production installations set them in the environment instead.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export interface LocalSecrets {
  AUTH_SECRET: string;
  ENCRYPTION_KEYS: string;
  AUDIT_HMAC_KEY: string;
  LOOKUP_HMAC_KEY: string;
  EMBEDDED_PG_PASSWORD: string;
  APP_DB_PASSWORD: string;
}

function generate(): LocalSecrets {
  const text = () => randomBytes(32).toString("base64url");
  return {
    AUTH_SECRET: text(),
    ENCRYPTION_KEYS: `k1:${randomBytes(32).toString("base64")}`,
    AUDIT_HMAC_KEY: text(),
    LOOKUP_HMAC_KEY: text(),
    EMBEDDED_PG_PASSWORD: text(),
    APP_DB_PASSWORD: text(),
  };
}

/** Reads `<dataDir>/secrets.json`, creating it (readable by the owner only) when missing. */
export function loadOrCreateLocalSecrets(dataDir: string): LocalSecrets {
  const file = path.join(dataDir, "secrets.json");
  if (existsSync(file)) {
    return { ...generate(), ...(JSON.parse(readFileSync(file, "utf8")) as Partial<LocalSecrets>) };
  }
  mkdirSync(dataDir, { recursive: true });
  const secrets = generate();
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

/** Copies secrets into process.env where the environment does not already set them. */
export function applySecretsToEnv(secrets: LocalSecrets): void {
  for (const name of ["AUTH_SECRET", "ENCRYPTION_KEYS", "AUDIT_HMAC_KEY", "LOOKUP_HMAC_KEY"] as const) {
    if (!process.env[name]) process.env[name] = secrets[name];
  }
}
