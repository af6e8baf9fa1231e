-- Likely duplicates for many names at once (a spreadsheet import), with the spelling-tolerant trigram
-- match of the duplicate hints (app_duplicate_person_ids, 20261123182000_name_tokens), but per name: each
-- searched skeleton with its own best few people. One call for a whole sheet instead of one per row.
-- Safe for the same reasons as app_duplicate_person_ids: the organisation comes from the transaction's
-- own setting, only ids and a 0..1 score of that organisation's people come back, the arguments are
-- bound parameters, search_path is fixed, and only the app's role may call it.
CREATE FUNCTION app_duplicate_people_by_key(skeletons text[], per_key integer)
  RETURNS TABLE (skeleton text, "personId" uuid, score double precision)
  LANGUAGE plpgsql STABLE SECURITY DEFINER
  SET search_path = public, pg_temp
  ROWS 100
AS $$
BEGIN
  IF app_current_org() IS NULL OR skeletons IS NULL OR cardinality(skeletons) = 0 THEN
    RETURN;
  END IF;
  RETURN QUERY EXECUTE
    'SELECT s.k, m."personId", m.score::float8
       FROM unnest($1::text[]) AS s(k)
       CROSS JOIN LATERAL (
         SELECT pn."personId",
                MAX(GREATEST(similarity(pn.skeleton, s.k), word_similarity(s.k, pn.skeleton), word_similarity(pn.skeleton, s.k))) AS score
           FROM person_names pn
          WHERE pn."organizationId" = app_current_org()
            AND (pn.skeleton % s.k OR s.k <% pn.skeleton OR pn.skeleton <% s.k)
          GROUP BY pn."personId"
          ORDER BY score DESC, pn."personId"
          LIMIT $2) AS m'
    USING skeletons, per_key;
END
$$;

REVOKE ALL ON FUNCTION app_duplicate_people_by_key(text[], integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_duplicate_people_by_key(text[], integer) TO qamqor_app;
