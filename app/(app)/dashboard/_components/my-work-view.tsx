// "My work", a volunteer's start page: own cases, tasks, hearings, and what changed since the last visit.
import { Link } from "@/components/ui/link";
import { getTranslations } from "next-intl/server";
import { CaseStatusBadge } from "@/components/case-status-badge";
import type { MyWork } from "@/lib/dashboard/get-my-work";
import { formatDate, formatDateTime } from "@/lib/format/date";
import type { Locale } from "@/lib/i18n/config";

function Panel({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={`${id}-title`} className="min-w-0 space-y-2 rounded-lg border border-slate-200 bg-white p-4" data-panel={id}>
      <h2 id={`${id}-title`} className="text-lg font-semibold text-slate-900">
        {title}
      </h2>
      {children}
    </section>
  );
}

export async function MyWorkView({ work, locale }: { work: MyWork; locale: Locale }) {
  const t = await getTranslations("dashboard");
  const tCases = await getTranslations("cases");
  const tPolice = await getTranslations("police");
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">{t("myWork.title")}</h1>
        <p className="text-sm text-slate-600">{t("myWork.intro")}</p>
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <Panel id="my-changed" title={work.lastVisit ? t("myWork.changed", { time: formatDateTime(work.lastVisit, locale) }) : t("myWork.changed", { time: "—" })}>
          {!work.lastVisit ? (
            <p className="text-sm text-slate-600">{t("myWork.firstVisit")}</p>
          ) : work.changed.length === 0 ? (
            <p className="text-sm text-slate-600">{t("myWork.noChanges")}</p>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm">
              {work.changed.map((item) => (
                <li key={item.id} className="py-1.5">
                  <Link href={`/cases/${item.id}`} className="font-medium text-sky-800 hover:underline">
                    {item.reference} · {item.subjectName}
                  </Link>
                  <span className="block text-xs text-slate-600">
                    {formatDateTime(item.updatedAt, locale)} · {t("myWork.newEvents", { count: item.newEvents })}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Panel>
        <Panel id="my-tasks" title={t("myWork.tasks")}>
          {work.tasks.length === 0 ? (
            <p className="text-sm text-slate-600">{t("myWork.noTasks")}</p>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm">
              {work.tasks.map((task) => (
                <li key={task.id} className="py-1.5">
                  {task.caseId ? (
                    <Link href={`/cases/${task.caseId}`} className="font-medium text-sky-800 hover:underline">
                      {task.reference ? `${task.reference} · ` : ""}
                      {task.title}
                    </Link>
                  ) : (
                    <span className="font-medium">{task.title}</span>
                  )}
                  <span className={task.overdue ? "block text-xs font-medium text-red-800" : "block text-xs text-slate-600"}>
                    {task.dueDate ? t("myWork.due", { date: formatDate(task.dueDate, locale) }) : t("myWork.noDue")}
                    {task.overdue ? ` · ${t("myWork.overdue")}` : ""}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Panel>
        <Panel id="my-hearings" title={t("myWork.hearings")}>
          {work.hearings.length === 0 ? (
            <p className="text-sm text-slate-600">{t("myWork.noHearings")}</p>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm">
              {work.hearings.map((hearing) => (
                <li key={hearing.id} className="py-1.5">
                  <Link href={`/police-actions/${hearing.id}`} className="font-medium text-sky-800 hover:underline">
                    {formatDateTime(hearing.hearingAt, locale)} · {hearing.personName}
                  </Link>
                  <span className="block text-xs text-slate-600">
                    {tPolice(`type.${hearing.type}` as "type.SUMMONS")}
                    {hearing.reference ? ` · ${hearing.reference}` : ""}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Panel>
        <Panel id="my-cases" title={t("myWork.cases", { count: work.cases.total })}>
          {work.cases.items.length === 0 ? (
            <p className="text-sm text-slate-600">{t("myWork.noCases")}</p>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm">
              {work.cases.items.map((item) => (
                <li key={item.id} className="flex items-center justify-between gap-2 py-1.5">
                  <Link href={`/cases/${item.id}`} className="font-medium text-sky-800 hover:underline">
                    {item.reference} · {item.subjectName}
                  </Link>
                  <CaseStatusBadge status={item.status} label={tCases(`status.${item.status}` as "status.MISSING")} />
                </li>
              ))}
            </ul>
          )}
          <Link href="/cases?assignee=me" className="text-sm font-medium text-sky-800 underline">
            {t("myWork.allCases")}
          </Link>
        </Panel>
      </div>
    </div>
  );
}
