// Edits a person with optimistic locking: a save based on an old version is refused with the current values.
import "server-only";
import { audit } from "@/lib/audit";
import { authorize, personScope, type Ctx } from "@/lib/authz";
import { encryptField, encryptJson, lookupHash } from "@/lib/crypto";
import { personContactContext, personNotesContext } from "@/lib/crypto-contexts";
import { withTenant } from "@/lib/db";
import { AppError, forbidden, notFound } from "@/lib/errors";
import {
  lifeDateProblems,
  normalisePhone,
  parseUncertainDate,
  personUpdateSchema,
  type PersonUpdateInput,
} from "@/lib/validations/person";
import { writeDocuments } from "./documents";
import { personErasedError } from "./erase-person";
import { isUuid } from "./get-person";
import { canSeeContacts, emptyContact, isoDate, nameRows, personInclude, toPersonView, type PersonView } from "./shared";
import { recordDuplicatePairs } from "./duplicate-pairs";
import { parseInput, staleVersion } from "@/lib/service-kit";

const DUPLICATE_SIGNALS = new Set(["names", "birthDate", "birthDatePrecision", "gender", "hometownPlaceId"]);

export async function updatePerson(ctx: Ctx, personId: string, input: PersonUpdateInput): Promise<PersonView> {
  authorize(ctx, "people.write");
  const data = parseInput(personUpdateSchema, input);
  if (!isUuid(personId)) throw notFound("person");
  return withTenant(ctx, async (tx) => {
    const before = await tx.person.findFirst({ where: { id: personId, ...personScope(ctx) }, include: personInclude });
    if (!before) throw notFound("person");
    if (before.erasedAt) throw personErasedError();
    const sensitive = await canSeeContacts(tx, ctx, personId);
    if (before.version !== data.version) {
      throw staleVersion("person", { ...toPersonView(before, sensitive) });
    }
    // a volunteer who may not see the details must not overwrite them blindly either
    if (!sensitive && (data.contact !== undefined || data.notes !== undefined || data.documents !== undefined)) throw forbidden();

    // dates are checked again against the stored values the PATCH leaves alone
    const birthDate = data.birthDate !== undefined ? data.birthDate : isoDate(before.birthDate);
    const birthDatePrecision = data.birthDatePrecision ?? before.birthDatePrecision;
    const deathDate = data.deathDate !== undefined ? data.deathDate : isoDate(before.deathDate);
    const deathDatePrecision = data.deathDatePrecision ?? before.deathDatePrecision;
    const problems = lifeDateProblems({ birthDate, birthDatePrecision, deathDate, deathDatePrecision });
    const fieldErrors = Object.fromEntries(Object.entries(problems).filter(([, m]) => m).map(([k, m]) => [k, [m as string]]));
    if (Object.keys(fieldErrors).length > 0) throw new AppError("INVALID", "Some fields need attention.", { fieldErrors });

    if (data.hometownPlaceId) {
      const place = await tx.place.findUnique({ where: { id: data.hometownPlaceId }, select: { id: true } });
      if (!place) throw notFound("place");
    }

    const changed: string[] = [];
    const update: Record<string, unknown> = {};
    const set = (field: string, value: unknown, previous: unknown) => {
      if (JSON.stringify(value) !== JSON.stringify(previous)) {
        update[field] = value;
        changed.push(field);
      }
    };
    if (data.gender !== undefined) set("gender", data.gender, before.gender);
    if (data.birthDate !== undefined || data.birthDatePrecision !== undefined) {
      set("birthDate", parseUncertainDate(birthDate, birthDatePrecision) ?? null, before.birthDate);
      set("birthDatePrecision", birthDate ? birthDatePrecision : "UNKNOWN", before.birthDatePrecision);
    }
    if (data.deathDate !== undefined || data.deathDatePrecision !== undefined) {
      set("deathDate", parseUncertainDate(deathDate, deathDatePrecision) ?? null, before.deathDate);
      set("deathDatePrecision", deathDate ? deathDatePrecision : "UNKNOWN", before.deathDatePrecision);
    }
    if (data.ethnicity !== undefined) set("ethnicity", data.ethnicity, before.ethnicity);
    if (data.citizenships !== undefined) set("citizenships", data.citizenships, before.citizenships);
    if (data.hometownPlaceId !== undefined) set("hometownPlaceId", data.hometownPlaceId ?? null, before.hometownPlaceId);
    if (data.hometownText !== undefined) set("hometownText", data.hometownText, before.hometownText);
    if (data.contact !== undefined) {
      const current = toPersonView(before, true).contact;
      const next = emptyContact(data.contact) ? null : data.contact;
      if (JSON.stringify(current) !== JSON.stringify(next)) {
        const phone = next?.phone ? normalisePhone(next.phone) : null;
        update.contactEnc = next ? encryptJson(next, personContactContext(personId)) : null;
        update.phoneHash = phone ? lookupHash(phone, "phone") : null;
        changed.push("contact");
      }
    }
    if (data.notes !== undefined) {
      const current = toPersonView(before, true).notes;
      if ((current ?? null) !== (data.notes ?? null)) {
        update.notesEnc = encryptField(data.notes, personNotesContext(personId));
        changed.push("notes");
      }
    }
    if (data.names !== undefined) {
      const previous = before.names.map((n) => `${n.kind}:${n.value}`);
      const next = data.names.map((n) => `${n.kind ?? "LEGAL"}:${n.value.trim()}`);
      if (JSON.stringify(previous) !== JSON.stringify(next)) {
        update.displayName = data.names[0]!.value.trim();
        changed.push("names");
      }
    }

    // the version check and the write are one statement, so two saves cannot both win
    const written = await tx.person.updateMany({
      where: { id: personId, version: data.version, deletedAt: null, erasedAt: null },
      data: { ...update, version: { increment: 1 } },
    });
    if (written.count !== 1) {
      const current = await tx.person.findFirst({ where: { id: personId }, include: personInclude });
      throw staleVersion("person", current ? { ...toPersonView(current, sensitive) } : null);
    }
    // documents live in their own rows; the person's version still guards them (bumped above)
    if (data.documents !== undefined && (await writeDocuments(tx, ctx, personId, data.documents))) changed.push("documents");
    if (changed.includes("names") && data.names) {
      await tx.personName.deleteMany({ where: { personId } });
      await tx.personName.createMany({ data: nameRows(ctx.organizationId, personId, data.names) });
    }
    // new names, birth date, gender or hometown may make (or unmake) a likely duplicate
    if (changed.some((field) => DUPLICATE_SIGNALS.has(field))) await recordDuplicatePairs(tx, ctx, personId);
    await audit(tx, {
      organizationId: ctx.organizationId,
      actorUserId: ctx.userId,
      action: "person.update",
      entityType: "Person",
      entityId: personId,
      changedFields: changed,
      metadata: { version: data.version + 1 },
      ipHash: ctx.ipHash ?? null,
    });
    const row = await tx.person.findUniqueOrThrow({ where: { id: personId }, include: personInclude });
    return toPersonView(row, sensitive);
  });
}
