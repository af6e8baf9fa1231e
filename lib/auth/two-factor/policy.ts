// Who must use a second factor. Pure, so the session loader and the pages can share it.
import type { Role } from "../../generated/prisma/enums";

/** ADMIN and COORDINATOR must use a second factor when the organisation requires it (the default). */
export function secondFactorRequired(role: Role, organizationRequires2fa: boolean): boolean {
  return organizationRequires2fa && (role === "ADMIN" || role === "COORDINATOR");
}
