-- Ending a member's sessions in one organisation: sessions older than this may no longer act in it.
ALTER TABLE "memberships" ADD COLUMN "sessionsEndedAt" TIMESTAMPTZ(3);

-- A password-reset link that went only to the member's e-mail (never shown to an admin).
ALTER TABLE "invites" ADD COLUMN "emailOnly" BOOLEAN NOT NULL DEFAULT false;

-- Self-service "forgot password" requests, kept as keyed hashes for throttling (not tenant data).
CREATE TABLE "password_reset_requests" (
    "id" BIGSERIAL NOT NULL,
    "emailHash" TEXT NOT NULL,
    "ipHash" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "password_reset_requests_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "password_reset_requests_emailHash_createdAt_idx" ON "password_reset_requests"("emailHash", "createdAt");
CREATE INDEX "password_reset_requests_ipHash_createdAt_idx" ON "password_reset_requests"("ipHash", "createdAt");

GRANT SELECT, INSERT, DELETE ON "password_reset_requests" TO qamqor_app;
GRANT USAGE, SELECT ON SEQUENCE "password_reset_requests_id_seq" TO qamqor_app;
