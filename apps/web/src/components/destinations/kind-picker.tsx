"use client";

import { Ban } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { cn } from "~/lib/utils";
import { KindIcon } from "./kind-icon";
import { DESTINATION_KIND_ORDER, isDestinationKind, type DestinationKind, type DestinationKindInfo } from "./types";

/**
 * Every kind the server offers, in a fixed order, then the retired ones (Azure Blob):
 * choosing a retired one explains why it cannot be used and offers the alternatives.
 */
export function KindPicker({ kinds, onPick }: { kinds: DestinationKindInfo[]; onPick: (kind: DestinationKind) => void }) {
  const t = useTranslations("destinations");
  const [retired, setRetired] = useState<DestinationKindInfo | null>(null);
  const available = DESTINATION_KIND_ORDER.map((kind) => kinds.find((k) => k.kind === kind && k.available)).filter((k): k is DestinationKindInfo => !!k);
  const unavailable = kinds.filter((k) => !k.available);
  const name = (kind: string) => (t.has(`kinds.${kind}.label`) ? t(`kinds.${kind}.label`) : (kinds.find((k) => k.kind === kind)?.label ?? kind));

  return (
    <div className="grid gap-4">
      <ul className="grid gap-3 sm:grid-cols-2" aria-label={t("picker.title")}>
        {available.map((info) => (
          <li key={info.kind}>
            <button
              type="button"
              onClick={() => isDestinationKind(info.kind) && onPick(info.kind)}
              className="flex h-full w-full items-start gap-3 rounded-lg border border-slate-200 bg-white p-4 text-left transition-colors hover:border-brand-500 hover:bg-brand-50/40 focus-visible:border-brand-500"
            >
              <KindIcon kind={info.kind} />
              <span className="grid gap-1">
                <span className="font-medium text-slate-900">{name(info.kind)}</span>
                <span className="text-xs text-slate-500">{t.has(`kinds.${info.kind}.description`) ? t(`kinds.${info.kind}.description`) : info.description}</span>
              </span>
            </button>
          </li>
        ))}
        {unavailable.map((info) => (
          <li key={info.kind}>
            <button
              type="button"
              onClick={() => setRetired(info)}
              aria-expanded={retired?.kind === info.kind}
              className={cn(
                "flex h-full w-full items-start gap-3 rounded-lg border border-dashed border-slate-300 bg-slate-50 p-4 text-left text-slate-500 transition-colors hover:bg-slate-100",
              )}
            >
              <KindIcon kind={info.kind} className="bg-slate-200 text-slate-500" />
              <span className="grid gap-1">
                <span className="flex flex-wrap items-center gap-2 font-medium text-slate-700">
                  {name(info.kind)}
                  <Badge variant="danger">{t("picker.retired")}</Badge>
                </span>
                <span className="text-xs">{t("picker.retiredShort")}</span>
              </span>
            </button>
          </li>
        ))}
      </ul>

      {retired ? (
        <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-900" data-testid="retired-kind">
          <p className="flex items-center gap-2 font-semibold">
            <Ban className="size-4 shrink-0" aria-hidden="true" />
            {t("picker.refused", { kind: name(retired.kind) })}
          </p>
          <p className="mt-2">{t.has(`kinds.${retired.kind}.retiredMessage`) ? t(`kinds.${retired.kind}.retiredMessage`) : retired.retiredMessage}</p>
          {retired.alternatives.length > 0 ? (
            <div className="mt-3 flex flex-wrap gap-2">
              {retired.alternatives.filter(isDestinationKind).map((alternative) => (
                <Button key={alternative} type="button" variant="secondary" size="sm" onClick={() => onPick(alternative)}>
                  {t("picker.useInstead", { kind: name(alternative) })}
                </Button>
              ))}
            </div>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
