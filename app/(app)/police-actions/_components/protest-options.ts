// The protests offered in the police-action form: the most recent ones, labelled by date, kind and city.
import "server-only";
import { getLocale, getTranslations } from "next-intl/server";
import type { Ctx } from "@/lib/authz";
import { findProtests } from "@/lib/protests/find-protests";
import { formatDateTime } from "@/lib/protests/format";
import type { ProtestOption } from "./police-action-form";

export async function protestOptions(ctx: Ctx): Promise<ProtestOption[]> {
  const t = await getTranslations("protests");
  const locale = await getLocale();
  const list = await findProtests(ctx, { pageSize: 200 });
  return list.items.map((p) => ({ id: p.id, label: `${formatDateTime(p.startsAt, locale)} · ${t(`kind.${p.kind}`)} · ${p.city}` }));
}
