// Fixed, test-only secrets: never used outside the test suite.
export const testSecrets = {
  AUTH_SECRET: "test-auth-secret-0123456789abcdefghijklmnopqrstuvwxyz",
  ENCRYPTION_KEYS: `test1:${Buffer.alloc(32, 7).toString("base64")},test0:${Buffer.alloc(32, 3).toString("base64")}`,
  ENCRYPTION_ACTIVE_KEY: "test1",
  AUDIT_HMAC_KEY: "test-audit-key-0123456789abcdefghijklmnopqrstuvwxyz",
  LOOKUP_HMAC_KEY: "test-lookup-key-0123456789abcdefghijklmnopqrstuvwxyz",
};
export const TEST_APP_DB_PASSWORD = "qamqor-app-test-password";
