// The words of a UN submission draft. The Working Groups work in English; labels may also be in French
// or Spanish (their other working languages), while the case's content stays as recorded.
import type { UnDraftLanguage } from "@/lib/validations/un-submission";

export interface DraftLabels {
  titleWgeid: string;
  titleWgad: string;
  intro: string;
  urgent: string;
  confidential: string;
  notRecorded: string;
  none: string;
  marking: string;
  generated: string;
  page: string;
  sections: {
    identity: string;
    disappearanceDate: string;
    place: string;
    forces: string;
    familySteps: string;
    submitter: string;
    consent: string;
    arrest: string;
    detention: string;
    arbitrariness: string;
    domesticSteps: string;
    laterEvents: string;
  };
  fields: {
    fullName: string;
    otherNames: string;
    sex: string;
    birthDate: string;
    ethnicity: string;
    nationality: string;
    residence: string;
    date: string;
    event: string;
    place: string;
    facility: string;
    forces: string;
    steps: string;
    submitter: string;
    consentBy: string;
    consentAt: string;
    consentScope: string;
    arrestDate: string;
    arrestPlace: string;
    arrestingForces: string;
    warrant: string;
    statedReason: string;
    detentionPlaces: string;
    holdingAuthority: string;
    charges: string;
    sentence: string;
    categories: string;
    reasons: string;
  };
  sex: Record<"FEMALE" | "MALE" | "OTHER" | "UNKNOWN", string>;
  /** the answer to "was a warrant or other decision by a public authority shown?" */
  warrantShown: Record<"YES" | "NO" | "UNKNOWN", string>;
  categories: Record<"I" | "II" | "III", string>;
  response: string;
  months: string;
}

const en: DraftLabels = {
  titleWgeid: "Submission to the Working Group on Enforced or Involuntary Disappearances",
  titleWgad: "Submission to the Working Group on Arbitrary Detention",
  intro: "Draft prepared from the case record. Review every section before sending it to the Working Group.",
  urgent: "URGENT PROCEDURE: the disappearance occurred less than three months ago.",
  confidential: "Confidential",
  notRecorded: "Not recorded",
  none: "None recorded",
  marking: "PRIVATE: draft for the Working Group, not to be published",
  generated: "Generated {date}",
  page: "Page {page} of {pages}",
  sections: {
    identity: "1. Identity of the person concerned",
    disappearanceDate: "2. Date of the disappearance",
    place: "3. Place of arrest, abduction or last sighting",
    forces: "4. Forces believed to be responsible",
    familySteps: "5. Steps taken by the family or others",
    submitter: "6. Identity of the person or organisation submitting",
    consent: "7. Consent of the family",
    arrest: "2. Arrest",
    detention: "3. Detention",
    arbitrariness: "4. Why the detention is arbitrary",
    domesticSteps: "5. Domestic steps taken",
    laterEvents: "Later events",
  },
  fields: {
    fullName: "Full name",
    otherNames: "Other names and spellings",
    sex: "Sex",
    birthDate: "Date of birth",
    ethnicity: "Ethnic origin",
    nationality: "Nationality",
    residence: "Place of residence",
    date: "Date",
    event: "What happened",
    place: "Place",
    facility: "Facility",
    forces: "Forces or authority",
    steps: "Steps",
    submitter: "Submitted by",
    consentBy: "Consent given by",
    consentAt: "Consent given on",
    consentScope: "Scope of the consent",
    arrestDate: "Date of arrest",
    arrestPlace: "Place of arrest",
    arrestingForces: "Forces who carried out the arrest",
    warrant: "Warrant or decision shown",
    statedReason: "Reasons given",
    detentionPlaces: "Places of detention",
    holdingAuthority: "Authority holding the person",
    charges: "Charges",
    sentence: "Sentence",
    categories: "Categories",
    reasons: "Explanation",
  },
  sex: { FEMALE: "Female", MALE: "Male", OTHER: "Other", UNKNOWN: "Not recorded" },
  warrantShown: { YES: "Yes", NO: "No", UNKNOWN: "Not known" },
  categories: {
    I: "Category I: no legal basis for the deprivation of liberty",
    II: "Category II: detention for exercising rights or freedoms (religion, expression, assembly)",
    III: "Category III: grave violations of the right to a fair trial",
  },
  response: "Response",
  months: "{n} months",
};

const fr: DraftLabels = {
  ...en,
  titleWgeid: "Communication au Groupe de travail sur les disparitions forcées ou involontaires",
  titleWgad: "Communication au Groupe de travail sur la détention arbitraire",
  intro: "Projet établi à partir du dossier. Relisez chaque section avant l'envoi au Groupe de travail.",
  urgent: "PROCÉDURE D'URGENCE : la disparition remonte à moins de trois mois.",
  confidential: "Confidentiel",
  notRecorded: "Non renseigné",
  none: "Aucune démarche enregistrée",
  marking: "PRIVÉ : projet destiné au Groupe de travail, à ne pas publier",
  generated: "Établi le {date}",
  page: "Page {page} sur {pages}",
  sections: {
    identity: "1. Identité de la personne concernée",
    disappearanceDate: "2. Date de la disparition",
    place: "3. Lieu de l'arrestation, de l'enlèvement ou où la personne a été vue pour la dernière fois",
    forces: "4. Forces présumées responsables",
    familySteps: "5. Démarches entreprises par la famille ou d'autres personnes",
    submitter: "6. Identité de la personne ou de l'organisation qui soumet le cas",
    consent: "7. Consentement de la famille",
    arrest: "2. Arrestation",
    detention: "3. Détention",
    arbitrariness: "4. Caractère arbitraire de la détention",
    domesticSteps: "5. Recours internes",
    laterEvents: "Événements ultérieurs",
  },
  fields: {
    ...en.fields,
    fullName: "Nom complet",
    otherNames: "Autres noms et graphies",
    sex: "Sexe",
    birthDate: "Date de naissance",
    ethnicity: "Origine ethnique",
    nationality: "Nationalité",
    residence: "Lieu de résidence",
    event: "Faits",
    place: "Lieu",
    facility: "Établissement",
    forces: "Forces ou autorité",
    steps: "Démarches",
    submitter: "Soumis par",
    consentBy: "Consentement donné par",
    consentAt: "Consentement donné le",
    consentScope: "Portée du consentement",
    arrestDate: "Date de l'arrestation",
    arrestPlace: "Lieu de l'arrestation",
    arrestingForces: "Forces ayant procédé à l'arrestation",
    warrant: "Mandat ou décision présenté",
    statedReason: "Motifs invoqués",
    detentionPlaces: "Lieux de détention",
    holdingAuthority: "Autorité de détention",
    charges: "Chefs d'accusation",
    sentence: "Peine",
    categories: "Catégories",
    reasons: "Explication",
  },
  sex: { FEMALE: "Féminin", MALE: "Masculin", OTHER: "Autre", UNKNOWN: "Non renseigné" },
  warrantShown: { YES: "Oui", NO: "Non", UNKNOWN: "Inconnu" },
  categories: {
    I: "Catégorie I : aucune base légale",
    II: "Catégorie II : détention pour l'exercice de droits ou libertés (religion, expression, réunion)",
    III: "Catégorie III : violations graves du droit à un procès équitable",
  },
  response: "Réponse",
  months: "{n} mois",
};

const es: DraftLabels = {
  ...en,
  titleWgeid: "Comunicación al Grupo de Trabajo sobre Desapariciones Forzadas o Involuntarias",
  titleWgad: "Comunicación al Grupo de Trabajo sobre la Detención Arbitraria",
  intro: "Borrador preparado a partir del expediente. Revise cada sección antes de enviarlo al Grupo de Trabajo.",
  urgent: "PROCEDIMIENTO URGENTE: la desaparición ocurrió hace menos de tres meses.",
  confidential: "Confidencial",
  notRecorded: "No consta",
  none: "No consta ninguna gestión",
  marking: "PRIVADO: borrador para el Grupo de Trabajo, no publicar",
  generated: "Generado el {date}",
  page: "Página {page} de {pages}",
  sections: {
    identity: "1. Identidad de la persona",
    disappearanceDate: "2. Fecha de la desaparición",
    place: "3. Lugar de la detención, del secuestro o donde fue vista por última vez",
    forces: "4. Fuerzas presuntamente responsables",
    familySteps: "5. Gestiones realizadas por la familia u otras personas",
    submitter: "6. Identidad de la persona u organización que presenta el caso",
    consent: "7. Consentimiento de la familia",
    arrest: "2. Detención",
    detention: "3. Privación de libertad",
    arbitrariness: "4. Por qué la detención es arbitraria",
    domesticSteps: "5. Recursos internos",
    laterEvents: "Hechos posteriores",
  },
  fields: {
    ...en.fields,
    fullName: "Nombre completo",
    otherNames: "Otros nombres y grafías",
    sex: "Sexo",
    birthDate: "Fecha de nacimiento",
    ethnicity: "Origen étnico",
    nationality: "Nacionalidad",
    residence: "Lugar de residencia",
    date: "Fecha",
    event: "Hechos",
    place: "Lugar",
    facility: "Centro",
    forces: "Fuerzas o autoridad",
    steps: "Gestiones",
    submitter: "Presentado por",
    consentBy: "Consentimiento dado por",
    consentAt: "Consentimiento dado el",
    consentScope: "Alcance del consentimiento",
    arrestDate: "Fecha de la detención",
    arrestPlace: "Lugar de la detención",
    arrestingForces: "Fuerzas que realizaron la detención",
    warrant: "Orden o decisión mostrada",
    statedReason: "Motivos aducidos",
    detentionPlaces: "Lugares de detención",
    holdingAuthority: "Autoridad que mantiene a la persona",
    charges: "Cargos",
    sentence: "Condena",
    categories: "Categorías",
    reasons: "Explicación",
  },
  sex: { FEMALE: "Femenino", MALE: "Masculino", OTHER: "Otro", UNKNOWN: "No consta" },
  warrantShown: { YES: "Sí", NO: "No", UNKNOWN: "Se desconoce" },
  categories: {
    I: "Categoría I: sin base legal",
    II: "Categoría II: detención por ejercer derechos o libertades (religión, expresión, reunión)",
    III: "Categoría III: violaciones graves del derecho a un juicio imparcial",
  },
  response: "Respuesta",
  months: "{n} meses",
};

export const DRAFT_LABELS: Record<UnDraftLanguage, DraftLabels> = { en, fr, es };
