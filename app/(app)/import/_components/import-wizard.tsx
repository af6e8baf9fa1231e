"use client";
// The import screen: upload a file, map its columns (suggested from the headers, or a saved mapping),
// check every row, decide on unknown values, places and likely duplicates, then import as a job with a
// progress bar, a cancel button and the final report. Problems stay on screen until fixed, a page at a
// time, and can be downloaded as CSV (made by the server from the whole sheet). Decisions on likely
// duplicates are kept here across pages and sent with the mapping; a choice "for all" is sent as the
// mapping's default, so it covers the rows on pages never opened.
import { useEffect, useMemo, useState } from "react";
import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { PaginationButtons } from "@/components/ui/pagination";
import { Select } from "@/components/ui/select";
import { Table, Td, Th } from "@/components/ui/table";
import { ENTITY_FIELDS, IMPORT_ENTITIES, type ImportEntity } from "@/lib/imports/fields";
import type { PreviewView } from "@/lib/imports/preview-import";
import type { ImportTemplateView } from "@/lib/imports/templates";
import type { UploadView } from "@/lib/imports/upload-import";
import type { JobView } from "@/lib/jobs/queue";
import type { DuplicateDecision } from "@/lib/validations/import";

type Values = Record<string, Record<string, string>>;

async function send<T>(url: string, init: RequestInit): Promise<{ ok: true; data: T } | { ok: false; message: string }> {
  try {
    const response = await fetch(url, { cache: "no-store", ...init });
    const body = (await response.json().catch(() => null)) as (T & { error?: { message?: string } }) | null;
    if (!response.ok) return { ok: false, message: body?.error?.message ?? response.statusText };
    return { ok: true, data: body as T };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

const json = (body: unknown): RequestInit => ({ method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
const normalise = (text: string) => text.normalize("NFC").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();

export function ImportWizard({ locale, initialTemplates }: { locale: string; initialTemplates: ImportTemplateView[] }) {
  const t = useTranslations("imports");
  const tv = useTranslations("validation");
  const te = useTranslations("errors");
  const tc = useTranslations("common");
  const [file, setFile] = useState<File | null>(null);
  const [upload, setUpload] = useState<UploadView | null>(null);
  const [sheetName, setSheetName] = useState("");
  const [entity, setEntity] = useState<ImportEntity>("cases");
  const [encoding, setEncoding] = useState<string>("");
  const [columns, setColumns] = useState<Record<string, string>>({});
  const [values, setValues] = useState<Values>({});
  const [places, setPlaces] = useState<Record<string, string>>({});
  const [decisions, setDecisions] = useState<Record<string, DuplicateDecision>>({});
  const [duplicateDefault, setDuplicateDefault] = useState<"ask" | "create" | "skip">("ask");
  const [preview, setPreview] = useState<PreviewView | null>(null);
  const [job, setJob] = useState<JobView | null>(null);
  const [templates, setTemplates] = useState(initialTemplates);
  const [templateName, setTemplateName] = useState("");
  const [busy, setBusy] = useState<"upload" | "preview" | "commit" | "download" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const sheet = upload?.sheets.find((candidate) => candidate.name === sheetName) ?? upload?.sheets[0] ?? null;
  const fields = ENTITY_FIELDS[entity] as Record<string, { required?: boolean }>;

  // a new sheet or kind of record starts from the mapping suggested by its headers
  const choose = (nextUpload: UploadView, nextSheet: string, nextEntity: ImportEntity) => {
    const chosen = nextUpload.sheets.find((candidate) => candidate.name === nextSheet) ?? nextUpload.sheets[0];
    setSheetName(chosen?.name ?? "");
    setEntity(nextEntity);
    setColumns(chosen?.suggested[nextEntity] ?? {});
    setPreview(null);
  };

  const mappingBody = () => ({ sheet: sheet?.name ?? "", entity, locale, columns, values, places, decisions, duplicateDefault, ...(encoding ? { encoding } : {}) });

  const doUpload = async () => {
    if (!file) return;
    setBusy("upload");
    setError(null);
    const form = new FormData();
    form.set("file", file);
    const answer = await send<UploadView>("/api/v1/imports", { method: "POST", body: form });
    setBusy(null);
    if (!answer.ok) return setError(answer.message);
    setUpload(answer.data);
    choose(answer.data, "", entity);
    setEncoding(answer.data.encoding ?? "");
    // decisions name rows of the file they were made for
    setDecisions({});
    setDuplicateDefault("ask");
    setJob(null);
    setPreview(null);
  };

  // each page is the whole sheet checked again with the mapping and decisions as they are now
  const doPreview = async (pages: { issuesPage?: number; duplicatesPage?: number } = {}) => {
    if (!upload) return;
    setBusy("preview");
    setError(null);
    const answer = await send<PreviewView>(`/api/v1/imports/${upload.id}/preview`, json({ ...mappingBody(), issuesPage: pages.issuesPage ?? 1, duplicatesPage: pages.duplicatesPage ?? 1 }));
    setBusy(null);
    if (!answer.ok) return setError(answer.message);
    setPreview(answer.data);
  };

  const doCommit = async () => {
    if (!upload) return;
    setBusy("commit");
    setError(null);
    const answer = await send<JobView>(`/api/v1/imports/${upload.id}/commit`, json(mappingBody()));
    setBusy(null);
    if (!answer.ok) return setError(answer.message);
    setJob(answer.data);
  };

  const running = job && (job.status === "QUEUED" || job.status === "RUNNING");
  useEffect(() => {
    if (!running || !job) return;
    const timer = setInterval(async () => {
      const answer = await send<JobView>(`/api/v1/imports/jobs/${job.id}`, {});
      if (answer.ok) setJob(answer.data);
    }, 1_000);
    return () => clearInterval(timer);
  }, [running, job]);

  const cancel = async () => {
    if (!job) return;
    const answer = await send<JobView>(`/api/v1/imports/jobs/${job.id}/cancel`, json({}));
    if (answer.ok) setJob(answer.data);
  };

  const applyTemplate = (id: string) => {
    const template = templates.find((candidate) => candidate.id === id);
    if (!template || !sheet) return;
    const mapped: Record<string, string> = {};
    sheet.headers.forEach((header, index) => {
      const field = template.columns[normalise(header)];
      if (field && !Object.values(mapped).includes(field)) mapped[String(index)] = field;
    });
    setEntity(template.entity);
    setColumns(mapped);
    setValues(template.values);
    setPreview(null);
  };

  const saveTemplate = async () => {
    if (!sheet || !templateName.trim()) return;
    const byHeader = Object.fromEntries(Object.entries(columns).filter(([, field]) => field).map(([index, field]) => [sheet.headers[Number(index)] ?? "", field]));
    const answer = await send<ImportTemplateView>("/api/v1/imports/templates", json({ name: templateName, entity, columns: byHeader, values }));
    if (!answer.ok) return setError(answer.message);
    setTemplates((list) => [...list.filter((item) => item.id !== answer.data.id), answer.data]);
    setNotice(t("saved"));
  };

  const issueText = (issue: PreviewView["issues"][number]) => (tv.has(issue.key as never) ? tv(issue.key as never, { value: issue.value ?? "" } as never) : issue.key);
  // the server writes every problem of the sheet (not only this page's) in this language
  const downloadIssues = async () => {
    if (!upload) return;
    setBusy("download");
    setError(null);
    try {
      const response = await fetch(`/api/v1/imports/${upload.id}/issues`, { cache: "no-store", ...json(mappingBody()) });
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
        return setError(body?.error?.message ?? response.statusText);
      }
      const link = document.createElement("a");
      link.href = URL.createObjectURL(await response.blob());
      link.download = `${upload.fileName.replace(/\.[^.]+$/, "")}-problems.csv`;
      link.click();
      URL.revokeObjectURL(link.href);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(null);
    }
  };

  // readiness comes from the whole sheet's counts, never from the page on screen
  const ready = preview && preview.counts.invalid === 0 && preview.counts.undecided === 0 && preview.counts.new > 0;
  const range = (page: number, pageSize: number, shown: number, total: number) => ({ from: shown ? (page - 1) * pageSize + 1 : 0, to: shown ? (page - 1) * pageSize + shown : 0, total });
  const pageCount = (pageSize: number, total: number) => Math.max(1, Math.ceil(total / pageSize));
  const defaultChoice = duplicateDefault === "create" ? t("createNew") : duplicateDefault === "skip" ? t("skipRow") : null;
  const result = (job?.result ?? null) as Record<string, number> | null;
  const sampleOf = useMemo(() => (index: number) => sheet?.sample.find((row) => row[index])?.[index] ?? "", [sheet]);

  return (
    <div className="space-y-6">
      {error ? <Alert tone="error">{error}</Alert> : null}
      {notice ? <Alert tone="success">{notice}</Alert> : null}

      <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        <label className="block text-sm font-medium" htmlFor="import-file">
          {t("file")}
        </label>
        <input id="import-file" type="file" accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" onChange={(event) => setFile(event.target.files?.[0] ?? null)} className="block text-sm" />
        <Button onClick={doUpload} disabled={!file || busy !== null}>
          {busy === "upload" ? t("reading") : t("upload")}
        </Button>
      </section>

      {upload && sheet ? (
        <section className="space-y-4 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="import-mapping">
          <h2 id="import-mapping" className="text-lg font-semibold">
            {t("mapping")}
          </h2>
          <div className="flex flex-wrap gap-4">
            {upload.sheets.length > 1 ? (
              <label className="text-sm">
                {t("sheet")}
                <Select value={sheet.name} onChange={(event) => choose(upload, event.target.value, entity)}>
                  {upload.sheets.map((candidate) => (
                    <option key={candidate.name} value={candidate.name}>
                      {candidate.name} ({candidate.rows})
                    </option>
                  ))}
                </Select>
              </label>
            ) : null}
            <label className="text-sm">
              {t("entity")}
              <Select value={entity} onChange={(event) => choose(upload, sheet.name, event.target.value as ImportEntity)}>
                {IMPORT_ENTITIES.map((candidate) => (
                  <option key={candidate} value={candidate}>
                    {t(`entities.${candidate}`)}
                  </option>
                ))}
              </Select>
            </label>
            {upload.format === "csv" ? (
              <label className="text-sm">
                {t("encoding")}
                <Select value={encoding} onChange={(event) => setEncoding(event.target.value)}>
                  <option value="utf-8">{t("encodings.utf-8")}</option>
                  <option value="windows-1251">{t("encodings.windows-1251")}</option>
                </Select>
              </label>
            ) : null}
            {templates.length ? (
              <label className="text-sm">
                {t("template")}
                <Select defaultValue="" onChange={(event) => applyTemplate(event.target.value)}>
                  <option value="">{t("noTemplate")}</option>
                  {templates.map((template) => (
                    <option key={template.id} value={template.id}>
                      {template.name}
                    </option>
                  ))}
                </Select>
              </label>
            ) : null}
          </div>
          {sheet.notes.map((note) => (
            <Alert key={note.key} tone="info">
              {t(`notes.${note.key}` as never, (note.values ?? {}) as never)}
            </Alert>
          ))}
          <Table caption={t("mapping")}>
            <thead>
              <tr>
                <Th>{t("header")}</Th>
                <Th>{t("example")}</Th>
                <Th>{t("field")}</Th>
              </tr>
            </thead>
            <tbody>
              {sheet.headers.map((header, index) =>
                header ? (
                  <tr key={index}>
                    <Td>{header}</Td>
                    <Td className="text-slate-600">{sampleOf(index)}</Td>
                    <Td>
                      <Select aria-label={t("field") + ": " + header} value={columns[String(index)] ?? ""} onChange={(event) => setColumns((current) => ({ ...current, [String(index)]: event.target.value }))}>
                        <option value="">{t("ignore")}</option>
                        {Object.entries(fields).map(([field, spec]) => (
                          <option key={field} value={field}>
                            {t(`fields.${field}` as never)}
                            {spec.required ? ` (${t("required")})` : ""}
                          </option>
                        ))}
                      </Select>
                    </Td>
                  </tr>
                ) : null,
              )}
            </tbody>
          </Table>
          <div className="flex flex-wrap items-end gap-2">
            <Button onClick={() => doPreview()} disabled={busy !== null}>
              {busy === "preview" ? t("checking") : t("preview")}
            </Button>
            <label className="text-sm">
              {t("saveTemplate")}
              <Input aria-label={t("templateName")} value={templateName} onChange={(event) => setTemplateName(event.target.value)} maxLength={100} />
            </label>
            <Button variant="secondary" onClick={saveTemplate} disabled={!templateName.trim()}>
              {t("save")}
            </Button>
          </div>
        </section>
      ) : null}

      {preview ? (
        <section className="space-y-4 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="import-preview">
          <h2 id="import-preview" className="text-lg font-semibold">
            {t("issues")}
          </h2>
          <p className="text-sm" data-testid="import-counts">
            {t("counts", preview.counts)}
          </p>
          {preview.issueTotal === 0 ? (
            <p className="text-sm text-slate-600">{t("noIssues")}</p>
          ) : (
            <>
              <p className="text-sm" data-testid="import-issues-range">
                {t("issuesRange", range(preview.issuesPage, preview.issuesPageSize, preview.issues.length, preview.issueTotal))}
              </p>
              <Table caption={t("issues")}>
                <thead>
                  <tr>
                    <Th>{t("row")}</Th>
                    <Th>{t("column")}</Th>
                    <Th>{t("problem")}</Th>
                    <Th>{t("value")}</Th>
                  </tr>
                </thead>
                <tbody>
                  {preview.issues.map((issue, index) => (
                    <tr key={`${preview.issuesPage}-${index}`} className={issue.severity === "error" ? "bg-red-50" : "bg-amber-50"}>
                      <Td>{issue.row}</Td>
                      <Td>{issue.column}</Td>
                      <Td>
                        {issue.severity === "error" ? t("error") : t("warning")}: {issueText(issue)}
                      </Td>
                      <Td>{issue.value}</Td>
                    </tr>
                  ))}
                </tbody>
              </Table>
              <PaginationButtons
                page={preview.issuesPage}
                pageCount={pageCount(preview.issuesPageSize, preview.issueTotal)}
                onPage={(page) => doPreview({ issuesPage: page, duplicatesPage: preview.duplicatesPage })}
                disabled={busy !== null}
                labels={{ previous: tc("previous"), next: tc("next"), nav: t("issuesPages"), status: tc("pageOf", { page: preview.issuesPage, count: pageCount(preview.issuesPageSize, preview.issueTotal) }) }}
              />
              <Button variant="secondary" onClick={downloadIssues} disabled={busy !== null}>
                {busy === "download" ? t("downloading") : t("downloadIssues")}
              </Button>
            </>
          )}

          {preview.unknownValues.length ? (
            <div className="space-y-2">
              <h3 className="font-semibold">{t("unknownValues")}</h3>
              <p className="text-sm text-slate-600">{t("unknownHint")}</p>
              {preview.unknownValues.map((unknown) => (
                <label key={`${unknown.field}-${unknown.value}`} className="flex flex-wrap items-center gap-2 text-sm">
                  <span>
                    {unknown.column}: «{unknown.text}» ({t("rows", { rows: unknown.rows.slice(0, 10).join(", ") })}
                    {unknown.rowCount > 10 ? ` ${t("moreRows", { n: unknown.rowCount - 10 })}` : ""})
                  </span>
                  <Select
                    aria-label={`${unknown.column}: ${unknown.text}`}
                    value={values[unknown.field]?.[unknown.value] ?? ""}
                    onChange={(event) => setValues((current) => ({ ...current, [unknown.field]: { ...(current[unknown.field] ?? {}), [unknown.value]: event.target.value } }))}
                  >
                    <option value="">{t("chooseValue")}</option>
                    {unknown.choices.map((choice) => (
                      <option key={choice} value={choice}>
                        {choice}
                      </option>
                    ))}
                  </Select>
                </label>
              ))}
            </div>
          ) : null}

          {preview.unmatchedPlaces.length ? (
            <div className="space-y-2">
              <h3 className="font-semibold">{t("places")}</h3>
              <p className="text-sm text-slate-600">{t("placesHint")}</p>
              {preview.unmatchedPlaces.map((place) => (
                <div key={place.value} className="flex flex-wrap items-center gap-2 text-sm">
                  <span>
                    «{place.text}» ({t("rows", { rows: place.rows.slice(0, 10).join(", ") })}
                    {place.rowCount > 10 ? ` ${t("moreRows", { n: place.rowCount - 10 })}` : ""})
                  </span>
                  <Button variant="secondary" onClick={() => setPlaces((current) => ({ ...current, [place.value]: "text" }))} disabled={places[place.value] === "text"}>
                    {t("keepText")}
                  </Button>
                </div>
              ))}
            </div>
          ) : null}

          {preview.duplicateTotal ? (
            <div className="space-y-2">
              <h3 className="font-semibold">{t("duplicates")}</h3>
              <p className="text-sm text-slate-600">{t("duplicatesHint")}</p>
              <div className="flex flex-wrap items-center gap-2 text-sm" role="group" aria-label={t("allUndecided")}>
                <span>{t("allUndecided")}:</span>
                <Button variant="secondary" onClick={() => setDuplicateDefault("create")} aria-pressed={duplicateDefault === "create"}>
                  {t("createNew")}
                </Button>
                <Button variant="secondary" onClick={() => setDuplicateDefault("skip")} aria-pressed={duplicateDefault === "skip"}>
                  {t("skipRow")}
                </Button>
                {duplicateDefault !== "ask" ? (
                  <Button variant="ghost" onClick={() => setDuplicateDefault("ask")}>
                    {t("decideEach")}
                  </Button>
                ) : null}
              </div>
              {duplicateDefault !== "ask" ? (
                <p className="text-sm" data-testid="import-duplicate-default">
                  {t(duplicateDefault === "create" ? "defaultCreate" : "defaultSkip")}
                </p>
              ) : null}
              <p className="text-sm" data-testid="import-duplicates-range">
                {t("duplicatesRange", range(preview.duplicatesPage, preview.duplicatesPageSize, preview.duplicates.length, preview.duplicateTotal))}
              </p>
              {preview.duplicates.map((duplicate) => {
                const decision = decisions[String(duplicate.row)];
                const value = decision ? (decision.action === "link" ? `link:${decision.personId}` : decision.action) : "";
                return (
                  <label key={duplicate.row} className="flex flex-wrap items-center gap-2 text-sm">
                    <span>
                      {t("row")} {duplicate.row}: {duplicate.name}
                    </span>
                    <Select
                      aria-label={`${t("row")} ${duplicate.row}: ${duplicate.name}`}
                      value={value}
                      onChange={(event) => {
                        const chosen = event.target.value;
                        setDecisions((current) => {
                          const next = { ...current };
                          if (!chosen) delete next[String(duplicate.row)];
                          else next[String(duplicate.row)] = chosen.startsWith("link:") ? { action: "link", personId: chosen.slice(5) } : { action: chosen as "create" | "skip" };
                          return next;
                        });
                      }}
                    >
                      <option value="">{defaultChoice ? t("followDefault", { choice: defaultChoice }) : t("undecided")}</option>
                      {duplicate.candidates.map((candidate) => (
                        <option key={candidate.id} value={`link:${candidate.id}`}>
                          {t("linkTo", { name: candidate.displayName })}
                          {candidate.birthYear ? `, ${t("born", { year: candidate.birthYear })}` : ""}
                          {candidate.reasons.length ? ` — ${t("why", { reasons: candidate.reasons.map((reason) => t(`reasons.${reason}`)).join(", ") })}` : ""}
                        </option>
                      ))}
                      <option value="create">{t("createNew")}</option>
                      <option value="skip">{t("skipRow")}</option>
                    </Select>
                  </label>
                );
              })}
              <PaginationButtons
                page={preview.duplicatesPage}
                pageCount={pageCount(preview.duplicatesPageSize, preview.duplicateTotal)}
                onPage={(page) => doPreview({ issuesPage: preview.issuesPage, duplicatesPage: page })}
                disabled={busy !== null}
                labels={{ previous: tc("previous"), next: tc("next"), nav: t("duplicatesPages"), status: tc("pageOf", { page: preview.duplicatesPage, count: pageCount(preview.duplicatesPageSize, preview.duplicateTotal) }) }}
              />
            </div>
          ) : null}

          <div className="flex flex-wrap items-center gap-2">
            <Button variant="secondary" onClick={() => doPreview()} disabled={busy !== null}>
              {busy === "preview" ? t("checking") : t("preview")}
            </Button>
            <Button onClick={doCommit} disabled={!ready || busy !== null || Boolean(running)}>
              {t("commit", { n: preview.counts.new })}
            </Button>
            {!ready ? <span className="text-sm text-slate-600">{t("notReady")}</span> : null}
          </div>
        </section>
      ) : null}

      {job ? (
        <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" aria-live="polite">
          {running ? (
            <>
              <p className="text-sm">{t("running")}</p>
              <div className="h-2 w-full max-w-md rounded bg-slate-100" role="progressbar" aria-valuenow={job.percent} aria-valuemin={0} aria-valuemax={100} aria-label={t("running")}>
                <div className="h-2 rounded bg-sky-600" style={{ width: `${job.percent}%` }} />
              </div>
              <Button variant="secondary" onClick={cancel}>
                {t("cancel")}
              </Button>
            </>
          ) : null}
          {job.status === "SUCCEEDED" && result ? (
            <Alert tone="success" title={t("done", { created: result.created ?? 0, linked: result.linked ?? 0, skipped: result.skipped ?? 0, alreadyImported: result.alreadyImported ?? 0, people: result.people ?? 0, cases: result.cases ?? 0 })}>
              <a className="underline" href={`/api/v1/imports/jobs/${job.id}/report`}>
                {t("report")}
              </a>
            </Alert>
          ) : null}
          {job.status === "FAILED" ? (
            <Alert tone="error" title={t("failed")}>
              {job.error && te.has(job.error as never) ? te(job.error as never, { n: preview?.counts.invalid || preview?.counts.undecided || 0 } as never) : null}
            </Alert>
          ) : null}
          {job.status === "CANCELLED" ? <Alert tone="warning">{t("cancelled")}</Alert> : null}
        </section>
      ) : null}
    </div>
  );
}
