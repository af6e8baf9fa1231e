-- Extensions used by name search (trigram similarity, accent folding, edit distance) and uuid defaults.
CREATE EXTENSION IF NOT EXISTS "pg_trgm";
CREATE EXTENSION IF NOT EXISTS "unaccent";
CREATE EXTENSION IF NOT EXISTS "fuzzystrmatch";
CREATE EXTENSION IF NOT EXISTS "pgcrypto";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ADMIN', 'COORDINATOR', 'VOLUNTEER', 'ANALYST');

-- CreateEnum
CREATE TYPE "DatePrecision" AS ENUM ('DAY', 'MONTH', 'YEAR', 'UNKNOWN');

-- CreateEnum
CREATE TYPE "Gender" AS ENUM ('FEMALE', 'MALE', 'OTHER', 'UNKNOWN');

-- CreateEnum
CREATE TYPE "NameScript" AS ENUM ('LATIN', 'CYRILLIC', 'HAN', 'ARABIC', 'OTHER');

-- CreateEnum
CREATE TYPE "NameKind" AS ENUM ('LEGAL', 'ALIAS', 'TRANSLITERATION', 'PINYIN', 'FORMER');

-- CreateEnum
CREATE TYPE "CaseStatus" AS ENUM ('MISSING', 'DETAINED', 'SENTENCED', 'IN_CAMP', 'HOUSE_ARREST', 'RELEASED_IN_CHINA', 'RETURNED_TO_KAZAKHSTAN', 'DECEASED', 'UNKNOWN');

-- CreateEnum
CREATE TYPE "DisclosureLevel" AS ENUM ('PRIVATE', 'ANONYMISED', 'PUBLIC');

-- CreateEnum
CREATE TYPE "Priority" AS ENUM ('LOW', 'NORMAL', 'HIGH', 'URGENT');

-- CreateEnum
CREATE TYPE "VerificationLevel" AS ENUM ('REPORTED', 'PARTLY_VERIFIED', 'CORROBORATED', 'DOCUMENTED');

-- CreateEnum
CREATE TYPE "Relationship" AS ENUM ('HUSBAND', 'WIFE', 'BROTHER', 'SISTER', 'FATHER', 'MOTHER', 'SON', 'DAUGHTER', 'OTHER');

-- CreateEnum
CREATE TYPE "CaseEventType" AS ENUM ('DISAPPEARED', 'DETAINED', 'TRANSFERRED', 'SENTENCED', 'SENT_TO_CAMP', 'HOUSE_ARREST', 'PASSPORT_CONFISCATED', 'EXIT_BAN', 'RELEASED', 'RETURNED', 'CONTACT_LOST', 'CONTACT_RESTORED', 'DIED', 'RELATIVES_PRESSURED', 'GUARANTOR_REGISTRATION', 'PLEDGE_OF_SILENCE', 'OTHER');

-- CreateEnum
CREATE TYPE "ProtestKind" AS ENUM ('PICKET', 'SOLO_PICKET', 'RALLY', 'PRESS_CONFERENCE', 'ONLINE_ACTION', 'OTHER');

-- CreateEnum
CREATE TYPE "ParticipationRole" AS ENUM ('PARTICIPANT', 'ORGANISER', 'SPEAKER');

-- CreateEnum
CREATE TYPE "PoliceActionType" AS ENUM ('SUMMONS', 'QUESTIONING', 'WARNING', 'DETENTION', 'ADMINISTRATIVE_ARREST', 'FINE', 'ADMINISTRATIVE_CASE', 'CRIMINAL_CASE', 'SEARCH', 'SURVEILLANCE', 'TRAVEL_RESTRICTION', 'REMOVAL_FROM_TRANSPORT', 'OTHER');

-- CreateEnum
CREATE TYPE "PoliceActionStatus" AS ENUM ('PENDING', 'RESOLVED');

-- CreateEnum
CREATE TYPE "PoliceOutcome" AS ENUM ('DISMISSED', 'WARNING', 'FINED', 'DETAINED', 'CONVICTED', 'ACQUITTED', 'APPEALED', 'UNKNOWN');

-- CreateEnum
CREATE TYPE "AppealResult" AS ENUM ('PENDING', 'DISMISSED', 'GRANTED', 'PARTLY_GRANTED');

-- CreateEnum
CREATE TYPE "AdvocacyActionType" AS ENUM ('APPEAL_KZ_FOREIGN_MINISTRY', 'APPEAL_CHINESE_EMBASSY', 'UN_SUBMISSION', 'MEDIA_INTERVIEW', 'PETITION', 'LETTER', 'LEGAL_ACTION', 'OTHER');

-- CreateEnum
CREATE TYPE "SourceKind" AS ENUM ('TESTIMONY', 'DOCUMENT', 'PHOTO', 'VIDEO', 'MEDIA_REPORT', 'OFFICIAL_RESPONSE', 'OTHER');

-- CreateEnum
CREATE TYPE "Reliability" AS ENUM ('HIGH', 'MEDIUM', 'LOW', 'UNKNOWN');

-- CreateEnum
CREATE TYPE "TaskStatus" AS ENUM ('OPEN', 'DONE', 'CANCELLED');

-- CreateEnum
CREATE TYPE "PlaceKind" AS ENUM ('COUNTRY', 'REGION', 'CITY', 'PREFECTURE', 'AUTONOMOUS_PREFECTURE', 'COUNTY');

-- CreateEnum
CREATE TYPE "InviteKind" AS ENUM ('INVITE', 'PASSWORD_RESET');

-- CreateEnum
CREATE TYPE "JobStatus" AS ENUM ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED');

-- CreateTable
CREATE TABLE "organizations" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "referencePrefix" TEXT NOT NULL,
    "defaultLocale" TEXT NOT NULL DEFAULT 'kk',
    "require2fa" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "organizations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "users" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT,
    "locale" TEXT,
    "totpSecretEnc" TEXT,
    "totpEnabledAt" TIMESTAMPTZ(3),
    "totpLastStep" BIGINT,
    "disabledAt" TIMESTAMPTZ(3),
    "lastSignInAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "memberships" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "userId" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "role" "Role" NOT NULL,
    "deactivatedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "memberships_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "user_sessions" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "userId" UUID NOT NULL,
    "organizationId" UUID,
    "secondFactorDone" BOOLEAN NOT NULL DEFAULT false,
    "userAgent" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "reauthenticatedAt" TIMESTAMPTZ(3),
    "revokedAt" TIMESTAMPTZ(3),

    CONSTRAINT "user_sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "invites" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organizationId" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "kind" "InviteKind" NOT NULL DEFAULT 'INVITE',
    "tokenHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "usedAt" TIMESTAMPTZ(3),
    "revokedAt" TIMESTAMPTZ(3),
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "invites_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "recovery_codes" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "userId" UUID NOT NULL,
    "codeHash" TEXT NOT NULL,
    "usedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "recovery_codes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_tokens" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organizationId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "lastUsedAt" TIMESTAMPTZ(3),
    "expiresAt" TIMESTAMPTZ(3),
    "revokedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "api_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "login_attempts" (
    "id" BIGSERIAL NOT NULL,
    "emailHash" TEXT NOT NULL,
    "ipHash" TEXT NOT NULL,
    "success" BOOLEAN NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "login_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "places" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "code" TEXT NOT NULL,
    "kind" "PlaceKind" NOT NULL,
    "country" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "nameKk" TEXT,
    "nameRu" TEXT,
    "nameZh" TEXT,
    "parentId" UUID,

    CONSTRAINT "places_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "people" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organizationId" UUID NOT NULL,
    "displayName" TEXT NOT NULL,
    "gender" "Gender" NOT NULL DEFAULT 'UNKNOWN',
    "birthDate" DATE,
    "birthDatePrecision" "DatePrecision" NOT NULL DEFAULT 'UNKNOWN',
    "deathDate" DATE,
    "deathDatePrecision" "DatePrecision" NOT NULL DEFAULT 'UNKNOWN',
    "ethnicity" TEXT,
    "citizenships" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "hometownPlaceId" UUID,
    "hometownText" TEXT,
    "contactEnc" TEXT,
    "phoneHash" TEXT,
    "notesEnc" TEXT,
    "createdById" UUID,
    "mergedIntoId" UUID,
    "erasedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "deletedAt" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "people_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "person_names" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organizationId" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "value" TEXT NOT NULL,
    "script" "NameScript" NOT NULL,
    "kind" "NameKind" NOT NULL DEFAULT 'LEGAL',
    "isPrimary" BOOLEAN NOT NULL DEFAULT false,
    "normalized" TEXT NOT NULL,
    "skeleton" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "person_names_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "case_reference_counters" (
    "organizationId" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "lastNumber" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "case_reference_counters_pkey" PRIMARY KEY ("organizationId","year")
);

-- CreateTable
CREATE TABLE "cases" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organizationId" UUID NOT NULL,
    "reference" TEXT NOT NULL,
    "subjectPersonId" UUID NOT NULL,
    "status" "CaseStatus" NOT NULL DEFAULT 'UNKNOWN',
    "statusOverridden" BOOLEAN NOT NULL DEFAULT false,
    "disclosureLevel" "DisclosureLevel" NOT NULL DEFAULT 'PRIVATE',
    "consentGivenBy" TEXT,
    "consentGivenAt" DATE,
    "consentScope" TEXT,
    "consentNotesEnc" TEXT,
    "priority" "Priority" NOT NULL DEFAULT 'NORMAL',
    "verificationLevel" "VerificationLevel" NOT NULL DEFAULT 'REPORTED',
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "summaryEnc" TEXT,
    "assignedToId" UUID,
    "createdById" UUID,
    "lastEventDate" DATE,
    "openedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "deletedAt" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "cases_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "case_contacts" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organizationId" UUID NOT NULL,
    "caseId" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "relationship" "Relationship" NOT NULL,
    "relationshipOther" TEXT,
    "isPrimary" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "case_contacts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "case_events" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organizationId" UUID NOT NULL,
    "caseId" UUID NOT NULL,
    "type" "CaseEventType" NOT NULL,
    "date" DATE,
    "datePrecision" "DatePrecision" NOT NULL DEFAULT 'DAY',
    "placeId" UUID,
    "placeText" TEXT,
    "facility" TEXT,
    "authority" TEXT,
    "charges" TEXT,
    "sentenceMonths" INTEGER,
    "descriptionEnc" TEXT,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "deletedAt" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "case_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "protests" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organizationId" UUID NOT NULL,
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "city" TEXT NOT NULL,
    "placeId" UUID,
    "location" TEXT,
    "kind" "ProtestKind" NOT NULL,
    "organiser" TEXT,
    "descriptionEnc" TEXT,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "deletedAt" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "protests_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "protest_participations" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organizationId" UUID NOT NULL,
    "protestId" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "role" "ParticipationRole" NOT NULL DEFAULT 'PARTICIPANT',
    "caseId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "protest_participations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "police_actions" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organizationId" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "protestId" UUID,
    "caseId" UUID,
    "type" "PoliceActionType" NOT NULL,
    "date" DATE NOT NULL,
    "authority" TEXT,
    "legalBasis" TEXT,
    "hearingAt" TIMESTAMPTZ(3),
    "durationHours" INTEGER,
    "arrestDays" INTEGER,
    "fineAmount" DECIMAL(14,2),
    "currency" TEXT NOT NULL DEFAULT 'KZT',
    "lawyer" TEXT,
    "status" "PoliceActionStatus" NOT NULL DEFAULT 'PENDING',
    "outcome" "PoliceOutcome",
    "outcomeDate" DATE,
    "outcomeFineAmount" DECIMAL(14,2),
    "outcomeDaysServed" INTEGER,
    "appealResult" "AppealResult",
    "appealResultDate" DATE,
    "descriptionEnc" TEXT,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "deletedAt" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "police_actions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "advocacy_actions" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organizationId" UUID NOT NULL,
    "caseId" UUID NOT NULL,
    "type" "AdvocacyActionType" NOT NULL,
    "date" DATE NOT NULL,
    "recipient" TEXT NOT NULL,
    "theirReference" TEXT,
    "descriptionEnc" TEXT,
    "responseEnc" TEXT,
    "responseDate" DATE,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "deletedAt" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "advocacy_actions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sources" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organizationId" UUID NOT NULL,
    "kind" "SourceKind" NOT NULL,
    "title" TEXT NOT NULL,
    "url" TEXT,
    "reliability" "Reliability" NOT NULL DEFAULT 'UNKNOWN',
    "publishedAt" DATE,
    "descriptionEnc" TEXT,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "deletedAt" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "sources_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "source_links" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organizationId" UUID NOT NULL,
    "sourceId" UUID NOT NULL,
    "caseId" UUID,
    "caseEventId" UUID,
    "personId" UUID,
    "protestId" UUID,
    "policeActionId" UUID,
    "advocacyActionId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "source_links_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "attachments" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organizationId" UUID NOT NULL,
    "caseId" UUID,
    "caseEventId" UUID,
    "sourceId" UUID,
    "fileNameEnc" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletedAt" TIMESTAMPTZ(3),

    CONSTRAINT "attachments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notes" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organizationId" UUID NOT NULL,
    "caseId" UUID,
    "personId" UUID,
    "bodyEnc" TEXT NOT NULL,
    "authorId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "deletedAt" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "notes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tasks" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organizationId" UUID NOT NULL,
    "caseId" UUID,
    "title" TEXT NOT NULL,
    "descriptionEnc" TEXT,
    "dueDate" DATE,
    "status" "TaskStatus" NOT NULL DEFAULT 'OPEN',
    "assigneeId" UUID,
    "createdById" UUID,
    "completedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "deletedAt" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "tasks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "person_merges" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organizationId" UUID NOT NULL,
    "survivorId" UUID NOT NULL,
    "mergedPersonId" UUID NOT NULL,
    "movedLinks" JSONB NOT NULL,
    "reason" TEXT,
    "mergedById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "person_merges_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_events" (
    "id" BIGSERIAL NOT NULL,
    "organizationId" UUID,
    "actorUserId" UUID,
    "action" TEXT NOT NULL,
    "entityType" TEXT,
    "entityId" TEXT,
    "changedFields" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "ipHash" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "jobs" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organizationId" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "status" "JobStatus" NOT NULL DEFAULT 'QUEUED',
    "progress" INTEGER NOT NULL DEFAULT 0,
    "total" INTEGER,
    "payload" JSONB NOT NULL DEFAULT '{}',
    "result" JSONB,
    "error" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "runAfter" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedAt" TIMESTAMPTZ(3),
    "lockedBy" TEXT,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMPTZ(3),
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "jobs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "organizations_slug_key" ON "organizations"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE INDEX "memberships_organizationId_role_idx" ON "memberships"("organizationId", "role");

-- CreateIndex
CREATE UNIQUE INDEX "memberships_userId_organizationId_key" ON "memberships"("userId", "organizationId");

-- CreateIndex
CREATE INDEX "user_sessions_userId_revokedAt_idx" ON "user_sessions"("userId", "revokedAt");

-- CreateIndex
CREATE UNIQUE INDEX "invites_tokenHash_key" ON "invites"("tokenHash");

-- CreateIndex
CREATE INDEX "invites_organizationId_createdAt_idx" ON "invites"("organizationId", "createdAt");

-- CreateIndex
CREATE INDEX "invites_email_idx" ON "invites"("email");

-- CreateIndex
CREATE INDEX "recovery_codes_userId_idx" ON "recovery_codes"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "api_tokens_tokenHash_key" ON "api_tokens"("tokenHash");

-- CreateIndex
CREATE INDEX "api_tokens_organizationId_userId_idx" ON "api_tokens"("organizationId", "userId");

-- CreateIndex
CREATE INDEX "login_attempts_emailHash_createdAt_idx" ON "login_attempts"("emailHash", "createdAt");

-- CreateIndex
CREATE INDEX "login_attempts_ipHash_createdAt_idx" ON "login_attempts"("ipHash", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "places_code_key" ON "places"("code");

-- CreateIndex
CREATE INDEX "places_parentId_idx" ON "places"("parentId");

-- CreateIndex
CREATE INDEX "people_organizationId_deletedAt_displayName_idx" ON "people"("organizationId", "deletedAt", "displayName");

-- CreateIndex
CREATE INDEX "people_organizationId_phoneHash_idx" ON "people"("organizationId", "phoneHash");

-- CreateIndex
CREATE INDEX "people_hometownPlaceId_idx" ON "people"("hometownPlaceId");

-- CreateIndex
CREATE INDEX "people_mergedIntoId_idx" ON "people"("mergedIntoId");

-- CreateIndex
CREATE INDEX "people_createdById_idx" ON "people"("createdById");

-- CreateIndex
CREATE INDEX "person_names_personId_idx" ON "person_names"("personId");

-- CreateIndex
CREATE INDEX "person_names_organizationId_skeleton_idx" ON "person_names"("organizationId", "skeleton");

-- CreateIndex
CREATE INDEX "person_names_skeleton_trgm_idx" ON "person_names" USING GIN ("skeleton" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "person_names_normalized_trgm_idx" ON "person_names" USING GIN ("normalized" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "cases_organizationId_deletedAt_updatedAt_idx" ON "cases"("organizationId", "deletedAt", "updatedAt" DESC);

-- CreateIndex
CREATE INDEX "cases_organizationId_status_idx" ON "cases"("organizationId", "status");

-- CreateIndex
CREATE INDEX "cases_organizationId_disclosureLevel_idx" ON "cases"("organizationId", "disclosureLevel");

-- CreateIndex
CREATE INDEX "cases_organizationId_assignedToId_idx" ON "cases"("organizationId", "assignedToId");

-- CreateIndex
CREATE INDEX "cases_organizationId_verificationLevel_idx" ON "cases"("organizationId", "verificationLevel");

-- CreateIndex
CREATE INDEX "cases_organizationId_openedAt_idx" ON "cases"("organizationId", "openedAt");

-- CreateIndex
CREATE INDEX "cases_subjectPersonId_idx" ON "cases"("subjectPersonId");

-- CreateIndex
CREATE INDEX "cases_createdById_idx" ON "cases"("createdById");

-- CreateIndex
CREATE INDEX "cases_tags_idx" ON "cases" USING GIN ("tags");

-- CreateIndex
CREATE UNIQUE INDEX "cases_organizationId_reference_key" ON "cases"("organizationId", "reference");

-- CreateIndex
CREATE INDEX "case_contacts_personId_idx" ON "case_contacts"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "case_contacts_caseId_personId_key" ON "case_contacts"("caseId", "personId");

-- CreateIndex
CREATE INDEX "case_events_caseId_date_idx" ON "case_events"("caseId", "date");

-- CreateIndex
CREATE INDEX "case_events_organizationId_type_date_idx" ON "case_events"("organizationId", "type", "date");

-- CreateIndex
CREATE INDEX "case_events_placeId_idx" ON "case_events"("placeId");

-- CreateIndex
CREATE INDEX "case_events_createdById_idx" ON "case_events"("createdById");

-- CreateIndex
CREATE INDEX "protests_organizationId_deletedAt_startsAt_idx" ON "protests"("organizationId", "deletedAt", "startsAt" DESC);

-- CreateIndex
CREATE INDEX "protests_organizationId_city_idx" ON "protests"("organizationId", "city");

-- CreateIndex
CREATE INDEX "protests_placeId_idx" ON "protests"("placeId");

-- CreateIndex
CREATE INDEX "protests_createdById_idx" ON "protests"("createdById");

-- CreateIndex
CREATE INDEX "protest_participations_personId_idx" ON "protest_participations"("personId");

-- CreateIndex
CREATE INDEX "protest_participations_caseId_idx" ON "protest_participations"("caseId");

-- CreateIndex
CREATE UNIQUE INDEX "protest_participations_protestId_personId_key" ON "protest_participations"("protestId", "personId");

-- CreateIndex
CREATE INDEX "police_actions_organizationId_deletedAt_date_idx" ON "police_actions"("organizationId", "deletedAt", "date" DESC);

-- CreateIndex
CREATE INDEX "police_actions_organizationId_status_hearingAt_idx" ON "police_actions"("organizationId", "status", "hearingAt");

-- CreateIndex
CREATE INDEX "police_actions_organizationId_type_idx" ON "police_actions"("organizationId", "type");

-- CreateIndex
CREATE INDEX "police_actions_personId_idx" ON "police_actions"("personId");

-- CreateIndex
CREATE INDEX "police_actions_protestId_idx" ON "police_actions"("protestId");

-- CreateIndex
CREATE INDEX "police_actions_caseId_idx" ON "police_actions"("caseId");

-- CreateIndex
CREATE INDEX "police_actions_createdById_idx" ON "police_actions"("createdById");

-- CreateIndex
CREATE INDEX "advocacy_actions_organizationId_deletedAt_date_idx" ON "advocacy_actions"("organizationId", "deletedAt", "date" DESC);

-- CreateIndex
CREATE INDEX "advocacy_actions_organizationId_responseDate_idx" ON "advocacy_actions"("organizationId", "responseDate");

-- CreateIndex
CREATE INDEX "advocacy_actions_caseId_idx" ON "advocacy_actions"("caseId");

-- CreateIndex
CREATE INDEX "advocacy_actions_createdById_idx" ON "advocacy_actions"("createdById");

-- CreateIndex
CREATE INDEX "sources_organizationId_deletedAt_createdAt_idx" ON "sources"("organizationId", "deletedAt", "createdAt");

-- CreateIndex
CREATE INDEX "sources_createdById_idx" ON "sources"("createdById");

-- CreateIndex
CREATE INDEX "source_links_sourceId_idx" ON "source_links"("sourceId");

-- CreateIndex
CREATE INDEX "source_links_caseId_idx" ON "source_links"("caseId");

-- CreateIndex
CREATE INDEX "source_links_caseEventId_idx" ON "source_links"("caseEventId");

-- CreateIndex
CREATE INDEX "source_links_personId_idx" ON "source_links"("personId");

-- CreateIndex
CREATE INDEX "source_links_protestId_idx" ON "source_links"("protestId");

-- CreateIndex
CREATE INDEX "source_links_policeActionId_idx" ON "source_links"("policeActionId");

-- CreateIndex
CREATE INDEX "source_links_advocacyActionId_idx" ON "source_links"("advocacyActionId");

-- CreateIndex
CREATE UNIQUE INDEX "attachments_storageKey_key" ON "attachments"("storageKey");

-- CreateIndex
CREATE INDEX "attachments_caseId_idx" ON "attachments"("caseId");

-- CreateIndex
CREATE INDEX "attachments_caseEventId_idx" ON "attachments"("caseEventId");

-- CreateIndex
CREATE INDEX "attachments_sourceId_idx" ON "attachments"("sourceId");

-- CreateIndex
CREATE INDEX "attachments_createdById_idx" ON "attachments"("createdById");

-- CreateIndex
CREATE INDEX "notes_caseId_createdAt_idx" ON "notes"("caseId", "createdAt");

-- CreateIndex
CREATE INDEX "notes_personId_createdAt_idx" ON "notes"("personId", "createdAt");

-- CreateIndex
CREATE INDEX "notes_authorId_idx" ON "notes"("authorId");

-- CreateIndex
CREATE INDEX "tasks_organizationId_status_dueDate_idx" ON "tasks"("organizationId", "status", "dueDate");

-- CreateIndex
CREATE INDEX "tasks_assigneeId_status_dueDate_idx" ON "tasks"("assigneeId", "status", "dueDate");

-- CreateIndex
CREATE INDEX "tasks_caseId_idx" ON "tasks"("caseId");

-- CreateIndex
CREATE INDEX "tasks_createdById_idx" ON "tasks"("createdById");

-- CreateIndex
CREATE INDEX "person_merges_organizationId_createdAt_idx" ON "person_merges"("organizationId", "createdAt");

-- CreateIndex
CREATE INDEX "person_merges_survivorId_idx" ON "person_merges"("survivorId");

-- CreateIndex
CREATE INDEX "person_merges_mergedById_idx" ON "person_merges"("mergedById");

-- CreateIndex
CREATE INDEX "audit_events_organizationId_createdAt_idx" ON "audit_events"("organizationId", "createdAt");

-- CreateIndex
CREATE INDEX "audit_events_organizationId_entityType_entityId_idx" ON "audit_events"("organizationId", "entityType", "entityId");

-- CreateIndex
CREATE INDEX "audit_events_actorUserId_createdAt_idx" ON "audit_events"("actorUserId", "createdAt");

-- CreateIndex
CREATE INDEX "jobs_status_runAfter_idx" ON "jobs"("status", "runAfter");

-- CreateIndex
CREATE INDEX "jobs_organizationId_createdAt_idx" ON "jobs"("organizationId", "createdAt");

-- CreateIndex
CREATE INDEX "jobs_createdById_idx" ON "jobs"("createdById");

-- AddForeignKey
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user_sessions" ADD CONSTRAINT "user_sessions_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user_sessions" ADD CONSTRAINT "user_sessions_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invites" ADD CONSTRAINT "invites_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invites" ADD CONSTRAINT "invites_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "recovery_codes" ADD CONSTRAINT "recovery_codes_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "places" ADD CONSTRAINT "places_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "places"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "people" ADD CONSTRAINT "people_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "people" ADD CONSTRAINT "people_hometownPlaceId_fkey" FOREIGN KEY ("hometownPlaceId") REFERENCES "places"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "people" ADD CONSTRAINT "people_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "people" ADD CONSTRAINT "people_mergedIntoId_fkey" FOREIGN KEY ("mergedIntoId") REFERENCES "people"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "person_names" ADD CONSTRAINT "person_names_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "person_names" ADD CONSTRAINT "person_names_personId_fkey" FOREIGN KEY ("personId") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_reference_counters" ADD CONSTRAINT "case_reference_counters_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cases" ADD CONSTRAINT "cases_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cases" ADD CONSTRAINT "cases_subjectPersonId_fkey" FOREIGN KEY ("subjectPersonId") REFERENCES "people"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cases" ADD CONSTRAINT "cases_assignedToId_fkey" FOREIGN KEY ("assignedToId") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cases" ADD CONSTRAINT "cases_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_contacts" ADD CONSTRAINT "case_contacts_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_contacts" ADD CONSTRAINT "case_contacts_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_contacts" ADD CONSTRAINT "case_contacts_personId_fkey" FOREIGN KEY ("personId") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_placeId_fkey" FOREIGN KEY ("placeId") REFERENCES "places"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "protests" ADD CONSTRAINT "protests_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "protests" ADD CONSTRAINT "protests_placeId_fkey" FOREIGN KEY ("placeId") REFERENCES "places"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "protests" ADD CONSTRAINT "protests_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "protest_participations" ADD CONSTRAINT "protest_participations_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "protest_participations" ADD CONSTRAINT "protest_participations_protestId_fkey" FOREIGN KEY ("protestId") REFERENCES "protests"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "protest_participations" ADD CONSTRAINT "protest_participations_personId_fkey" FOREIGN KEY ("personId") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "protest_participations" ADD CONSTRAINT "protest_participations_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "cases"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "police_actions" ADD CONSTRAINT "police_actions_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "police_actions" ADD CONSTRAINT "police_actions_personId_fkey" FOREIGN KEY ("personId") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "police_actions" ADD CONSTRAINT "police_actions_protestId_fkey" FOREIGN KEY ("protestId") REFERENCES "protests"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "police_actions" ADD CONSTRAINT "police_actions_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "cases"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "police_actions" ADD CONSTRAINT "police_actions_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "advocacy_actions" ADD CONSTRAINT "advocacy_actions_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "advocacy_actions" ADD CONSTRAINT "advocacy_actions_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "advocacy_actions" ADD CONSTRAINT "advocacy_actions_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sources" ADD CONSTRAINT "sources_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sources" ADD CONSTRAINT "sources_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "source_links" ADD CONSTRAINT "source_links_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "source_links" ADD CONSTRAINT "source_links_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "sources"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "source_links" ADD CONSTRAINT "source_links_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "source_links" ADD CONSTRAINT "source_links_caseEventId_fkey" FOREIGN KEY ("caseEventId") REFERENCES "case_events"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "source_links" ADD CONSTRAINT "source_links_personId_fkey" FOREIGN KEY ("personId") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "source_links" ADD CONSTRAINT "source_links_protestId_fkey" FOREIGN KEY ("protestId") REFERENCES "protests"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "source_links" ADD CONSTRAINT "source_links_policeActionId_fkey" FOREIGN KEY ("policeActionId") REFERENCES "police_actions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "source_links" ADD CONSTRAINT "source_links_advocacyActionId_fkey" FOREIGN KEY ("advocacyActionId") REFERENCES "advocacy_actions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_caseEventId_fkey" FOREIGN KEY ("caseEventId") REFERENCES "case_events"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "sources"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notes" ADD CONSTRAINT "notes_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notes" ADD CONSTRAINT "notes_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notes" ADD CONSTRAINT "notes_personId_fkey" FOREIGN KEY ("personId") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notes" ADD CONSTRAINT "notes_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "person_merges" ADD CONSTRAINT "person_merges_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "person_merges" ADD CONSTRAINT "person_merges_survivorId_fkey" FOREIGN KEY ("survivorId") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "person_merges" ADD CONSTRAINT "person_merges_mergedById_fkey" FOREIGN KEY ("mergedById") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

