"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { ArrowLeft, CircleAlert, CircleCheck } from "lucide-react";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { AddDestinationButton, DestinationList } from "~/components/destinations/destination-list";
import { PageHeader } from "~/components/page-header";
import { Badge } from "~/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "~/components/ui/card";
import { useTRPC } from "~/trpc/react";
import { CaptureUrlPanel, PartnerCenterSteps } from "../capture-url";
import { OfferDialog } from "../offer-dialog";
import { requirementReason } from "../offer-rules";
import { DefaultOwnerCard } from "./default-owner-card";

/** One offer: its rule and readiness, its capture URL with the Partner Center steps, and its destinations. */
export function OfferDetail({ id, canManage }: { id: string; canManage: boolean }) {
  const t = useTranslations("offers");
  const format = useFormatter();
  const trpc = useTRPC();
  const { data: offer } = useSuspenseQuery(trpc.offers.get.queryOptions({ id }));
  const { data: own } = useSuspenseQuery(trpc.destinations.list.queryOptions({ offerId: id }));
  const { data: defaults } = useSuspenseQuery(trpc.destinations.list.queryOptions({ offerId: null }));
  const reason = requirementReason(offer);

  return (
    <>
      <Link href="/offers" className="mb-3 inline-flex items-center gap-1.5 text-sm text-slate-500 hover:text-slate-800">
        <ArrowLeft className="size-4" aria-hidden="true" />
        {t("back")}
      </Link>
      <PageHeader
        title={offer.title}
        description={`${offer.ref} · ${t(`types.${offer.type}`)}`}
        actions={canManage ? <OfferDialog offer={offer} /> : null}
      />

      <div className="grid grid-cols-1 gap-6">
        <section className="grid gap-4 sm:grid-cols-3" aria-label={t("statusTitle")}>
          <Card className="p-4">
            <p className="text-xs font-medium uppercase tracking-wide text-slate-500">{t("columns.required")}</p>
            <p className="mt-2">{offer.destinationRequired ? <Badge variant="warning">{t("required")}</Badge> : <Badge>{t("optional")}</Badge>}</p>
            <p className="mt-2 text-sm text-slate-600">{reason ? t(`rule.${reason}`) : offer.destinationRequirement ?? t("rule.optional")}</p>
          </Card>
          <Card className="p-4">
            <p className="text-xs font-medium uppercase tracking-wide text-slate-500">{t("columns.ready")}</p>
            <p className="mt-2 flex items-center gap-2">
              {offer.ready ? (
                <>
                  <CircleCheck className="size-4 text-emerald-600" aria-hidden="true" />
                  <Badge variant="success" data-testid="offer-ready">{t("ready")}</Badge>
                </>
              ) : (
                <>
                  <CircleAlert className="size-4 text-amber-600" aria-hidden="true" />
                  <Badge variant={offer.destinationRequired ? "danger" : "default"} data-testid="offer-ready">{t("notReady")}</Badge>
                </>
              )}
            </p>
            <p className="mt-2 text-sm text-slate-600">
              {offer.ready
                ? offer.activeDestinationCount > 0
                  ? t("readyDestinations", { count: offer.activeDestinationCount })
                  : t("readyVerified")
                : t("notReadyExplain")}
            </p>
          </Card>
          <Card className="p-4">
            <p className="text-xs font-medium uppercase tracking-wide text-slate-500">{t("leads")}</p>
            <p className="mt-2 text-2xl font-semibold">{format.number(offer.leadCount)}</p>
            <p className="mt-1 text-sm text-slate-600">
              <Link href={`/leads?offer=${encodeURIComponent(offer.id)}`} className="text-brand-700 hover:underline">
                {t("openInbox")}
              </Link>
            </p>
          </Card>
        </section>

        <DefaultOwnerCard offer={offer} canManage={canManage} />

        <Card>
          <CardHeader>
            <CardTitle>{t("captureTitle")}</CardTitle>
            <CardDescription>{t("captureDescription")}</CardDescription>
          </CardHeader>
          <CardContent className="grid grid-cols-1 gap-6 lg:grid-cols-2">
            <CaptureUrlPanel offerId={offer.id} canManage={canManage} />
            <div>
              <h3 className="mb-3 text-sm font-semibold">{t("partnerCenterTitle")}</h3>
              <PartnerCenterSteps scope="offer" />
            </div>
          </CardContent>
        </Card>

        <Card>
          <CardHeader className="flex-row flex-wrap items-start justify-between gap-3">
            <div className="grid gap-1">
              <CardTitle>{t("offerDestinationsTitle")}</CardTitle>
              <CardDescription>{t("offerDestinationsDescription")}</CardDescription>
              <p className="text-sm text-slate-600">
                {own.length > 0 ? t("ownExplain") : t("defaultsExplain", { count: defaults.length })}{" "}
                {own.length === 0 ? (
                  <Link href="/offers#defaults" className="text-brand-700 hover:underline">
                    {t("seeDefaults")}
                  </Link>
                ) : null}
              </p>
              <p className="text-xs text-slate-500">{t("keptAlways")}</p>
            </div>
            {canManage ? <AddDestinationButton offerId={offer.id} /> : null}
          </CardHeader>
          <CardContent>
            <DestinationList offerId={offer.id} canManage={canManage} empty={t("offerDestinationsEmpty")} />
          </CardContent>
        </Card>
      </div>
    </>
  );
}
