// The organisation's pseudonym key, derived from the installation's look-up secret (never stored):
// the same case gets the same pseudonym in every report, another organisation's codes never match.
import "server-only";
import { getEnv } from "@/lib/env";
import { derivePseudonymKey, type PseudonymKey } from "./project";

export function pseudonymKey(organizationId: string): PseudonymKey {
  return derivePseudonymKey(getEnv().LOOKUP_HMAC_KEY, organizationId);
}
