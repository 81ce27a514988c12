import type { LucideIcon } from "lucide-react";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "./page-header";

/** An area whose features are still being built: says what it will hold, without pretending to hold it. */
export async function AreaPlaceholder({ area, icon: Icon }: { area: "leads" | "offers" | "followUp" | "insights" | "feedback"; icon: LucideIcon }) {
  const t = await getTranslations("areas");
  return (
    <>
      <PageHeader title={t(`${area}Title`)} />
      <div className="grid place-items-center rounded-xl border border-dashed border-slate-300 bg-white px-6 py-16 text-center">
        <span className="grid size-12 place-items-center rounded-full bg-brand-50 text-brand-600">
          <Icon className="size-6" aria-hidden="true" />
        </span>
        <h2 className="mt-4 text-base font-semibold">{t("notYet")}</h2>
        <p className="mt-2 max-w-md text-sm text-slate-500">{t(`${area}Body`)}</p>
      </div>
    </>
  );
}
