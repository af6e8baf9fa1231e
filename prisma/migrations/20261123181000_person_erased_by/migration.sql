-- AlterTable
ALTER TABLE "people" ADD COLUMN     "erasedById" UUID;

-- CreateIndex
CREATE INDEX "people_erasedById_idx" ON "people"("erasedById");

-- AddForeignKey
ALTER TABLE "people" ADD CONSTRAINT "people_erasedById_fkey" FOREIGN KEY ("erasedById") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- An erased person stays a tombstone for good: no name, fact or contact detail may come back, whatever
-- path a write takes (a service bug, a stale form, a hand-written query as the app role).
CREATE FUNCTION people_erasure_is_final() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  IF OLD."erasedAt" IS NOT NULL AND (
       NEW."erasedAt" IS DISTINCT FROM OLD."erasedAt"
    OR NEW."displayName" IS DISTINCT FROM OLD."displayName"
    OR NEW."gender" <> 'UNKNOWN'
    OR NEW."birthDate" IS NOT NULL OR NEW."deathDate" IS NOT NULL
    OR NEW."ethnicity" IS NOT NULL OR cardinality(NEW."citizenships") > 0
    OR NEW."hometownPlaceId" IS NOT NULL OR NEW."hometownText" IS NOT NULL
    OR NEW."contactEnc" IS NOT NULL OR NEW."phoneHash" IS NOT NULL OR NEW."notesEnc" IS NOT NULL) THEN
    RAISE EXCEPTION 'an erased person cannot be changed';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER people_erasure_is_final
  BEFORE UPDATE ON "people"
  FOR EACH ROW EXECUTE FUNCTION people_erasure_is_final();

CREATE FUNCTION person_names_refuse_erased() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM "people" p WHERE p."id" = NEW."personId" AND p."erasedAt" IS NOT NULL) THEN
    RAISE EXCEPTION 'an erased person cannot be given a name';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER person_names_refuse_erased
  BEFORE INSERT OR UPDATE ON "person_names"
  FOR EACH ROW EXECUTE FUNCTION person_names_refuse_erased();
