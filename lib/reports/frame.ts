// The PDF frame of a report in the reader's language (organisation, title, marking, date, pages).
import "server-only";
import type { ConfidentialityMarking, ReportFrame } from "@/lib/pdf/report-document";
import { formatDateTime } from "@/lib/format/date";
import type { ReportSetting } from "./common";

export function reportFrame(setting: ReportSetting, title: string, marking: ConfidentialityMarking, options: { reference?: string; landscape?: boolean } = {}): ReportFrame {
  return {
    organizationName: setting.organization.name,
    title,
    reference: options.reference,
    marking,
    markingLabel: setting.t(`reports.markings.${marking}`),
    generatedLabel: setting.t("reports.generated", { date: formatDateTime(setting.now, setting.locale), name: setting.readerName }),
    pageLabel: setting.t("reports.page", { page: "{page}", pages: "{pages}" }),
    language: setting.locale,
    landscape: options.landscape,
  };
}
