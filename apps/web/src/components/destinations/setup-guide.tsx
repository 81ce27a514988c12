"use client";

import { AlertTriangle, BookOpen } from "lucide-react";
import { useTranslations } from "next-intl";
import type { DestinationKind, DestinationKindInfo } from "./types";

function rawList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

/** Warnings the publisher must see before saving (Salesforce's picklist pitfall, …). */
export function KindWarnings({ kind }: { kind: DestinationKind }) {
  const t = useTranslations("destinations");
  const warnings = rawList(t.raw(`kinds.${kind}.warnings`));
  if (warnings.length === 0) return null;
  return (
    <div role="note" className="rounded-lg border border-amber-200 bg-amber-50 p-4 text-sm text-amber-900" data-testid="kind-warnings">
      <p className="flex items-center gap-2 font-medium">
        <AlertTriangle className="size-4 shrink-0" aria-hidden="true" />
        {t("guide.warnings")}
      </p>
      <ul className="mt-2 list-disc space-y-1.5 pl-5">
        {warnings.map((warning) => (
          <li key={warning}>{warning}</li>
        ))}
      </ul>
    </div>
  );
}

/** Step-by-step setup for a kind, and the fields the receiving system must have. */
export function SetupGuide({ kind, info }: { kind: DestinationKind; info?: DestinationKindInfo }) {
  const t = useTranslations("destinations");
  const steps = rawList(t.raw(`kinds.${kind}.steps`));
  const requiredFields = info?.setupGuide && "requiredFields" in info.setupGuide ? (info.setupGuide.requiredFields ?? []) : [];
  return (
    <section aria-labelledby={`guide-${kind}`} className="grid gap-4 text-sm">
      <h3 id={`guide-${kind}`} className="flex items-center gap-2 font-semibold text-slate-900">
        <BookOpen className="size-4 text-brand-600" aria-hidden="true" />
        {t("guide.title")}
      </h3>
      <ol className="grid gap-2.5">
        {steps.map((step, index) => (
          <li key={step} className="flex gap-3">
            <span className="grid size-6 shrink-0 place-items-center rounded-full bg-brand-50 text-xs font-semibold text-brand-700" aria-hidden="true">
              {index + 1}
            </span>
            <span className="pt-0.5 text-slate-700">{step}</span>
          </li>
        ))}
      </ol>
      {requiredFields.length > 0 ? (
        <div>
          <p className="font-medium text-slate-800">{t(`kinds.${kind}.requiredFieldsTitle`)}</p>
          <ul className="mt-2 flex flex-wrap gap-1.5" aria-label={t(`kinds.${kind}.requiredFieldsTitle`)}>
            {requiredFields.map((field) => (
              <li key={field} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700">
                {field}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
