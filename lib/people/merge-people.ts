// Merges two records of the same person into one, in one transaction: every link moves to the survivor,
// the merged row stays (soft-deleted, mergedIntoId set) so nothing is lost, and the merge is recorded
// (ids only) and audited so it can be explained afterwards.
import "server-only";
import { audit } from "@/lib/audit";
import { authorize, personScope, type Ctx } from "@/lib/authz";
import { decryptField, decryptJson, encryptField, encryptJson } from "@/lib/crypto";
import { personContactContext, personNotesContext } from "@/lib/crypto-contexts";
import { withTenant } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { mergeSchema, type MergeInput, type PersonContact } from "@/lib/validations/person";
import { personErasedError } from "./erase-person";
import { parseInput } from "@/lib/service-kit";

/** What moved from the merged record to the survivor, and what stayed behind because the survivor had it. */
export interface MovedLinks {
  names: string[];
  casesAsSubject: string[];
  caseContacts: string[];
  participations: string[];
  policeActions: string[];
  notes: string[];
  sourceLinks: string[];
  /** identity documents: every one moves, even a number the survivor also holds (its dates and note may differ) */
  documents?: string[];
  /** the merged record's portrait, moved when the survivor had none */
  portrait?: string[];
  /** people merged earlier into the merged record, now pointing at the survivor */
  earlierMerged: string[];
  /** survivor fields that were empty and were filled from the merged record */
  filledFields: string[];
  skipped: { names: string[]; caseContacts: string[]; participations: string[] };
}

export interface MergeResult {
  mergeId: string;
  survivorId: string;
  mergedPersonId: string;
  movedLinks: MovedLinks;
}

export async function mergePeople(ctx: Ctx, input: MergeInput): Promise<MergeResult> {
  authorize(ctx, "people.merge");
  const { survivorId, mergedId, reason } = parseInput(mergeSchema, input);
  if (survivorId === mergedId) {
    throw new AppError("INVALID", "A person cannot be merged into themselves.", { fieldErrors: { mergedId: ["invalidChoice"] } });
  }
  return withTenant(ctx, async (tx) => {
    const include = { names: true } as const;
    const [survivor, merged] = await Promise.all([
      tx.person.findFirst({ where: { id: survivorId, ...personScope(ctx) }, include }),
      tx.person.findFirst({ where: { id: mergedId, ...personScope(ctx) }, include }),
    ]);
    if (!survivor || !merged) throw notFound("person");
    // a tombstone has nothing to give or keep, and merging would tie a new record to an erasure
    if (survivor.erasedAt || merged.erasedAt) throw personErasedError();

    const moved: MovedLinks = {
      names: [],
      casesAsSubject: [],
      caseContacts: [],
      participations: [],
      policeActions: [],
      notes: [],
      sourceLinks: [],
      documents: [],
      portrait: [],
      earlierMerged: [],
      filledFields: [],
      skipped: { names: [], caseContacts: [], participations: [] },
    };

    // names: the merged record's spellings become the survivor's aliases, except exact repeats
    const known = new Set(survivor.names.map((n) => n.normalized));
    let position = survivor.names.length;
    for (const name of merged.names) {
      if (known.has(name.normalized)) {
        moved.skipped.names.push(name.id);
        continue;
      }
      known.add(name.normalized);
      await tx.personName.update({
        where: { id: name.id },
        data: { personId: survivorId, isPrimary: false, kind: name.kind === "LEGAL" ? "ALIAS" : name.kind, position: position++ },
      });
      moved.names.push(name.id);
    }

    const cases = await tx.case.findMany({ where: { subjectPersonId: mergedId }, select: { id: true } });
    moved.casesAsSubject = cases.map((c) => c.id);
    if (cases.length) await tx.case.updateMany({ where: { subjectPersonId: mergedId }, data: { subjectPersonId: survivorId } });

    const survivorCases = new Set(
      (await tx.case.findMany({ where: { subjectPersonId: survivorId }, select: { id: true } })).map((c) => c.id),
    );
    const survivorContacts = new Set(
      (await tx.caseContact.findMany({ where: { personId: survivorId }, select: { caseId: true } })).map((c) => c.caseId),
    );
    for (const contact of await tx.caseContact.findMany({ where: { personId: mergedId }, select: { id: true, caseId: true } })) {
      // the survivor already speaks for (or is the subject of) this case: one row is enough
      if (survivorContacts.has(contact.caseId) || survivorCases.has(contact.caseId)) {
        moved.skipped.caseContacts.push(contact.id);
        continue;
      }
      await tx.caseContact.update({ where: { id: contact.id }, data: { personId: survivorId } });
      moved.caseContacts.push(contact.id);
    }

    const survivorProtests = new Set(
      (await tx.protestParticipation.findMany({ where: { personId: survivorId }, select: { protestId: true } })).map((p) => p.protestId),
    );
    for (const participation of await tx.protestParticipation.findMany({ where: { personId: mergedId }, select: { id: true, protestId: true } })) {
      if (survivorProtests.has(participation.protestId)) {
        moved.skipped.participations.push(participation.id);
        continue;
      }
      await tx.protestParticipation.update({ where: { id: participation.id }, data: { personId: survivorId } });
      moved.participations.push(participation.id);
    }

    const moveAll = async <K extends "policeActions" | "notes" | "sourceLinks" | "documents">(
      key: K,
      find: () => Promise<{ id: string }[]>,
      update: () => Promise<unknown>,
    ) => {
      moved[key] = (await find()).map((row) => row.id);
      if (moved[key].length) await update();
    };
    await moveAll(
      "policeActions",
      () => tx.policeAction.findMany({ where: { personId: mergedId }, select: { id: true } }),
      () => tx.policeAction.updateMany({ where: { personId: mergedId }, data: { personId: survivorId } }),
    );
    await moveAll(
      "notes",
      () => tx.note.findMany({ where: { personId: mergedId }, select: { id: true } }),
      () => tx.note.updateMany({ where: { personId: mergedId }, data: { personId: survivorId } }),
    );
    await moveAll(
      "sourceLinks",
      () => tx.sourceLink.findMany({ where: { personId: mergedId }, select: { id: true } }),
      () => tx.sourceLink.updateMany({ where: { personId: mergedId }, data: { personId: survivorId } }),
    );
    // a document's ciphertext is bound to the document, not the person, so it moves as it is
    await moveAll(
      "documents",
      () => tx.personDocument.findMany({ where: { personId: mergedId }, select: { id: true } }),
      () => tx.personDocument.updateMany({ where: { personId: mergedId }, data: { personId: survivorId } }),
    );
    const portraits = await tx.attachment.findMany({ where: { portraitOfId: { in: [survivorId, mergedId] }, deletedAt: null }, select: { id: true, portraitOfId: true } });
    const theirPortrait = portraits.find((p) => p.portraitOfId === mergedId);
    if (theirPortrait && !portraits.some((p) => p.portraitOfId === survivorId)) {
      await tx.attachment.update({ where: { id: theirPortrait.id }, data: { portraitOfId: survivorId } });
      moved.portrait = [theirPortrait.id];
    }
    const earlier = await tx.person.findMany({ where: { mergedIntoId: mergedId }, select: { id: true } });
    moved.earlierMerged = earlier.map((p) => p.id);
    if (earlier.length) await tx.person.updateMany({ where: { mergedIntoId: mergedId }, data: { mergedIntoId: survivorId } });

    // facts the survivor lacks come from the merged record; the survivor's own values always win
    const fill: Prisma.PersonUpdateInput = {};
    const filled = (field: string) => moved.filledFields.push(field);
    if (survivor.gender === "UNKNOWN" && merged.gender !== "UNKNOWN") {
      fill.gender = merged.gender;
      filled("gender");
    }
    if (!survivor.birthDate && merged.birthDate) {
      fill.birthDate = merged.birthDate;
      fill.birthDatePrecision = merged.birthDatePrecision;
      filled("birthDate");
    }
    if (!survivor.deathDate && merged.deathDate) {
      fill.deathDate = merged.deathDate;
      fill.deathDatePrecision = merged.deathDatePrecision;
      filled("deathDate");
    }
    if (!survivor.ethnicity && merged.ethnicity) {
      fill.ethnicity = merged.ethnicity;
      filled("ethnicity");
    }
    if (!survivor.hometownPlaceId && merged.hometownPlaceId) {
      fill.hometown = { connect: { id: merged.hometownPlaceId } };
      filled("hometownPlaceId");
    }
    if (!survivor.hometownText && merged.hometownText) {
      fill.hometownText = merged.hometownText;
      filled("hometownText");
    }
    const citizenships = [...new Set([...survivor.citizenships, ...merged.citizenships])];
    if (citizenships.length !== survivor.citizenships.length) {
      fill.citizenships = citizenships;
      filled("citizenships");
    }
    if (!survivor.contactEnc && merged.contactEnc) {
      // re-encrypted: a ciphertext is bound to the record it belongs to
      fill.contactEnc = encryptJson(decryptJson<PersonContact>(merged.contactEnc, personContactContext(mergedId)), personContactContext(survivorId));
      fill.phoneHash = merged.phoneHash;
      filled("contact");
    }
    if (merged.notesEnc) {
      const theirs = decryptField(merged.notesEnc, personNotesContext(mergedId));
      const ours = decryptField(survivor.notesEnc, personNotesContext(survivorId));
      if (theirs && theirs !== ours) {
        fill.notesEnc = encryptField(ours ? `${ours}\n\n${theirs}` : theirs, personNotesContext(survivorId));
        filled("notes");
      }
    }
    await tx.person.update({ where: { id: survivorId }, data: { ...fill, version: { increment: 1 } } });
    await tx.person.update({
      where: { id: mergedId },
      data: { deletedAt: new Date(), mergedInto: { connect: { id: survivorId } }, version: { increment: 1 } },
    });

    const record = await tx.personMerge.create({
      data: {
        organizationId: ctx.organizationId,
        survivorId,
        mergedPersonId: mergedId,
        movedLinks: moved as unknown as Prisma.InputJsonValue,
        reason,
        mergedById: ctx.userId,
      },
    });
    await audit(tx, {
      organizationId: ctx.organizationId,
      actorUserId: ctx.userId,
      action: "person.merge",
      entityType: "Person",
      entityId: survivorId,
      changedFields: moved.filledFields,
      metadata: {
        mergeId: record.id,
        mergedPersonId: mergedId,
        moved: Object.fromEntries(
          (["names", "casesAsSubject", "caseContacts", "participations", "policeActions", "notes", "sourceLinks", "documents"] as const).map(
            (k) => [k, moved[k]?.length ?? 0],
          ),
        ),
      },
      ipHash: ctx.ipHash ?? null,
    });
    return { mergeId: record.id, survivorId, mergedPersonId: mergedId, movedLinks: moved };
  });
}
