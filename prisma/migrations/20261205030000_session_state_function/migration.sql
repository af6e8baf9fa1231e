-- The session check of every request in one statement: the session with its user and the user's live
-- memberships (as JSON), and the transaction's identity set for row-level security. What the answer
-- means (revoked, expired, idle, disabled, ended, two-factor stages) is decided by the app, as before.
--
-- SECURITY DEFINER so that one statement can read the session before anyone is known; safe because it
-- needs the session's id (a random UUID only its cookie carries), returns only that session's own rows,
-- and sets the identity only for a session that is neither revoked nor of a disabled user, and the
-- organisation only when the user is still an active member of it. Only the app role may call it.
CREATE FUNCTION app_session_state(session_id uuid)
  RETURNS json
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER
  SET search_path = public, pg_temp
AS $$
DECLARE
  s record;
  live_org boolean;
BEGIN
  SELECT us.id, us."userId", us."organizationId", us."secondFactorDone", us."revokedAt", us."expiresAt", us."lastSeenAt",
         us."createdAt", us."reauthenticatedAt", u.name AS "userName", u.email AS "userEmail", u."disabledAt" AS "userDisabledAt",
         u."totpEnabledAt" AS "userTotpEnabledAt"
    INTO s
    FROM user_sessions us JOIN users u ON u.id = us."userId"
   WHERE us.id = session_id;
  IF NOT FOUND THEN
    RETURN NULL;
  END IF;
  IF s."revokedAt" IS NULL AND s."userDisabledAt" IS NULL THEN
    PERFORM set_config('app.user_id', s."userId"::text, true);
    SELECT EXISTS (SELECT 1 FROM memberships m
                    WHERE m."userId" = s."userId" AND m."organizationId" = s."organizationId" AND m."deactivatedAt" IS NULL)
      INTO live_org;
    IF live_org THEN
      PERFORM set_config('app.organization_id', s."organizationId"::text, true);
    END IF;
  END IF;
  -- instants as epoch milliseconds (the columns keep milliseconds), so the app reads them without parsing text
  RETURN json_build_object(
    'id', s.id, 'userId', s."userId", 'organizationId', s."organizationId", 'secondFactorDone', s."secondFactorDone",
    'revokedAt', (extract(epoch FROM s."revokedAt") * 1000)::bigint,
    'expiresAt', (extract(epoch FROM s."expiresAt") * 1000)::bigint,
    'lastSeenAt', (extract(epoch FROM s."lastSeenAt") * 1000)::bigint,
    'createdAt', (extract(epoch FROM s."createdAt") * 1000)::bigint,
    'reauthenticatedAt', (extract(epoch FROM s."reauthenticatedAt") * 1000)::bigint,
    'userName', s."userName", 'userEmail', s."userEmail",
    'userDisabledAt', (extract(epoch FROM s."userDisabledAt") * 1000)::bigint,
    'userTotpEnabledAt', (extract(epoch FROM s."userTotpEnabledAt") * 1000)::bigint,
    'memberships', coalesce((
      SELECT json_agg(json_build_object(
               'organizationId', m."organizationId", 'role', m.role::text,
               'sessionsEndedAt', (extract(epoch FROM m."sessionsEndedAt") * 1000)::bigint,
               'organizationName', o.name, 'require2fa', o."require2fa") ORDER BY m."createdAt")
        FROM memberships m JOIN organizations o ON o.id = m."organizationId"
       WHERE m."userId" = s."userId" AND m."deactivatedAt" IS NULL), '[]'));
END
$$;

REVOKE ALL ON FUNCTION app_session_state(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_session_state(uuid) TO qamqor_app;
