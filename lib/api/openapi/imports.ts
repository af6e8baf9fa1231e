// Importing people and cases from a spreadsheet: upload, preview, the background import and templates.
import { importMappingSchema, importPreviewMappingSchema, importTemplateSchema } from "@/lib/validations/import";
import { file, ok, refused, type ApiArea } from "./registry";

export const importsApi: ApiArea = {
  operations: [
    {
      method: "post",
      path: "/imports",
      operationId: "uploadImport",
      access: "imports.run",
      summary: "Upload a spreadsheet to import (multipart field file; CSV in UTF-8 or Windows-1251 with , or ;, or XLSX). Answers its sheets, header row, headers and the suggested column mapping per kind (people, cases, events, protests, policeActions); nothing is imported yet (needs imports.run)",
      body: { multipart: { type: "object", required: ["file"], properties: { file: { type: "string", format: "binary" } } } },
      idempotency: false,
      responses: {
        "201": ok("The upload: {id, fileName, format, encoding, sizeBytes, sheets: [{name, headerRow, headers, rows, notes, suggested, sample}]}"),
        "413": refused("Larger than the upload limit (key importTooLarge)"),
        "422": refused("Not a spreadsheet, an old .xls, an unreadable workbook, a broken encoding, an empty file or too many rows (keys importWrongType, importOldExcel, importUnreadableXlsx, importBrokenEncoding, importEmptyFile, importTooManyRows)"),
      },
    },
    {
      method: "post",
      path: "/imports/{uploadId}/preview",
      operationId: "previewImport",
      access: "imports.run",
      summary: "Check every row with a mapping and decisions, as the import would; nothing is written (needs imports.run). The counts cover the whole sheet; the issues (by row, then column) and the rows with likely duplicates (by row) come a page at a time, with their totals",
      body: { schema: importPreviewMappingSchema, notes: {
        sheet: "The sheet's name (XLSX); the first sheet when empty",
        encoding: "A CSV's encoding, when the detected one is wrong",
        locale: "The language month names and numbers are read in first",
        columns: "Column index → field; the suggested mapping when empty",
        values: "Field → cell text → value (statuses, genders, relationships)",
        places: "Place text → a gazetteer place id, or \"text\" to keep it as written",
        decisions: "Row number → what to do with a likely duplicate",
        duplicateDefault: "What rows with a likely duplicate and no decision of their own do: ask (undecided), create or skip",
        issuesPage: "The page of issues, from 1",
        issuesPageSize: "Issues per page, 500 unless given, at most 1000",
        duplicatesPage: "The page of rows with likely duplicates, from 1",
        duplicatesPageSize: "Rows with likely duplicates per page, 100 unless given, at most 200",
      } },
      responses: {
        "200": ok("{counts, issues [{row, column, field, key, severity, value}], issueTotal, issuesPage, issuesPageSize, unknownValues [{field, column, value, text, rows (the first 20), rowCount, choices}], unmatchedPlaces [{value, text, rows (the first 20), rowCount}], duplicates [{row, name, candidates, decision}], duplicateTotal, duplicatesPage, duplicatesPageSize, sample}"),
        "404": refused("Not the caller's upload"),
        "422": refused("A mapping or paging value that is not valid (per field: invalidNumber, numberTooSmall, numberTooLarge, invalidChoice…)"),
      },
    },
    {
      method: "post",
      path: "/imports/{uploadId}/issues",
      operationId: "downloadImportIssues",
      access: "imports.run",
      summary: "Every issue of the sheet with the preview's body, as CSV streamed while the sheet is checked (row, column, severity, problem, value), in the language of the body's locale; nothing is written but the download's audit event. In the preview's order, except a sheet of events' timeline errors, found only once the whole sheet is read, which come last",
      body: { schema: importMappingSchema },
      responses: {
        "200": file("The CSV", "text/csv"),
        "404": refused("Not the caller's upload"),
      },
    },
    {
      method: "post",
      path: "/imports/{uploadId}/commit",
      operationId: "commitImport",
      access: "imports.run",
      summary: "Import the sheet as a background job with the same body as the preview: all rows or none; it fails (writing nothing) while any row has an error or an undecided duplicate",
      body: { schema: importMappingSchema },
      responses: {
        "202": ok("The job"),
        "404": refused("Not the caller's upload"),
      },
    },
    {
      method: "get",
      path: "/imports/jobs/{jobId}",
      operationId: "getImportJob",
      access: "imports.run",
      summary: "An import's state and progress; when done, result {created, linked, skipped, alreadyImported, people, cases, events, protests, participants, policeActions}; when failed, error (importHasErrors, importUndecided)",
      responses: {
        "200": ok("The job"),
        "404": refused("Not the caller's import"),
      },
    },
    {
      method: "post",
      path: "/imports/jobs/{jobId}/cancel",
      operationId: "cancelImportJob",
      access: "imports.run",
      summary: "Stop a waiting or running import; nothing of it is kept",
      responses: {
        "200": ok("The job"),
        "404": refused("Not the caller's import"),
      },
    },
    {
      method: "get",
      path: "/imports/jobs/{jobId}/report",
      operationId: "downloadImportJobReport",
      access: "imports.run",
      summary: "The final report of a finished import as CSV: every row and what became of it (created, linked, skipped, alreadyImported), audited",
      responses: {
        "200": file("The CSV", "text/csv"),
        "404": refused("Not the caller's import"),
      },
    },
    {
      method: "get",
      path: "/imports/templates",
      operationId: "listImportTemplates",
      access: "imports.run",
      summary: "The organisation's saved column and value mappings (needs imports.run)",
      responses: {
        "200": ok("{items: [{id, name, entity, columns, values, updatedAt}]}"),
      },
    },
    {
      method: "post",
      path: "/imports/templates",
      operationId: "createImportTemplate",
      access: "imports.run",
      summary: "Save (or replace, by name) a mapping for sheets of the same shape",
      body: { schema: importTemplateSchema, notes: { columns: "Header text → field" } },
      responses: {
        "201": ok("The template"),
      },
    },
  ],
};
