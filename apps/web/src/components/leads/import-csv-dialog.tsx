"use client";

import { Upload } from "lucide-react";
import { useTranslations } from "next-intl";
import { Button } from "~/components/ui/button";
import { lazyDialog } from "~/lib/lazy-dialog";

/** "Import CSV": the import dialog loads after the page. */
export const ImportCsvDialog = lazyDialog<{ offers: { id: string; title: string }[] }>(
  () => import("./import-csv-dialog-impl").then((m) => m.ImportCsvDialog),
  function ImportCsvTrigger({ onOpen }) {
    const t = useTranslations("leads.import");
    return (
      <Button variant="secondary" type="button" aria-haspopup="dialog" aria-expanded={false} data-state="closed" onClick={onOpen}>
        <Upload aria-hidden="true" />
        {t("button")}
      </Button>
    );
  },
);
