import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireCtx } from "@/lib/auth/context";
import { getPerson } from "@/lib/people/get-person";
import { PersonMergeForm } from "../../_components/person-merge-form";
import { orNotFound } from "@/lib/or-not-found";
import { isolate } from "../../_components/isolate";

// Merge another record of the same person into this one (coordinators).
export default async function MergePersonPage({ params }: { params: Promise<{ personId: string }> }) {
  const ctx = await requireCtx("people.merge");
  const { personId } = await params;
  const t = await getTranslations("people");
  const person = await orNotFound(getPerson(ctx, personId));
  // an erased person is a tombstone: there is nothing to edit or merge
  if (person.erasedAt) redirect(`/people/${personId}`);
  return (
    <div className="max-w-3xl space-y-4">
      <h1 className="text-2xl font-semibold">{t("merge.title")}</h1>
      <p className="text-sm text-slate-700">
        {t("merge.intro", { name: isolate(person.displayName) })}
      </p>
      <PersonMergeForm survivor={{ id: person.id, displayName: person.displayName }} />
    </div>
  );
}
