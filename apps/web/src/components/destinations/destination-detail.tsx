"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { ArrowLeft, KeyRound } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { CopyField } from "~/components/copy-field";
import { PageHeader } from "~/components/page-header";
import { Button } from "~/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "~/components/ui/card";
import { useTRPC } from "~/trpc/react";
import { DeliveriesLog } from "./deliveries-log";
import { DestinationMenu, StateToggleButton } from "./destination-actions";
import { DestinationForm } from "./destination-form";
import { forgetGeneratedSecrets, peekGeneratedSecrets } from "./generated-secrets";
import { destinationSummary, HealthDetails } from "./health";
import { KindIcon } from "./kind-icon";
import { SetupGuide } from "./setup-guide";
import { DestinationStateBadge } from "./status-badges";
import { SendTestLeadButton, TestLeadOutcome, useSendTestLead } from "./test-lead";

/** One destination: test it, see its health and deliveries, change its settings. */
export function DestinationDetailView({ id, canManage }: { id: string; canManage: boolean }) {
  const t = useTranslations("destinations");
  const trpc = useTRPC();
  const router = useRouter();
  // Health moves with every delivery the worker makes: keep it fresh while the page is open.
  const { data: destination } = useSuspenseQuery({ ...trpc.destinations.get.queryOptions({ id }), refetchInterval: 15_000 });
  const { data: kinds } = useSuspenseQuery(trpc.destinations.kinds.queryOptions());
  const test = useSendTestLead(id);
  const [generated, setGenerated] = useState(() => peekGeneratedSecrets(id));
  useEffect(() => () => forgetGeneratedSecrets(id), [id]);

  const backHref = destination.offer ? `/offers/${destination.offer.id}` : "/offers";
  const kindLabel = t.has(`kinds.${destination.kind}.label`) ? t(`kinds.${destination.kind}.label`) : destination.kindLabel;

  return (
    <>
      <Link href={backHref} className="mb-3 inline-flex items-center gap-1.5 text-sm text-slate-500 hover:text-slate-800">
        <ArrowLeft className="size-4" aria-hidden="true" />
        {destination.offer ? t("detail.backToOffer", { title: destination.offer.title }) : t("detail.backToOffers")}
      </Link>
      <PageHeader
        title={destination.name}
        description={`${kindLabel} · ${destination.offer ? t("detail.forOffer", { ref: `${destination.offer.publisherId}.${destination.offer.offerId}` }) : t("detail.isDefault")}`}
        actions={
          canManage ? (
            <div className="flex flex-wrap items-center gap-2">
              <SendTestLeadButton onClick={() => void test.send()} pending={test.pending} />
              <StateToggleButton destination={destination} />
              <DestinationMenu destination={destination} showEdit={false} onDeleted={() => router.push(backHref)} />
            </div>
          ) : null
        }
      />

      <div className="grid grid-cols-1 gap-6">
        {generated ? (
          <Card className="border-amber-300 bg-amber-50/50" role="region" aria-label={t("detail.generatedTitle")}>
            <CardHeader>
              <CardTitle className="flex items-center gap-2">
                <KeyRound className="size-4 text-amber-700" aria-hidden="true" />
                {t("detail.generatedTitle")}
              </CardTitle>
              <CardDescription>{t("detail.generatedBody")}</CardDescription>
            </CardHeader>
            <CardContent className="grid gap-3">
              {Object.entries(generated).map(([field, value]) => (
                <div key={field} className="grid gap-1.5">
                  <span className="text-sm font-medium">{t.has(`fields.${destination.kind}.${field}.label`) ? t(`fields.${destination.kind}.${field}.label`) : field}</span>
                  <CopyField value={value} label={field} />
                </div>
              ))}
              <div>
                <Button
                  variant="secondary"
                  size="sm"
                  onClick={() => {
                    forgetGeneratedSecrets(id);
                    setGenerated(null);
                  }}
                >
                  {t("detail.generatedDone")}
                </Button>
              </div>
            </CardContent>
          </Card>
        ) : null}

        {test.run ? <TestLeadOutcome run={test.run} onDismiss={test.clear} /> : null}

        <div className="grid grid-cols-1 gap-6 lg:grid-cols-5">
          <div className="grid min-w-0 grid-cols-1 content-start gap-6 lg:col-span-3">
            <Card>
              <CardHeader className="flex-row items-start gap-3">
                <KindIcon kind={destination.kind} />
                <div className="grid min-w-0 flex-1 gap-1">
                  <CardTitle className="flex flex-wrap items-center gap-2">
                    {t("detail.health")}
                    <DestinationStateBadge state={destination.state} />
                  </CardTitle>
                  <CardDescription className="truncate">{destinationSummary(destination)}</CardDescription>
                </div>
              </CardHeader>
              <CardContent className="grid gap-4">
                <p className="text-sm text-slate-600">{t(`stateExplain.${destination.state}`)}</p>
                <HealthDetails destination={destination} />
              </CardContent>
            </Card>

            <Card>
              <CardHeader>
                <CardTitle>{t("deliveries.title")}</CardTitle>
                <CardDescription>{t("deliveries.description")}</CardDescription>
              </CardHeader>
              <CardContent>
                <DeliveriesLog destination={destination} canManage={canManage} />
              </CardContent>
            </Card>
          </div>

          <div className="grid min-w-0 grid-cols-1 content-start gap-6 lg:col-span-2">
            <Card id="settings">
              <CardHeader>
                <CardTitle>{t("detail.settings")}</CardTitle>
                <CardDescription>{canManage ? t("detail.settingsDescription") : t("detail.settingsReadOnly")}</CardDescription>
              </CardHeader>
              <CardContent>
                {canManage ? (
                  <DestinationForm mode="edit" kind={destination.kind} destination={destination} onSaved={() => undefined} />
                ) : (
                  <p className="break-words font-mono text-sm text-slate-700">{destinationSummary(destination)}</p>
                )}
              </CardContent>
            </Card>
            <Card>
              <CardContent className="pt-6">
                <SetupGuide kind={destination.kind} info={kinds.find((k) => k.kind === destination.kind)} />
              </CardContent>
            </Card>
          </div>
        </div>
      </div>
    </>
  );
}
