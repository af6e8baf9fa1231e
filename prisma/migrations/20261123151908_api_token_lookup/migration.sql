-- Personal access tokens are looked up by their hash before any organisation is known (like invites):
-- a row is visible inside its organisation, or to whoever presents the token.
DROP POLICY tenant_isolation ON "api_tokens";
CREATE POLICY tenant_isolation ON "api_tokens"
  USING ("organizationId" = app_current_org()
         OR "tokenHash" = NULLIF(current_setting('app.api_token_hash', true), ''))
  WITH CHECK ("organizationId" = app_current_org());
