import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { requireCtx } from "@/lib/auth/context";
import type { Locale } from "@/lib/i18n/config";
import { getPerson } from "@/lib/people/get-person";
import { getPersonTimeline } from "@/lib/people/get-person-timeline";
import { PersonMergeComparison } from "../../_components/person-merge-comparison";
import { PersonMergeForm } from "../../_components/person-merge-form";
import { orNotFound } from "@/lib/or-not-found";
import { isolate } from "../../_components/isolate";
import { isUuid } from "@/lib/service-kit";

// Merge another record of the same person into this one (coordinators). The record picked is shown
// beside this one (?other=) before anything can be merged.
export default async function MergePersonPage({ params, searchParams }: { params: Promise<{ personId: string }>; searchParams: Promise<{ other?: string }> }) {
  const ctx = await requireCtx("people.merge");
  const { personId } = await params;
  const { other: otherId } = await searchParams;
  const t = await getTranslations("people");
  const locale = (await getLocale()) as Locale;
  const person = await orNotFound(getPerson(ctx, personId));
  // an erased person is a tombstone: there is nothing to edit or merge
  if (person.erasedAt) redirect(`/people/${personId}`);
  const other = otherId && isUuid(otherId) && otherId !== personId ? await getPerson(ctx, otherId).catch(() => null) : null;
  const [keptTimeline, otherTimeline] = other ? await Promise.all([getPersonTimeline(ctx, person.id), getPersonTimeline(ctx, other.id)]) : [[], []];
  return (
    <div className="max-w-4xl space-y-4">
      <h1 className="text-2xl font-semibold">{t("merge.title")}</h1>
      <p className="text-sm text-slate-700">
        {t("merge.intro", { name: isolate(person.displayName) })}
      </p>
      <PersonMergeForm
        survivor={{ id: person.id, displayName: person.displayName }}
        other={other && !other.erasedAt ? { id: other.id, displayName: other.displayName } : null}
        comparison={other && !other.erasedAt ? <PersonMergeComparison kept={{ person, timeline: keptTimeline }} merged={{ person: other, timeline: otherTimeline }} locale={locale} /> : null}
      />
    </div>
  );
}
