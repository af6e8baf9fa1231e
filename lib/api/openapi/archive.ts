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
    {
      method: "get",
      path: "/archive/imports",
      operationId: "listArchiveImports",
      access: "archive.import",
      summary: "The organisation's archive imports with state, progress and, once done, the final report (admins only)",
      responses: {
        "200": ok("Jobs, newest first; a finished one's result: {organization, counts, records, files, auditEvents, members: {created, matched}, membersWithoutPassword, unmatchedPlaces, renewedIds, archiveSha256}; a failed one's error is a key (archivePassphrase, archiveDamaged, archiveFormat, archiveVersion, archiveNotEmpty, archiveExists)"),
        "403": refused("Not an admin"),
      },
    },
    {
      method: "post",
      path: "/archive/imports",
      operationId: "startArchiveImport",
      access: "archive.import",
      summary: "Upload an organisation archive (lib/archive/FORMAT.md) and import it, as a background job, into the caller's organisation, which must hold no records yet; the organisation keeps its own name and address",
      description:
        "The body is the archive file itself (streamed to disk, up to MAX_ARCHIVE_MB). The passphrase and the file's name travel percent-encoded in the headers X-Archive-Passphrase and X-File-Name. The passphrase and format version are checked before the job is created; the job checks every entry's checksum and the audit chain before it writes anything, then writes everything in one transaction. The passphrase is kept only sealed with this installation's key, and only until the job ends; the upload is deleted then too.",
      parameters: [
        { name: "X-Archive-Passphrase", in: "header", required: true, description: "the archive's passphrase, percent-encoded (encodeURIComponent)", schema: { type: "string" } },
        { name: "X-File-Name", in: "header", required: false, description: "the archive's file name, percent-encoded", schema: { type: "string" } },
      ],
      body: { file: "application/zip", description: "The archive" },
      idempotency: false,
      responses: {
        "201": json("The import job, to follow at /archive/imports", jobAnswer),
        "403": refused("Not an admin"),
        "409": refused("The organisation already holds records (key archiveNotEmpty)"),
        "413": refused("Larger than MAX_ARCHIVE_MB"),
        "422": refused("No passphrase, a passphrase that does not open the archive (archivePassphrase), not an archive (archiveFormat) or a newer format version (archiveVersion)"),
      },
    },
  ],
};
