// The case dossier (PDF): the person and their names in every script, family contacts where the reader
// may see them, the timeline with uncertain dates as recorded, pressure on the family, police actions
// against relatives, advocacy with answers, and sources. Built from the disclosure projection only.
import "server-only";
import { Text, View } from "@react-pdf/renderer";
import { liveCaseScope, maySeeCaseContacts } from "@/lib/authz";
import type { Tx } from "@/lib/db";
import { appliedRules, projectCase, type FullCase, type ProjectedPoliceAction, type PseudonymisedCase } from "@/lib/disclosure";
import { notFound } from "@/lib/errors";
import { portraitForDocument, type PortraitImage } from "@/lib/people/portrait";
import { PortraitView } from "@/lib/pdf/portrait-view";
import { ReportDocument, pdfStyles, renderPdf } from "@/lib/pdf/report-document";
import { formatters, reportFileName, ruleLines, type ReportFile, type ReportSetting } from "./common";
import { reportFrame } from "./frame";
import { loadCaseRecords } from "./load";
import { registerCells } from "./register";
import { Field, Muted, RulesBox, Section, Table } from "./pdf-parts";

const PRESSURE = new Set(["RELATIVES_PRESSURED", "GUARANTOR_REGISTRATION", "PLEDGE_OF_SILENCE"]);

/**
 * Reads the case (inside the caller's transaction) and returns how to draw it; drawing happens after
 * the transaction, so a slow first render never holds it open.
 */
export async function buildDossier(tx: Tx, setting: ReportSetting, caseId: string): Promise<{ records: number; render: () => Promise<ReportFile> }> {
  const { ctx } = setting;
  const [row] = await tx.case.findMany({ where: { ...liveCaseScope(ctx), id: caseId }, select: { id: true, assignedToId: true, createdById: true } });
  if (!row) throw notFound("case");
  const contactsVisible = maySeeCaseContacts(ctx, row);
  const [record] = await loadCaseRecords(tx, ctx, { id: caseId }, { locale: setting.locale, gazetteer: setting.gazetteer, detail: true, contactsVisible: () => contactsVisible });
  if (!record) throw notFound("case");
  const projected = projectCase(ctx, setting.key, record, { contactsVisible, at: setting.now });
  // a case this reader may only count has no dossier for them: it is simply not found
  if (projected.visibility === "counted") throw notFound("case");

  // the subject's portrait only in a full dossier and only for a reader who may see their contact details
  const portrait = projected.visibility === "full" ? await portraitForDocument(tx, ctx, record.subject.id, "dossier") : null;
  const rules = appliedRules(ctx, { contactsShown: projected.visibility === "full" && projected.contactsShown });
  const marking = projected.visibility === "full" ? record.disclosureLevel : "ANONYMISED";
  const title = setting.t("reports.kinds.dossier");
  const label = projected.visibility === "full" ? projected.label : setting.t("reports.pseudonym", { code: projected.label });
  const body = projected.visibility === "full" ? <FullDossier setting={setting} view={projected} portrait={portrait} /> : <PseudonymisedDossier setting={setting} view={projected} />;
  const fileName = reportFileName("dossier", setting.organization.slug, setting.now, "pdf", projected.visibility === "full" ? record.reference : projected.label);
  const render = async (): Promise<ReportFile> => ({
    bytes: await renderPdf(
      <ReportDocument frame={reportFrame(setting, title, marking, { reference: label })}>
        <Text style={pdfStyles.title}>{label}</Text>
        <RulesBox heading={setting.t("reports.rulesHeading")} lines={ruleLines(setting, rules)} />
        {body}
      </ReportDocument>,
    ),
    fileName,
    mimeType: "application/pdf",
    records: 1,
  });
  return { records: 1, render };
}

function PoliceTable({ setting, actions }: { setting: ReportSetting; actions: ProjectedPoliceAction[] }) {
  const { t } = setting;
  if (actions.length === 0) return <Muted>{t("reports.none")}</Muted>;
  // the register's cells: the same dates to the month, region and authority level when pseudonymised
  return (
    <Table
      header={[t("reports.register.date"), t("reports.register.person"), t("reports.register.type"), t("reports.register.authority"), t("reports.register.outcome")]}
      widths={[1.2, 1.6, 1.4, 1.8, 1.6]}
      rows={actions.map((action) => {
        const c = registerCells(setting, action);
        return [c[0] ?? "", action.personLabel, c[3] ?? "", [c[4], c[5], c[6]].filter(Boolean).join(" · "), [c[13], c[15], c[16]].filter(Boolean).join(" · ")];
      })}
    />
  );
}

function FullDossier({ setting, view, portrait }: { setting: ReportSetting; view: FullCase; portrait: PortraitImage | null }) {
  const { t } = setting;
  const f = formatters(setting);
  const { record } = view;
  const subject = record.subject;
  const timeline = record.events.filter((event) => !PRESSURE.has(event.type));
  const pressure = record.events.filter((event) => PRESSURE.has(event.type));
  const eventRows = (events: typeof record.events) =>
    events.map((event) => [
      f.uncertain(event.date, event.datePrecision),
      t(`cases.eventType.${event.type}`),
      [event.place, event.facility, event.authority].filter(Boolean).join(" · "),
      [event.charges, event.sentenceMonths ? t("reports.dossier.sentence", { months: event.sentenceMonths }) : null, event.description].filter(Boolean).join("\n"),
    ]);
  const eventHeader = [t("reports.register.date"), t("reports.register.type"), t("reports.dossier.place"), ""];
  return (
    <View>
      <Section title={t("reports.dossier.person")}>
        {portrait ? <PortraitView portrait={portrait} /> : null}
        <Field label={t("reports.dossier.names")} value={subject.names.map((name) => name.value).join(" · ") || subject.displayName} />
        <Field label={t("reports.dossier.born")} value={subject.birthDate ? f.uncertain(subject.birthDate, subject.birthDatePrecision) : null} />
        <Field label={t("reports.dossier.gender")} value={t(`people.genders.${subject.gender}`)} />
        <Field label={t("reports.dossier.hometown")} value={subject.hometown} />
        <Field label={t("reports.dossier.citizenship")} value={subject.citizenships.join(", ")} />
        <Field label={t("reports.dossier.ethnicity")} value={subject.ethnicity} />
        <Field label={t("reports.dossier.status")} value={t(`cases.status.${record.status}`)} />
        <Field label={t("reports.dossier.disclosure")} value={t(`reports.levels.${record.disclosureLevel}`)} />
      </Section>
      {record.summary ? (
        <Section title={t("reports.dossier.summary")}>
          <Text style={pdfStyles.paragraph}>{record.summary}</Text>
        </Section>
      ) : null}
      <Section title={t("reports.dossier.family")}>
        {record.contacts.length === 0 ? <Muted>{t("reports.none")}</Muted> : null}
        {record.contacts.map((contact, i) => (
          <Field
            key={i}
            label={t(`cases.relationship.${contact.relationship}`)}
            value={[contact.displayName, ...(contact.contact ? Object.values(contact.contact) : [])].filter(Boolean).join(" · ")}
          />
        ))}
        {record.contacts.length > 0 && !view.contactsShown ? <Muted>{t("reports.dossier.contactsHidden")}</Muted> : null}
      </Section>
      <Section title={t("reports.dossier.timeline")}>
        {timeline.length === 0 ? <Muted>{t("reports.none")}</Muted> : <Table header={eventHeader} widths={[1.1, 1.3, 1.8, 2.6]} rows={eventRows(timeline)} />}
      </Section>
      <Section title={t("reports.dossier.pressure")}>
        {pressure.length === 0 ? <Muted>{t("reports.none")}</Muted> : <Table header={eventHeader} widths={[1.1, 1.3, 1.8, 2.6]} rows={eventRows(pressure)} />}
      </Section>
      <Section title={t("reports.dossier.police")}>
        <PoliceTable setting={setting} actions={record.policeActions.map((action) => ({ ...action, visibility: "full" as const, datePrecision: "DAY" as const, authorityLevel: null, level: record.disclosureLevel, personLabel: action.personName, caseLabel: action.caseReference }))} />
      </Section>
      <Section title={t("reports.dossier.advocacy")}>
        {record.advocacy.length === 0 ? <Muted>{t("reports.none")}</Muted> : null}
        {record.advocacy.map((action, i) => (
          <View key={i} style={{ marginBottom: 4 }} wrap={false}>
            <Text style={{ fontWeight: 700 }}>
              {f.date(action.date)} · {t(`advocacy.type.${action.type}`)} · {action.recipient}
              {action.theirReference ? ` · ${action.theirReference}` : ""}
            </Text>
            {action.description ? <Text>{action.description}</Text> : null}
            <Text style={pdfStyles.muted}>
              {action.response || action.responseDate ? `${t("reports.dossier.answered")}${action.responseDate ? ` ${f.date(action.responseDate)}` : ""}: ${action.response ?? ""}` : t("reports.dossier.notAnswered")}
            </Text>
          </View>
        ))}
      </Section>
      <Section title={t("reports.dossier.sources")}>
        {record.sources.length === 0 ? <Muted>{t("reports.none")}</Muted> : null}
        {record.sources.map((source, i) => (
          <Text key={i} style={pdfStyles.paragraph}>
            {t(`cases.sourceKind.${source.kind}`)} · {source.title}
            {source.publishedAt ? ` · ${f.date(source.publishedAt)}` : ""}
            {source.url ? ` · ${source.url}` : ""}
            {source.description ? `\n${source.description}` : ""}
          </Text>
        ))}
      </Section>
    </View>
  );
}

function PseudonymisedDossier({ setting, view }: { setting: ReportSetting; view: PseudonymisedCase }) {
  const { t } = setting;
  const f = formatters(setting);
  const timeline = view.events.filter((event) => !PRESSURE.has(event.type));
  const pressure = view.events.filter((event) => PRESSURE.has(event.type));
  const eventRows = (events: PseudonymisedCase["events"]) =>
    events.map((event) => [
      f.uncertain(event.date, event.datePrecision),
      t(`cases.eventType.${event.type}`),
      event.placePrefecture ?? "",
      [event.charges, event.sentenceMonths ? t("reports.dossier.sentence", { months: event.sentenceMonths }) : null].filter(Boolean).join("\n"),
    ]);
  const eventHeader = [t("reports.register.date"), t("reports.register.type"), t("reports.dossier.prefecture"), ""];
  return (
    <View>
      <Section title={t("reports.dossier.person")}>
        <Field label={t("reports.dossier.ageBand")} value={view.ageBand ?? t("reports.unknown")} />
        <Field label={t("reports.dossier.gender")} value={t(`people.genders.${view.gender}`)} />
        <Field label={t("reports.dossier.prefecture")} value={view.hometownPrefecture ?? t("reports.unknown")} />
        <Field label={t("reports.dossier.status")} value={t(`cases.status.${view.status}`)} />
        <Field label={t("reports.dossier.disclosure")} value={t("reports.levels.ANONYMISED")} />
      </Section>
      <Section title={t("reports.dossier.family")}>
        <Muted>{t("reports.dossier.familyCount", { n: view.contactCount })}</Muted>
      </Section>
      <Section title={t("reports.dossier.timeline")}>
        {timeline.length === 0 ? <Muted>{t("reports.none")}</Muted> : <Table header={eventHeader} widths={[1.1, 1.3, 1.8, 2.6]} rows={eventRows(timeline)} />}
      </Section>
      <Section title={t("reports.dossier.pressure")}>
        {pressure.length === 0 ? <Muted>{t("reports.none")}</Muted> : <Table header={eventHeader} widths={[1.1, 1.3, 1.8, 2.6]} rows={eventRows(pressure)} />}
      </Section>
      <Section title={t("reports.dossier.police")}>
        <PoliceTable setting={setting} actions={view.policeActions} />
      </Section>
      <Section title={t("reports.dossier.advocacy")}>
        {view.advocacy.length === 0 ? <Muted>{t("reports.none")}</Muted> : null}
        {view.advocacy.map((action, i) => (
          <Text key={i} style={pdfStyles.paragraph}>
            {f.uncertain(action.date, "MONTH")} · {t(`advocacy.type.${action.type}`)} · {action.recipient} · {action.answered ? t("reports.dossier.answered") : t("reports.dossier.notAnswered")}
          </Text>
        ))}
      </Section>
      <Section title={t("reports.dossier.sources")}>
        <Muted>{t("reports.dossier.sourceCount", { n: view.sourceCount })}</Muted>
      </Section>
    </View>
  );
}
