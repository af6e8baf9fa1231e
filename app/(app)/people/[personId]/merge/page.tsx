import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireCtx } from "@/lib/auth/context";
import { getPerson } from "@/lib/people/get-person";
import { PersonMergeForm } from "../../_components/person-merge-form";
import { orNotFound } from "@/lib/or-not-found";
import { isolate } from "../../_components/isolate";

// Merge another record of the same person into this one (coordinators).
// `?with=<id>` proposes the other record (a likely duplicate pair from the dashboard).
export default async function MergePersonPage({ params, searchParams }: { params: Promise<{ personId: string }>; searchParams: Promise<{ with?: string | string[] }> }) {
  const ctx = await requireCtx("people.merge");
  const { personId } = await params;
  const proposedId = (await searchParams).with;
  const t = await getTranslations("people");
  const person = await orNotFound(getPerson(ctx, personId));
  // an erased person is a tombstone: there is nothing to edit or merge
  if (person.erasedAt) redirect(`/people/${personId}`);
  // a proposed record that is not found (another group's, merged, erased) is simply not proposed
  const proposed = typeof proposedId === "string" && proposedId !== personId ? await getPerson(ctx, proposedId).catch(() => null) : null;
  return (
    <div className="max-w-3xl space-y-4">
      <h1 className="text-2xl font-semibold">{t("merge.title")}</h1>
      <p className="text-sm text-slate-700">
        {t("merge.intro", { name: isolate(person.displayName) })}
      </p>
      <PersonMergeForm
        survivor={{ id: person.id, displayName: person.displayName }}
        other={proposed && !proposed.erasedAt ? { id: proposed.id, displayName: proposed.displayName } : null}
      />
    </div>
  );
}
