import { getTranslations } from "next-intl/server";
import { requireCtx } from "@/lib/auth/context";
import { findPlaces } from "@/lib/places/find-places";
import { PersonForm } from "../_components/person-form";

// Record a new person; likely existing records show up while the names are typed.
export default async function NewPersonPage() {
  const ctx = await requireCtx("people.write");
  const t = await getTranslations("people");
  const places = await findPlaces(ctx, { limit: 200 });
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("newPerson")}</h1>
      <PersonForm person={null} places={places} canEditSensitive />
    </div>
  );
}
