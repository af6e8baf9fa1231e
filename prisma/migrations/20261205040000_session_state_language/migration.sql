-- The session check also answers which language the member reads: their own saved choice and each
-- organisation's default, so a page whose browser has no language cookie needs no transaction of its
-- own to find it. The function is otherwise as 20261205030000_session_state_function made it.
CREATE OR REPLACE FUNCTION app_session_state(session_id uuid)
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
         u."totpEnabledAt" AS "userTotpEnabledAt", u.locale AS "userLocale"
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
    'userLocale', s."userLocale",
    'memberships', coalesce((
      SELECT json_agg(json_build_object(
               'organizationId', m."organizationId", 'role', m.role::text,
               'sessionsEndedAt', (extract(epoch FROM m."sessionsEndedAt") * 1000)::bigint,
               'organizationName', o.name, 'require2fa', o."require2fa", 'defaultLocale', o."defaultLocale") ORDER BY m."createdAt")
        FROM memberships m JOIN organizations o ON o.id = m."organizationId"
       WHERE m."userId" = s."userId" AND m."deactivatedAt" IS NULL), '[]'));
END
$$;

