import { Link } from "@/components/ui/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Table, Td, Th } from "@/components/ui/table";
import { formatDateTime, formatDay, formatMoney } from "@/lib/protests/format";
import type { PoliceActionView } from "@/lib/police-actions/shared";

/** Police actions as a table: date, person, type, hearing, status, outcome. */
export async function PoliceActionTable({ items, caption }: { items: PoliceActionView[]; caption: string }) {
  const t = await getTranslations("police");
  const locale = await getLocale();
  return (
    <Table caption={caption} cards data-testid="police-action-list">
      <thead>
        <tr>
          <Th>{t("fields.date")}</Th>
          <Th>{t("fields.person")}</Th>
          <Th>{t("fields.type")}</Th>
          <Th>{t("fields.authority")}</Th>
          <Th>{t("fields.hearingAt")}</Th>
          <Th>{t("fields.status")}</Th>
          <Th>{t("fields.outcome")}</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {items.map((a) => (
          <tr key={a.id}>
            <Td>
              <Link href={`/police-actions/${a.id}`} className="font-medium text-sky-800 underline-offset-2 hover:underline">
                {formatDay(a.date, locale)}
              </Link>
            </Td>
            <Td label={t("fields.person")}>
              <Link href={`/people/${a.personId}`} className="underline-offset-2 hover:underline">
                {a.personName}
              </Link>
            </Td>
            <Td label={t("fields.type")}>{t(`type.${a.type}`)}</Td>
            <Td label={t("fields.authority")}>{a.authority ?? "—"}</Td>
            <Td label={t("fields.hearingAt")}>{a.hearingAt ? formatDateTime(a.hearingAt, locale) : "—"}</Td>
            <Td label={t("fields.status")}>{t(`status.${a.status}`)}</Td>
            <Td label={t("fields.outcome")}>
              {a.outcome ? t(`outcome.${a.outcome}`) : "—"}
              {a.outcomeFineAmount !== null ? ` · ${formatMoney(a.outcomeFineAmount, a.currency, locale)}` : ""}
              {a.appealResult && a.outcome !== "APPEALED" ? ` · ${t("outcome.APPEALED")}` : ""}
              {a.appealResult ? ` · ${t(`appealResult.${a.appealResult}`)}` : ""}
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
