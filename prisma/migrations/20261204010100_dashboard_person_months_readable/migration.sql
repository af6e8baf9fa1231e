-- Readable by the app like the other dashboard summaries, under the same tenant policy: row-level
-- security is proved table by table as the app role, and a table it cannot read at all proves nothing.
-- Writes stay with the owner's functions.
GRANT SELECT ON "dashboard_person_months" TO qamqor_app;
