import { getLocale, getTranslations } from "next-intl/server";
import { formatDate } from "@/lib/format/date";
import type { Locale } from "@/lib/i18n/config";
import { Table, Td, Th } from "@/components/ui/table";
import { findApiTokens } from "@/lib/auth/api-tokens";
import { requireCtx } from "@/lib/auth/context";
import { AdminTabs } from "../_components/admin-tabs";
import { ApiTokenForm, RevokeTokenButton } from "../_components/api-token-form";

export default async function AdminTokensPage() {
  const ctx = await requireCtx("tokens.manage");
  const tokens = await findApiTokens(ctx);
  const t = await getTranslations("admin");
  const tCommon = await getTranslations("common");
  const locale = (await getLocale()) as Locale;
  const when = (date: Date | null) => (date ? formatDate(date, locale, "Asia/Almaty") : tCommon("never"));
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">{t("title")}</h1>
      <AdminTabs current="tokens" />
      <section className="mb-8 rounded-lg border border-slate-200 bg-white p-4" aria-label={t("createToken")}>
        <ApiTokenForm />
      </section>
      {tokens.length === 0 ? (
        <p className="text-sm text-slate-600">{t("noTokens")}</p>
      ) : (
        <Table caption={t("tokensTitle")}>
          <thead>
            <tr>
              <Th>{t("tokenName")}</Th>
              <Th>{t("owner")}</Th>
              <Th>{t("created")}</Th>
              <Th>{t("lastUsed")}</Th>
              <Th>{t("expires")}</Th>
              <Th>{tCommon("actions")}</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {tokens.map((token) => (
              <tr key={token.id}>
                <Td>{token.name}</Td>
                <Td>{token.userName}</Td>
                <Td>{when(token.createdAt)}</Td>
                <Td>{when(token.lastUsedAt)}</Td>
                <Td>{when(token.expiresAt)}</Td>
                <Td>
                  <RevokeTokenButton tokenId={token.id} />
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </>
  );
}
