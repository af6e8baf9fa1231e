import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const databaseClient = {
  group: ["@/lib/db", "**/lib/db", "@/lib/db-replica", "**/lib/db-replica", "@/lib/generated/prisma/client", "**/generated/prisma/client"],
  message: "Pages and routes call services in lib/, never the database client.",
};

const config = [
  { ignores: ["lib/generated/**", ".next/**", "node_modules/**", "data/**", "test-results/**", "playwright-report/**", "lib/pdf/vendor/**"] },
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Only services in lib/ reach the database client; links go through the app's Link (no prefetching).
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [{ name: "next/link", message: "Use Link from @/components/ui/link: a prefetch of a signed-in page costs the server a request and brings back nothing the reader needs." }],
          patterns: [databaseClient],
        },
      ],
    },
  },
  { files: ["components/ui/link.tsx"], rules: { "no-restricted-imports": ["error", { patterns: [databaseClient] }] } },
];

export default config;
