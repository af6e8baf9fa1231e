// Password hashes, two-factor secrets and token hashes are left out of every query by the client
// itself, so a service that loads a whole user or token row (and hands it on) cannot leak one; the
// few checks that need a secret name its column.
import { beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "@/lib/auth/api-tokens";
import { withIdentity, withTenant } from "@/lib/db";
import { createMember, createOrg, ownerQuery, type TestMember } from "../helpers/factories";

let admin: TestMember;

beforeAll(async () => {
  const org = await createOrg("Secret columns");
  admin = await createMember(org, "ADMIN", { passwordHash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g" });
  await ownerQuery(`UPDATE users SET "totpSecretEnc" = 'v1:sealed-secret' WHERE id = $1`, [admin.userId]);
  await createApiToken(admin, { name: "a script" });
});

describe("secret columns", () => {
  it("a user row loaded whole carries no password hash and no two-factor secret", async () => {
    const user = await withIdentity({ userId: admin.userId }, (tx) => tx.user.findUniqueOrThrow({ where: { id: admin.userId } }));
    expect(user.email).toBe(admin.email);
    expect(Object.keys(user)).not.toContain("passwordHash");
    expect(Object.keys(user)).not.toContain("totpSecretEnc");
    expect(JSON.stringify(user)).not.toContain("argon2id");
    expect(JSON.stringify(user)).not.toContain("sealed-secret");
  });

  it("a user row loaded with its relations leaves them out too", async () => {
    const membership = await withIdentity({ userId: admin.userId }, (tx) =>
      tx.membership.findFirstOrThrow({ where: { userId: admin.userId }, include: { user: true } }),
    );
    expect(JSON.stringify(membership)).not.toContain("argon2id");
    expect(Object.keys(membership.user)).not.toContain("passwordHash");
  });

  it("an API token row carries no token hash", async () => {
    const tokens = await withTenant(admin, (tx) => tx.apiToken.findMany({ where: { userId: admin.userId } }));
    expect(tokens).toHaveLength(1);
    expect(Object.keys(tokens[0]!)).not.toContain("tokenHash");
  });

  it("a check that needs the secret still reads it by naming the column", async () => {
    const user = await withIdentity({ userId: admin.userId }, (tx) =>
      tx.user.findUniqueOrThrow({ where: { id: admin.userId }, select: { passwordHash: true, totpSecretEnc: true } }),
    );
    expect(user.passwordHash).toContain("argon2id");
    expect(user.totpSecretEnc).toBe("v1:sealed-secret");
  });
});
