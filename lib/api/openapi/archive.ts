// The organisation archive: everything an organisation owns, exported for another installation (admins only).
import { archivePassphraseSchema } from "@/lib/validations/archive";
import { file, json, ok, refused, type ApiArea } from "./registry";

const jobAnswer = { type: "object", properties: { job: { type: "object" } } } as const;

export const archiveApi: ApiArea = {
  operations: [
    {
      method: "get",
      path: "/archive/exports",
      operationId: "listArchiveExports",
      access: "archive.export",
      summary: "The caller's organisation archive exports (admins only)",
      responses: {
        "200": ok("Jobs, newest first, in the shape of /reports/jobs"),
        "403": refused("Not an admin"),
      },
    },
    {
      method: "post",
      path: "/archive/exports",
      operationId: "startArchiveExport",
      access: "archive.export",
      summary: "Export everything the organisation owns as a background job (records, files, members, audit log); see lib/archive/FORMAT.md",
      responses: {
        "201": json("The export job, to follow at /archive/exports/{jobId}", jobAnswer),
        "403": refused("Not an admin"),
      },
    },
    {
      method: "get",
      path: "/archive/exports/{jobId}",
      operationId: "getArchiveExport",
      access: "archive.export",
      summary: "One archive export's state and progress",
      responses: {
        "200": ok("The job"),
        "404": refused("Not the caller's own archive export"),
      },
    },
    {
      method: "post",
      path: "/archive/exports/{jobId}/file",
      operationId: "downloadArchiveExport",
      access: "archive.export",
      summary: "Download the finished archive once, as a ZIP encrypted (WinZip AES-256) with the passphrase given; the stored file is deleted afterwards",
      body: { schema: archivePassphraseSchema, notes: { passphrase: "at least 12 characters; never stored" } },
      responses: {
        "200": file("The archive", "application/zip"),
        "404": refused("Not the caller's archive, or already downloaded or expired (key archiveGone)"),
        "409": refused("Not ready yet"),
        "422": refused("The passphrase is shorter than 12 characters"),
      },
    },
  ],
};
