import { defineConfig } from "prisma/config";

// The CLI is used for `prisma generate` and, where the native schema engine is available,
// `prisma migrate deploy`. The app itself applies migrations with scripts/migrate.ts.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/qamqor" },
});
