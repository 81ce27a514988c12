"use client";

import { AlertTriangle } from "lucide-react";
import { useTranslations } from "next-intl";
import { Button } from "~/components/ui/button";

/** A failed load of a page's data (its `error.tsx`): say so, and offer to try again without leaving the app. */
export function PageError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("followUp");
  return (
    <div role="alert" className="grid place-items-center rounded-xl border border-red-200 bg-white px-6 py-16 text-center">
      <AlertTriangle className="size-8 text-red-500" aria-hidden="true" />
      <h2 className="mt-3 text-base font-semibold">{t("loadFailed")}</h2>
      <p className="mt-1 max-w-md text-sm text-slate-500">{t("loadFailedBody")}</p>
      <Button className="mt-4" variant="secondary" onClick={reset}>
        {t("retry")}
      </Button>
    </div>
  );
}
