-- The dashboard's likely duplicates not yet reviewed: their number and the most likely few. Both used to
-- join every open pair to its two people (two lookups per pair: 16 000 buffers for 2 000 pairs, half of
-- a coordinator's view). The open pairs in the order they are offered, so the first few are read from
-- the front of an index; and the records that are no longer live, so the count subtracts the pairs
-- that hold one instead of looking both people up for every pair.
CREATE INDEX "person_duplicate_pairs_open_order_idx" ON "person_duplicate_pairs" ("organizationId", score DESC, "detectedAt", id)
  WHERE status = 'OPEN';
CREATE INDEX "people_not_live_idx" ON "people" ("organizationId", id)
  WHERE "deletedAt" IS NOT NULL OR "mergedIntoId" IS NOT NULL OR "erasedAt" IS NOT NULL;
