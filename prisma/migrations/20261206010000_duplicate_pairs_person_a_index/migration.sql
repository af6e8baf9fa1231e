-- Removing a person removes the pairs naming them (ON DELETE CASCADE) on either side. The second person
-- had an index of its own; the first only as the second column of the organisation's unique key, so each
-- person removed read every pair of the table: removing an organisation of 100 000 people beside 72 000
-- pairs had not finished after ten minutes (12 s with this index).
CREATE INDEX "person_duplicate_pairs_personAId_idx" ON "person_duplicate_pairs"("personAId");
