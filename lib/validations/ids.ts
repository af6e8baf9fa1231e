// Record ids as they arrive from outside (a URL segment, a server action's argument, a JSON field).

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether `value` is a record id. A server action's arguments are whatever the browser sent: an array
 * holding an id would pass a bare regex test (it is turned into the id's text), so the type is checked too.
 */
export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}
