// The members npm run seed:large gives a benchmark organisation, and their one password (demo data only).
export const BENCH_PASSWORD = "bench-password-2026!";

/** Roles in the order the seed creates them; the index is part of the address. */
export const BENCH_ROLES = ["ADMIN", "COORDINATOR", "ANALYST", ...Array.from({ length: 10 }, () => "VOLUNTEER")] as const;

export function benchEmail(slug: string, role: string, index: number): string {
  return `${role.toLowerCase()}${index}@${slug}.bench.example`;
}

/** The first member with this role. */
export function benchMemberEmail(slug: string, role: (typeof BENCH_ROLES)[number]): string {
  return benchEmail(slug, role, BENCH_ROLES.indexOf(role));
}
