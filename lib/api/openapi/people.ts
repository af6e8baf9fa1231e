// People: anyone in the records (a detained relative, a family member, a protester), duplicates and merges.
import { personErasureSchema } from "@/lib/validations/erasure";
import { duplicateQuerySchema, mergeSchema, personCreateSchema, personDocumentSchema, personNameSchema, personQuerySchema, personUpdateSchema } from "@/lib/validations/person";
import { DAY } from "./notes";
import { json, ok, ref, refused, type ApiArea } from "./registry";

export const peopleApi: ApiArea = {
  components: {
    PersonName: { schema: personNameSchema },
    PersonDocumentInput: {
      schema: personDocumentSchema,
      description: "An identity number. Spaces, dashes and a lower-case x are normalised. A Chinese resident ID (18 characters with the ISO 7064 MOD 11-2 check character, or the old 15-digit form) and a Kazakh IIN (12 digits with the official check digit) are checked, with the birth date inside them; a number that fails is refused at `documents.N.number` (documentChecksum, documentLength, documentCharacters, documentBirthDate, documentCenturyDigit) unless `keepAsWritten` is true.",
      notes: {
        id: "an existing document being edited",
        number: "stored encrypted, with a keyed look-up hash",
        issuingCountry: "ISO 3166-1 alpha-2; defaults from the kind",
        issuedOn: DAY,
        expiresOn: DAY,
        note: "stored encrypted",
        keepAsWritten: "keep a number that fails its check; it is then marked checkOverridden",
      },
    },
    PersonInput: {
      schema: personCreateSchema,
      description: 'Dates are typed with their precision ("1975" + YEAR is stored as 1975-01-01); not in the future, death not before birth.',
      notes: {
        names: "the first is the primary name",
        "names.value": "any script; script and search keys are computed",
        birthDate: '"2017", "2018-03" or "2018-03-12" (also as people type them, e.g. "наурыз 2018"), read at birthDatePrecision',
        deathDate: "as birthDate, read at deathDatePrecision",
        hometownPlaceId: "a place from GET /places",
        hometownText: "free text when the place is not in the gazetteer",
        contact: "sensitive; stored encrypted; only callers allowed to see contact details may set it",
        notes: "sensitive; stored encrypted",
        documents: "identity documents; on PATCH the full list (listed ids are kept or edited, new entries added, the rest removed); only callers allowed to see contact details may set it",
      },
    },
    PersonUpdate: {
      schema: personUpdateSchema,
      description: "Any subset of the fields of PersonInput, with the version last read.",
      notes: { version: "the version last read" },
    },
    PersonDocument: {
      schema: {
        type: "object",
        properties: {
          id: { type: "string", format: "uuid" },
          kind: { type: "string", enum: ["CN_RESIDENT_ID", "KZ_IIN", "CN_PASSPORT", "KZ_PASSPORT", "OTHER"] },
          number: { type: ["string", "null"], description: "in full only when contactVisible, otherwise null" },
          masked: { type: "string", description: "the last four characters, e.g. •••• 002X" },
          issuingCountry: { type: ["string", "null"] },
          issuedOn: { type: ["string", "null"], format: "date" },
          expiresOn: { type: ["string", "null"], format: "date" },
          note: { type: ["string", "null"] },
          checkOverridden: { type: "boolean", description: "the number failed its check and was kept as written" },
        },
      },
    },
    Person: {
      schema: {
        allOf: [
          ref("PersonInput"),
          {
            type: "object",
            properties: {
              id: { type: "string", format: "uuid" },
              displayName: { type: "string" },
              names: {
                type: "array",
                items: {
                  type: "object",
                  properties: {
                    id: { type: "string" },
                    value: { type: "string" },
                    script: { type: "string", enum: ["LATIN", "CYRILLIC", "HAN", "ARABIC", "OTHER"] },
                    kind: { type: "string" },
                    isPrimary: { type: "boolean" },
                  },
                },
              },
              contactVisible: {
                type: "boolean",
                description: "false when the caller may not see contact details and notes (they are then null)",
              },
              documents: { type: "array", items: ref("PersonDocument") },
              documentMatches: {
                type: "array",
                description: "other people holding one of these numbers (the strongest duplicate signal); only when contactVisible",
                items: { type: "object", properties: { id: { type: "string", format: "uuid" }, displayName: { type: "string" } } },
              },
              hasPortrait: { type: "boolean", description: "a portrait the caller may see exists (GET /people/{personId}/portrait)" },
              version: { type: "integer" },
              deletedAt: { type: ["string", "null"], format: "date-time" },
            },
          },
        ],
      },
    },
    DuplicateCandidate: {
      schema: {
        type: "object",
        properties: {
          id: { type: "string", format: "uuid" },
          displayName: { type: "string" },
          otherNames: { type: "array", items: { type: "string" } },
          score: { type: "number", minimum: 0, maximum: 1 },
          nameScore: { type: "number" },
          reasons: {
            type: "array",
            items: {
              type: "string",
              enum: [
                "sameDocument",
                "sameName",
                "similarName",
                "sameBirthYear",
                "closeBirthYear",
                "differentBirthYear",
                "sameGender",
                "differentGender",
                "sameHometown",
                "sharedRelative",
              ],
            },
          },
        },
      },
    },
  },
  operations: [
    {
      method: "get",
      path: "/people",
      operationId: "listPeople",
      access: "people.read",
      summary: "Search and list people",
      description: "Admins, coordinators and volunteers; analysts are refused (403). `q` matches names in any script or spelling, an exact phone number, a case reference, or a whole identity number (only people whose documents the caller may see; those come first with documentMatch true).",
      query: personQuerySchema,
      queryNotes: {
        hometown: "a place or any place within it",
        deleted: "coordinators only",
        sort: "best match first when q is given and sort is not",
      },
      responses: {
        "200": ok("One page: {items, total, page, pageSize}"),
        "401": refused("Not signed in"),
        "403": refused("Role may not read people"),
      },
    },
    {
      method: "post",
      path: "/people",
      operationId: "createPerson",
      access: "people.write",
      summary: "Record a person",
      body: { schema: personCreateSchema },
      responses: {
        "201": json("Created", ref("Person")),
        "422": refused("Invalid input or impossible dates, per field"),
      },
    },
    {
      method: "post",
      path: "/people/duplicates",
      operationId: "findPersonDuplicates",
      access: "people.read",
      summary: "Likely existing records of a person about to be entered, ranked, with reasons",
      body: { schema: duplicateQuerySchema, notes: {
        documentNumbers: "identity numbers typed for the person; a person holding one comes first (sameDocument, score 1), only when the caller may see that person's documents",
      } },
      responses: {
        "200": json("Candidates, best first", { type: "array", items: ref("DuplicateCandidate") }),
      },
    },
    {
      method: "post",
      path: "/people/merges",
      operationId: "mergePeople",
      access: "people.merge",
      summary: "Merge two records of the same person (coordinators)",
      description: "Every link moves to the survivor in one transaction; the merged record is kept hidden with mergedIntoId; audited as person.merge.",
      body: { schema: mergeSchema, notes: { survivorId: "the record that stays", mergedId: "the record merged into it", reason: "why they are the same person" } },
      responses: {
        "201": ok("{mergeId, survivorId, mergedPersonId, movedLinks}"),
        "403": refused("Not a coordinator or admin"),
        "404": refused("Either person not found or not visible"),
      },
    },
    {
      method: "get",
      path: "/people/{personId}",
      operationId: "getPerson",
      access: "people.read",
      summary: "One person",
      description: "Contact details, notes and full identity numbers only for admins, coordinators and volunteers of the person's own cases (audited as person.contact.view); others see each number's last four characters. Another organisation's person is 404.",
      responses: {
        "200": json("The person", ref("Person")),
        "404": refused("Not found or not visible"),
      },
    },
    {
      method: "patch",
      path: "/people/{personId}",
      operationId: "updatePerson",
      access: "people.write",
      summary: "Change some fields; `version` is required",
      body: { schema: personUpdateSchema },
      responses: {
        "200": json("Saved", ref("Person")),
        "409": refused("Stale version; `details.current` holds the saved person"),
        "422": refused("Invalid input, per field"),
      },
    },
    {
      method: "delete",
      path: "/people/{personId}",
      operationId: "deletePerson",
      access: "people.delete",
      summary: "Soft delete (coordinators); refused with 409 while the person is the subject of a case",
      responses: {
        "204": ok("Deleted"),
      },
    },
    {
      method: "post",
      path: "/people/{personId}/restore",
      operationId: "restorePerson",
      access: "people.delete",
      summary: "Restore a deleted person (coordinators)",
      responses: {
        "200": ok("{id}"),
      },
    },
    {
      method: "post",
      path: "/people/{personId}/erasure",
      operationId: "erasePerson",
      access: "people.erase",
      summary: "Erase a person on a family's request (coordinators and admins; cannot be undone)",
      description: "In one transaction removes or overwrites every piece of personal data about the person and the records merged into them (names and their search keys, facts, contact details, notes, free text of their cases, relationships, police actions and citing sources, files), leaving a tombstone with `erasedAt`. Audited as person.erased with only the person id, the actor and the reason category. `confirmation` must repeat the person's display name. An erased person answers 409 (`personErased`) to any further change; another organisation's person is 404.",
      body: { schema: personErasureSchema, notes: { confirmation: "The person's display name, typed again" } },
      responses: {
        "200": json("Erased", {
          type: "object",
          properties: {
            id: { type: "string", format: "uuid" },
            erasedAt: { type: "string", format: "date-time" },
            mergedRecords: { type: "integer" },
            filesDeleted: { type: "integer" },
          },
        }),
        "403": refused("Volunteers and analysts"),
        "404": refused("No such person in this organisation"),
        "409": refused("Stale version, or already erased"),
        "422": refused("Wrong confirmation or reason"),
      },
    },
    {
      method: "get",
      path: "/people/{personId}/portrait",
      operationId: "getPersonPortrait",
      access: "people.read",
      summary: "The person's portrait image (audited as person.portrait.view), for callers who may see their contact details",
      responses: {
        "200": { description: "The image", content: { "image/jpeg": {}, "image/png": {}, "image/webp": {} } },
        "403": refused("The caller may not see this person's contact details"),
        "404": refused("No such person or no portrait"),
      },
    },
    {
      method: "put",
      path: "/people/{personId}/portrait",
      operationId: "replacePersonPortrait",
      access: "people.write",
      summary: "Make an image the person's portrait (multipart field file; JPEG, PNG or WebP; metadata removed), replacing any earlier one",
      body: { multipart: { type: "object", required: ["file"], properties: { file: { type: "string", format: "binary" } } } },
      responses: {
        "200": ok("{id}"),
        "422": refused("Not an accepted image"),
      },
    },
    {
      method: "delete",
      path: "/people/{personId}/portrait",
      operationId: "deletePersonPortrait",
      access: "people.write",
      summary: "Remove the person's portrait",
      responses: {
        "204": ok("Removed"),
      },
    },
    {
      method: "get",
      path: "/people/{personId}/timeline",
      operationId: "getPersonTimeline",
      access: "people.read",
      summary: "Cases (as subject or family contact), protests and police actions of a person, newest first",
      responses: {
        "200": ok("Timeline items"),
      },
    },
  ],
};
