import { getLocale } from "next-intl/server";
import { requireCtx } from "@/lib/auth/context";
import { can } from "@/lib/authz";
import { findReassignCandidates } from "@/lib/dashboard/find-reassign-candidates";
import { getDashboard } from "@/lib/dashboard/get-dashboard";
import { getMyWork } from "@/lib/dashboard/get-my-work";
import { AppError } from "@/lib/errors";
import type { Locale } from "@/lib/i18n/config";
import { CoordinatorDashboard } from "./_components/coordinator-dashboard";
import { MyWorkView } from "./_components/my-work-view";

type SearchParams = Record<string, string | string[] | undefined>;

function flat(searchParams: SearchParams): Record<string, string> {
  return Object.fromEntries(
    Object.entries(searchParams).flatMap(([key, value]) => (typeof value === "string" ? [[key, value]] : Array.isArray(value) && value[0] ? [[key, value[0]]] : [])),
  );
}

// /dashboard — coordinators and admins: the campaign's figures, today's work and the workload; analysts:
// the figures as aggregates only; volunteers: their own work (their start page). Filters live in the URL.
export default async function DashboardPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const ctx = await requireCtx();
  const locale = (await getLocale()) as Locale;
  if (!can(ctx, "stats.read")) {
    const work = await getMyWork(await requireCtx("cases.read"), { remember: true });
    return <MyWorkView work={work} locale={locale} />;
  }
  const { reassign: reassignId, ...query } = flat(await searchParams);
  // a bad filter falls back to the default view rather than an error page
  const data = await getDashboard(ctx, query).catch((error: unknown) => {
    if (error instanceof AppError && (error.code === "INVALID" || error.code === "NOT_FOUND")) return getDashboard(ctx, {});
    throw error;
  });
  const candidates = reassignId && can(ctx, "cases.updateAny") ? await findReassignCandidates(ctx, reassignId) : null;
  return (
    <CoordinatorDashboard
      data={data}
      locale={locale}
      reassign={candidates && reassignId ? { userId: reassignId, ...candidates } : null}
      filterMembers={data.workload ? data.workload.map((row) => ({ id: row.userId, name: row.name })) : null}
    />
  );
}
