// Reports: made at once or as background jobs, always through the disclosure projection for the caller.
import { reportRequestSchema, zipPasswordSchema } from "@/lib/validations/report";
import { DAY } from "./notes";
import { file, json, ok, refused, type ApiArea } from "./registry";

export const reportsApi: ApiArea = {
  operations: [
    {
      method: "get",
      path: "/reports",
      operationId: "makeReport",
      access: "reports.anonymised",
      summary: "Make a report and download it at once (reports.anonymised; identifying detail needs reports.export)",
      description: "Up to 500 records; a larger one answers 413 with key reportUseJob (POST it instead), except the register as CSV without a ZIP password, which streams at once at any size (chunked, no Content-Length; the generation and download are audited before the first byte with the records counted). Anonymised police actions show the month, the region and the level of the authority instead of the day, town and name. XLSX registers hold at most 20 000 rows per sheet and 100 000 per file. Coordinators and admins see every case in full; everyone else sees public cases in full, anonymised cases under a stable pseudonym and private cases only as counts. Generation and download are audited with the report, the filter (free text only as \"set\") and the record count. CSV and XLSX cells that a spreadsheet would run as a formula (= + - @ | tab) are prefixed with an apostrophe.",
      query: reportRequestSchema,
      queryNotes: {
        format: "dossier and summary: pdf; register: csv (default), xlsx or pdf; statistics: csv (default) or xlsx",
        locale: "the language of the file; the caller's own by default",
        caseId: "required for the dossier",
        type: "register only, a police-action type",
        outcome: "register only",
        status: "register only",
        city: "register only, the protest's city",
        q: "register only: authority or legal basis (and names, for coordinators and admins)",
      },
      responses: {
        "200": {
          description: "The file, named report_organisation_date.ext",
          content: {
            "application/pdf": { schema: { type: "string", format: "binary" } },
            "text/csv": { schema: { type: "string" } },
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": { schema: { type: "string", format: "binary" } },
          },
        },
        "403": refused("The role may not make reports"),
        "404": refused("The case does not exist or this reader may only count it"),
        "413": refused("Too large for an immediate download"),
      },
    },
    {
      method: "post",
      path: "/reports",
      operationId: "queueReport",
      access: "reports.anonymised",
      summary: "Make a report; the file when small (a CSV register streams at any size), otherwise 202 with a background job",
      body: { schema: reportRequestSchema, notes: { from: DAY, to: DAY, zipPassword: "the file comes inside an AES-256 ZIP with this password (never stored)" } },
      responses: {
        "200": file("The file (or application/zip with a password)", "application/octet-stream"),
        "202": json("Queued as a background job (shape as in GET /reports/jobs)", { type: "object", properties: { job: { type: "object" } } }),
        "422": refused("Invalid request"),
      },
    },
    {
      method: "get",
      path: "/reports/jobs",
      operationId: "listReportJobs",
      access: "reports.anonymised",
      summary: "The caller's background reports (admins see every member's)",
      responses: {
        "200": json("Jobs, newest first", {
          type: "object",
          properties: {
            items: {
              type: "array",
              items: {
                type: "object",
                properties: {
                  id: { type: "string", format: "uuid" },
                  kind: { type: "string" },
                  status: { type: "string", enum: ["QUEUED", "RUNNING", "SUCCEEDED", "FAILED", "CANCELLED"] },
                  progress: { type: "integer" },
                  total: { type: ["integer", "null"] },
                  percent: { type: "integer" },
                  filter: { type: "object", description: "the report request without any password" },
                  error: { type: ["string", "null"] },
                  recordCount: { type: ["integer", "null"] },
                  fileName: { type: ["string", "null"] },
                  fileAvailable: { type: "boolean", description: "false once the file expired (organisation setting reportRetentionDays)" },
                  expiresAt: { type: ["string", "null"], format: "date-time" },
                  createdAt: { type: "string", format: "date-time" },
                },
              },
            },
          },
        }),
      },
    },
    {
      method: "get",
      path: "/reports/jobs/{jobId}",
      operationId: "getReportJob",
      access: "reports.anonymised",
      summary: "One background report's state and progress",
      responses: {
        "200": ok("The job (same shape as in the list)"),
        "404": refused("Not the caller's job"),
      },
    },
    {
      method: "post",
      path: "/reports/jobs/{jobId}/cancel",
      operationId: "cancelReportJob",
      access: "reports.anonymised",
      summary: "Stop a waiting or running report (a running one stops at its next batch)",
      responses: {
        "200": ok("The job"),
        "404": refused("Not the caller's job"),
      },
    },
    {
      method: "post",
      path: "/reports/jobs/{jobId}/retry",
      operationId: "retryReportJob",
      access: "reports.anonymised",
      summary: "Queue a failed or cancelled report again",
      responses: {
        "200": ok("The job, queued"),
        "409": refused("The job is not failed or cancelled"),
      },
    },
    {
      method: "get",
      path: "/reports/jobs/{jobId}/file",
      operationId: "downloadReportJobFile",
      access: "reports.anonymised",
      summary: "Download a finished report (audited)",
      responses: {
        "200": file("The file", "application/octet-stream"),
        "404": refused("Not the caller's job, or the file expired (key reportExpired)"),
        "409": refused("Not ready yet"),
      },
    },
    {
      method: "post",
      path: "/reports/jobs/{jobId}/file",
      operationId: "downloadReportJobFileAsZip",
      access: "reports.anonymised",
      summary: "The same file inside a password-protected ZIP",
      body: { schema: zipPasswordSchema, required: false },
      responses: {
        "200": file("application/zip (AES-256)", "application/zip"),
      },
    },
  ],
};
