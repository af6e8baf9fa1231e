-- Identity documents of people (Chinese resident ID, Kazakh IIN, passports), portraits, and the
-- administrative division codes of the gazetteer's Xinjiang places.

-- CreateEnum
CREATE TYPE "IdentityDocumentKind" AS ENUM ('CN_RESIDENT_ID', 'KZ_IIN', 'CN_PASSPORT', 'KZ_PASSPORT', 'OTHER');

-- AlterTable
ALTER TABLE "places" ADD COLUMN     "divisionCode" TEXT;

-- AlterTable
ALTER TABLE "attachments" ADD COLUMN     "portraitOfId" UUID;

-- CreateTable
CREATE TABLE "person_documents" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organizationId" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "kind" "IdentityDocumentKind" NOT NULL,
    "numberEnc" TEXT NOT NULL,
    "numberHash" TEXT NOT NULL,
    "issuingCountry" TEXT,
    "issuedOn" DATE,
    "expiresOn" DATE,
    "noteEnc" TEXT,
    "checkOverridden" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "person_documents_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "person_documents_organizationId_numberHash_idx" ON "person_documents"("organizationId", "numberHash");

-- CreateIndex
CREATE INDEX "person_documents_personId_idx" ON "person_documents"("personId");

-- CreateIndex
CREATE INDEX "attachments_portraitOfId_idx" ON "attachments"("portraitOfId");

-- AddForeignKey
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_portraitOfId_fkey" FOREIGN KEY ("portraitOfId") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "person_documents" ADD CONSTRAINT "person_documents_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "person_documents" ADD CONSTRAINT "person_documents_personId_fkey" FOREIGN KEY ("personId") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Tenant isolation, as for every tenant table (20261123000100_tenant_security).
ALTER TABLE "person_documents" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "person_documents"
  USING ("organizationId" = app_current_org())
  WITH CHECK ("organizationId" = app_current_org());
GRANT SELECT, INSERT, UPDATE, DELETE ON "person_documents" TO qamqor_app;

-- A file belongs to a case, an event, a source or, as a portrait, to a person alone.
ALTER TABLE "attachments" DROP CONSTRAINT "attachments_one_owner_check";
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_one_owner_check"
  CHECK (num_nonnulls("caseId", "caseEventId", "sourceId", "portraitOfId") >= 1
         AND ("portraitOfId" IS NULL OR num_nonnulls("caseId", "caseEventId", "sourceId") = 0));

-- One live portrait per person.
CREATE UNIQUE INDEX "attachments_one_portrait" ON "attachments"("portraitOfId") WHERE "portraitOfId" IS NOT NULL AND "deletedAt" IS NULL;

-- An erased person gets no document or portrait back, whatever path a write takes.
CREATE FUNCTION person_documents_refuse_erased() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM "people" p WHERE p."id" = NEW."personId" AND p."erasedAt" IS NOT NULL) THEN
    RAISE EXCEPTION 'an erased person cannot be given a document';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER person_documents_refuse_erased
  BEFORE INSERT OR UPDATE ON "person_documents"
  FOR EACH ROW EXECUTE FUNCTION person_documents_refuse_erased();

CREATE FUNCTION attachments_refuse_erased_portrait() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  IF NEW."portraitOfId" IS NOT NULL
     AND EXISTS (SELECT 1 FROM "people" p WHERE p."id" = NEW."portraitOfId" AND p."erasedAt" IS NOT NULL) THEN
    RAISE EXCEPTION 'an erased person cannot be given a portrait';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER attachments_refuse_erased_portrait
  BEFORE INSERT OR UPDATE ON "attachments"
  FOR EACH ROW EXECUTE FUNCTION attachments_refuse_erased_portrait();
