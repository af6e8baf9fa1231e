// Every benchmark group `npm run bench` knows. An area adds its scenarios as a group here (a module
// exporting a BenchGroup, see types.ts), loaded only when it runs.
import type { BenchGroup } from "./types";

export const BENCH_GROUPS: Record<string, { description: string; load: () => Promise<BenchGroup> }> = {
  services: {
    description: "in-process: the services as the app's database role",
    load: async () => (await import("./services")).servicesGroup,
  },
  dashboard: {
    description: "in-process: the dashboard's data for one year at 1, 8 and 16 at once, and each statement of a view with its EXPLAIN buffers",
    load: async () => (await import("./dashboard")).dashboardGroup,
  },
  http: {
    description: "over HTTP against the production build, next to the hand-written SQL floor",
    load: async () => (await import("./http")).httpGroup,
  },
  browser: {
    description: "page views in Chromium against the production build: server CPU, requests and prefetches per view",
    load: async () => (await import("./browser")).browserGroup,
  },
  import: {
    description: "in-process: preview and commit of a 10 000-row spreadsheet",
    load: async () => (await import("./areas")).importGroup,
  },
  reports: {
    description: "the reports' PDFs, the register over HTTP and as XLSX, in a process of their own",
    load: async () => (await import("./areas")).reportsGroup,
  },
};
