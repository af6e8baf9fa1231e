import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { BidiText } from "@/components/bidi-text";
import { requireCtx } from "@/lib/auth/context";
import { getPerson } from "@/lib/people/get-person";
import { findPlaces } from "@/lib/places/find-places";
import { PersonForm } from "../../_components/person-form";
import { orNotFound } from "@/lib/or-not-found";

// Edit a person from the version shown; a stale save shows the other change instead of overwriting it.
export default async function EditPersonPage({ params }: { params: Promise<{ personId: string }> }) {
  const ctx = await requireCtx("people.write");
  const { personId } = await params;
  const t = await getTranslations("people");
  const [person, places] = await Promise.all([orNotFound(getPerson(ctx, personId)), findPlaces(ctx, { limit: 200 })]);
  // an erased person is a tombstone: there is nothing to edit or merge
  if (person.erasedAt) redirect(`/people/${personId}`);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">
        {t("editPerson")}: <BidiText>{person.displayName}</BidiText>
      </h1>
      <PersonForm person={person} places={places} canEditSensitive={person.contactVisible} />
    </div>
  );
}
