// Column and value mappings saved per organisation, to be applied to the next sheet of the same shape.
// Columns are kept by their normalised header text, so a template fits a sheet whose columns moved.
import "server-only";
import { audit } from "@/lib/audit";
import { authorize, type Ctx, importTemplateScope } from "@/lib/authz";
import { withTenant } from "@/lib/db";
import { importTemplateSchema } from "@/lib/validations/import";
import { fieldsOf, normaliseHeader, type ImportEntity } from "./fields";
import { parseInput } from "@/lib/service-kit";

export interface ImportTemplateView {
  id: string;
  name: string;
  entity: ImportEntity;
  columns: Record<string, string>;
  values: Record<string, Record<string, string>>;
  updatedAt: string;
}

type TemplateRow = { id: string; name: string; entity: string; columns: unknown; values: unknown; updatedAt: Date };
const toView = (row: TemplateRow): ImportTemplateView => ({
  id: row.id,
  name: row.name,
  entity: row.entity as ImportEntity,
  columns: row.columns as Record<string, string>,
  values: row.values as Record<string, Record<string, string>>,
  updatedAt: row.updatedAt.toISOString(),
});

export async function findImportTemplates(ctx: Ctx): Promise<ImportTemplateView[]> {
  authorize(ctx, "imports.run");
  return withTenant(ctx, async (tx) => (await tx.importTemplate.findMany({ where: importTemplateScope(ctx), orderBy: { name: "asc" } })).map(toView));
}

/** Saves (or replaces, by name) a template; unknown fields are dropped. */
export async function saveImportTemplate(ctx: Ctx, input: unknown): Promise<ImportTemplateView> {
  authorize(ctx, "imports.run");
  const data = parseInput(importTemplateSchema, input);
  const fields = fieldsOf(data.entity);
  const columns = Object.fromEntries(Object.entries(data.columns).filter(([header, field]) => normaliseHeader(header) && fields[field]).map(([header, field]) => [normaliseHeader(header), field]));
  const values = Object.fromEntries(Object.entries(data.values).filter(([field]) => fields[field]));
  return withTenant(ctx, async (tx) => {
    const row = await tx.importTemplate.upsert({
      where: { organizationId_entity_name: { organizationId: ctx.organizationId, entity: data.entity, name: data.name } },
      create: { organizationId: ctx.organizationId, name: data.name, entity: data.entity, columns, values, createdById: ctx.userId },
      update: { columns, values },
    });
    await audit(tx, { organizationId: ctx.organizationId, actorUserId: ctx.userId, action: "import.template.save", entityType: "ImportTemplate", entityId: row.id, metadata: { entity: data.entity, columns: Object.keys(columns).length }, ipHash: ctx.ipHash });
    return toView(row);
  });
}

/** A template's columns applied to a sheet's headers: column index → field. */
export function applyTemplate(template: Pick<ImportTemplateView, "columns">, headers: string[]): Record<string, string> {
  const mapping: Record<string, string> = {};
  headers.forEach((header, index) => {
    const field = template.columns[normaliseHeader(header)];
    if (field && !Object.values(mapping).includes(field)) mapping[String(index)] = field;
  });
  return mapping;
}
