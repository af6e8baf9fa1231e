import { Link } from "@/components/ui/link";
import { getTranslations } from "next-intl/server";
import { ProtestPersonTimeline } from "@/components/protest-person-timeline";
import { requireCtx } from "@/lib/auth/context";

// /protests/person/{personId} — one person's activism timeline (the same list the person page embeds)
export default async function PersonActivityPage({ params }: { params: Promise<{ personId: string }> }) {
  await requireCtx("protests.read");
  const { personId } = await params;
  const t = await getTranslations("protests");
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-600">
        <Link href={`/people/${personId}`} className="underline-offset-2 hover:underline">
          {t("fields.person")}
        </Link>
      </p>
      <ProtestPersonTimeline personId={personId} standalone />
    </div>
  );
}
