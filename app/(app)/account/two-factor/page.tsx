import { getLocale, getTranslations } from "next-intl/server";
import { formatDateTime } from "@/lib/format/date";
import type { Locale } from "@/lib/i18n/config";
import { Alert } from "@/components/ui/alert";
import { Table, Td, Th } from "@/components/ui/table";
import { requireSecuritySession } from "@/lib/auth/context";
import { findOwnSessions, recentlyReauthenticated } from "@/lib/auth/sessions";
import { remainingRecoveryCodes } from "@/lib/auth/two-factor/totp";
import { ReauthForm } from "../_components/reauth-form";
import { SignOutEverywhere } from "../_components/sign-out-everywhere";
import { TwoFactorPanel } from "../_components/two-factor-panel";

// Two-factor sign-in and sessions. Also the one page open to a user who must set up two-factor sign-in
// before anything else.
export default async function AccountSecurityPage() {
  const session = await requireSecuritySession();
  const t = await getTranslations("auth");
  const locale = (await getLocale()) as Locale;
  const [sessions, remaining] = await Promise.all([
    findOwnSessions(session),
    session.user.twoFactorEnabled ? remainingRecoveryCodes(session.user.id) : Promise.resolve(0),
  ]);
  const fresh = recentlyReauthenticated(session);
  const when = (date: Date) => formatDateTime(date, locale);

  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-semibold">{t("securityTitle")}</h1>
      {session.stage === "enrolment" ? (
        <Alert tone="warning" title={t("twoFactorRequiredTitle")}>
          {t("twoFactorRequiredIntro")}
        </Alert>
      ) : null}

      <section aria-labelledby="two-factor" className="space-y-3">
        <h2 id="two-factor" className="text-lg font-semibold">
          {t("twoFactorTitle")}
        </h2>
        <p className="text-sm text-slate-700">
          {session.user.twoFactorEnabled ? t("twoFactorIsOn") : t("twoFactorIsOff")}{" "}
          {session.user.twoFactorEnabled ? t("recoveryCodesLeft", { count: remaining }) : null}
        </p>
        {session.user.twoFactorEnabled && session.twoFactorRequired ? <p className="text-sm text-slate-600">{t("twoFactorCannotTurnOff")}</p> : null}
        {fresh ? (
          <TwoFactorPanel enabled={session.user.twoFactorEnabled} canTurnOff={!session.twoFactorRequired} />
        ) : (
          <ReauthForm withCode={session.user.twoFactorEnabled} />
        )}
      </section>

      <section aria-labelledby="sessions" className="space-y-3">
        <h2 id="sessions" className="text-lg font-semibold">
          {t("sessionsTitle")}
        </h2>
        <Table caption={t("sessionsTitle")}>
          <thead>
            <tr>
              <Th>{t("sessionDevice")}</Th>
              <Th>{t("sessionCreated")}</Th>
              <Th>{t("sessionLastSeen")}</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {sessions.map((row) => (
              <tr key={row.id}>
                <Td className="break-all">
                  {row.userAgent ?? t("sessionUnknownDevice")}
                  {row.current ? <span className="ml-2 rounded bg-emerald-50 px-1.5 py-0.5 text-xs text-emerald-900">{t("sessionThis")}</span> : null}
                </Td>
                <Td>{when(row.createdAt)}</Td>
                <Td>{when(row.lastSeenAt)}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
        <SignOutEverywhere />
      </section>
    </div>
  );
}
