"use client";

import { UserPlus } from "lucide-react";
import { useTranslations } from "next-intl";
import { Button } from "~/components/ui/button";
import { lazyDialog } from "~/lib/lazy-dialog";

/** "Add lead": the form (and its validation) loads after the page. */
export const AddLeadDialog = lazyDialog<{ offers: { id: string; title: string }[] }>(
  () => import("./add-lead-dialog-impl").then((m) => m.AddLeadDialog),
  function AddLeadTrigger({ onOpen }) {
    const t = useTranslations("leads.add");
    return (
      <Button type="button" aria-haspopup="dialog" aria-expanded={false} data-state="closed" onClick={onOpen}>
        <UserPlus aria-hidden="true" />
        {t("button")}
      </Button>
    );
  },
);
