import { getTranslations } from "next-intl/server";
import { Table, Td, Th } from "@/components/ui/table";
import { apiDescription, type ApiField } from "@/lib/api/description";
import { requireCtx } from "@/lib/auth/context";
import { AdminTabs } from "../_components/admin-tabs";

const methodColour: Record<string, string> = {
  GET: "bg-sky-100 text-sky-900",
  POST: "bg-emerald-100 text-emerald-900",
  PUT: "bg-amber-100 text-amber-900",
  PATCH: "bg-amber-100 text-amber-900",
  DELETE: "bg-rose-100 text-rose-900",
};

async function Fields({ caption, fields }: { caption: string; fields: ApiField[] }) {
  const tApi = await getTranslations("admin.api");
  if (fields.length === 0) return null;
  return (
    <Table caption={caption}>
      <thead>
        <tr>
          <Th>{tApi("name")}</Th>
          <Th>{tApi("where")}</Th>
          <Th>{tApi("type")}</Th>
          <Th>{tApi("meaning")}</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {fields.map((field) => (
          <tr key={`${field.where}-${field.name}`}>
            <Td>
              <code className="break-all">{field.name}</code>
              {field.required ? <span className="ml-1 text-xs text-rose-800">{tApi("required")}</span> : null}
            </Td>
            <Td>{field.where}</Td>
            <Td>
              <code className="break-all text-xs">{field.type}</code>
            </Td>
            <Td>{field.description}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

// A readable reference of the JSON API, drawn from the same openapi.yaml that client generators read.
export default async function AdminApiPage() {
  await requireCtx("tokens.manage");
  const api = await apiDescription();
  const t = await getTranslations("admin");
  const tApi = await getTranslations("admin.api");
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">{t("title")}</h1>
      <AdminTabs current="api" />
      <section aria-labelledby="api-title" className="mb-6">
        <h2 id="api-title" className="text-lg font-semibold">
          {api.title} <span className="text-sm font-normal text-slate-600">v{api.version}</span>
        </h2>
        <p className="mt-2 max-w-3xl text-sm text-slate-700">{tApi("intro")}</p>
        <p className="mt-2 text-sm">
          <a className="text-sky-800 underline" href="/openapi.yaml" download>
            {tApi("download")}
          </a>
        </p>
        {api.description ? <p className="mt-3 max-w-3xl whitespace-pre-line text-sm text-slate-700" lang="en">{api.description}</p> : null}
      </section>
      <nav aria-label={tApi("contents")} className="mb-8 rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="mb-2 text-base font-semibold">{tApi("contents")}</h2>
        <ul className="columns-1 gap-6 text-sm sm:columns-2 lg:columns-3">
          {api.groups.map((group) => (
            <li key={group.name} className="mb-1 break-inside-avoid">
              <a className="text-sky-800 underline" href={`#group-${group.name}`}>
                /{group.name}
              </a>{" "}
              <span className="text-slate-600">({group.operations.length})</span>
            </li>
          ))}
        </ul>
      </nav>
      <div lang="en">
        {api.groups.map((group) => (
          <section key={group.name} id={`group-${group.name}`} aria-labelledby={`group-${group.name}-title`} className="mb-10">
            <h2 id={`group-${group.name}-title`} className="mb-3 border-b border-slate-200 pb-1 text-lg font-semibold">
              /{group.name}
            </h2>
            {group.operations.map((operation) => (
              <article key={operation.id} id={operation.id} aria-labelledby={`${operation.id}-title`} className="mb-6 rounded-lg border border-slate-200 bg-white p-4">
                <h3 id={`${operation.id}-title`} className="flex flex-wrap items-baseline gap-2 text-base font-semibold">
                  <span className={`rounded px-2 py-0.5 font-mono text-xs ${methodColour[operation.method] ?? "bg-slate-100"}`}>{operation.method}</span>
                  <code className="break-all">{operation.path}</code>
                </h3>
                {operation.summary ? <p className="mt-1 text-sm">{operation.summary}</p> : null}
                <p className="mt-1 text-xs text-slate-600">
                  operationId: <code>{operation.id}</code>
                </p>
                {operation.description ? <p className="mt-2 whitespace-pre-line text-sm text-slate-700">{operation.description}</p> : null}
                <div className="mt-3 space-y-3">
                  <Fields caption={tApi("parameters")} fields={operation.parameters} />
                  <Fields caption={tApi("body")} fields={operation.body} />
                  <Table caption={tApi("responses")}>
                    <thead>
                      <tr>
                        <Th>{tApi("status")}</Th>
                        <Th>{tApi("meaning")}</Th>
                      </tr>
                    </thead>
                    <tbody className="divide-y divide-slate-100">
                      {operation.responses.map((answer) => (
                        <tr key={answer.status}>
                          <Td>
                            <code>{answer.status}</code>
                          </Td>
                          <Td>{answer.description}</Td>
                        </tr>
                      ))}
                    </tbody>
                  </Table>
                </div>
              </article>
            ))}
          </section>
        ))}
      </div>
    </>
  );
}
