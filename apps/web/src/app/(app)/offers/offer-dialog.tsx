"use client";

import { Pencil, Plus } from "lucide-react";
import { useTranslations } from "next-intl";
import type { OfferView } from "~/components/destinations/types";
import { Button } from "~/components/ui/button";
import { lazyDialog } from "~/lib/lazy-dialog";

/** "Add offer" or "Edit offer": the form (and its validation) loads after the page. */
export const OfferDialog = lazyDialog<{ offer?: OfferView; trigger?: "button" | "icon" }>(
  () => import("./offer-dialog-impl").then((m) => m.OfferDialog),
  function OfferDialogTrigger({ offer, trigger, onOpen }) {
    const t = useTranslations("offers");
    const a11y = { type: "button", "aria-haspopup": "dialog", "aria-expanded": false, "data-state": "closed", onClick: onOpen } as const;
    return offer ? (
      <Button variant="secondary" size={trigger === "icon" ? "sm" : "default"} {...a11y}>
        <Pencil aria-hidden="true" />
        {t("edit")}
      </Button>
    ) : (
      <Button {...a11y}>
        <Plus aria-hidden="true" />
        {t("add")}
      </Button>
    );
  },
);
