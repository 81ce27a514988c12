"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { BadgeCheck, CircleAlert, CircleCheck, Hourglass, Waypoints } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { AddDestinationButton, DestinationList } from "~/components/destinations/destination-list";
import type { OfferView } from "~/components/destinations/types";
import { Badge } from "~/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "~/components/ui/card";
import { Table, Td, Th } from "~/components/ui/table";
import { useTRPC } from "~/trpc/react";
import { CaptureUrlPanel, PartnerCenterSteps } from "./capture-url";
import { OfferDialog } from "./offer-dialog";
import { requirementReason } from "./offer-rules";

/** The offers with their rule and readiness, the tenant-wide capture URL, and the default destinations. */
export function OffersOverview({ canManage }: { canManage: boolean }) {
  const t = useTranslations("offers");
  const trpc = useTRPC();
  const { data: offers } = useSuspenseQuery(trpc.offers.list.queryOptions());

  return (
    <div className="grid grid-cols-1 gap-6">
      <Card>
        <CardHeader className="flex-row flex-wrap items-start justify-between gap-3">
          <div className="grid gap-1">
            <CardTitle>{t("listTitle")}</CardTitle>
            <CardDescription>{t("listDescription")}</CardDescription>
          </div>
        </CardHeader>
        <CardContent className={offers.length > 0 ? "px-0" : undefined}>
          {offers.length === 0 ? (
            <div className="grid place-items-center rounded-lg border border-dashed border-slate-300 px-6 py-10 text-center">
              <span className="grid size-11 place-items-center rounded-full bg-brand-50 text-brand-600">
                <Waypoints className="size-5" aria-hidden="true" />
              </span>
              <p className="mt-3 font-medium">{t("emptyTitle")}</p>
              <p className="mt-1 max-w-md text-sm text-slate-500">{t("emptyBody")}</p>
              {canManage ? (
                <div className="mt-4">
                  <OfferDialog />
                </div>
              ) : null}
            </div>
          ) : (
            <OffersTable offers={offers} />
          )}
        </CardContent>
      </Card>

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>{t("tenantUrlTitle")}</CardTitle>
            <CardDescription>{t("tenantUrlDescription")}</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-5">
            <CaptureUrlPanel offerId={null} canManage={canManage} />
            <PartnerCenterSteps scope="tenant" />
          </CardContent>
        </Card>

        <Card id="defaults" className="scroll-mt-20">
          <CardHeader className="flex-row flex-wrap items-start justify-between gap-3">
            <div className="grid gap-1">
              <CardTitle>{t("defaultsTitle")}</CardTitle>
              <CardDescription>{t("defaultsDescription")}</CardDescription>
            </div>
            {canManage ? <AddDestinationButton offerId={null} /> : null}
          </CardHeader>
          <CardContent>
            <DestinationList offerId={null} canManage={canManage} empty={t("defaultsEmpty")} />
          </CardContent>
        </Card>
      </div>

      <Card>
        <CardHeader>
          <CardTitle>{t("ruleTitle")}</CardTitle>
          <CardDescription>{t("ruleDescription")}</CardDescription>
        </CardHeader>
        <CardContent>
          <ul className="grid gap-2 text-sm text-slate-700 sm:grid-cols-2">
            {(["saasContactMe", "d365ceContactMe", "d365Operations", "businessCentral", "consulting", "testDrive"] as const).map((key) => (
              <li key={key} className="flex gap-2">
                <CircleAlert className="mt-0.5 size-4 shrink-0 text-amber-600" aria-hidden="true" />
                {t(`ruleList.${key}`)}
              </li>
            ))}
            <li className="flex gap-2 sm:col-span-2">
              <CircleCheck className="mt-0.5 size-4 shrink-0 text-slate-400" aria-hidden="true" />
              {t("ruleList.others")}
            </li>
          </ul>
        </CardContent>
      </Card>
    </div>
  );
}

function OffersTable({ offers }: { offers: OfferView[] }) {
  const t = useTranslations("offers");
  const trpc = useTRPC();
  const { data: endpoints } = useSuspenseQuery(trpc.captureEndpoints.list.queryOptions());
  const { data: destinations } = useSuspenseQuery(trpc.destinations.list.queryOptions());
  return (
    <Table>
      <thead>
        <tr>
          <Th className="pl-6">{t("columns.offer")}</Th>
          <Th className="hidden md:table-cell">{t("columns.type")}</Th>
          <Th>{t("columns.required")}</Th>
          <Th className="hidden sm:table-cell">{t("columns.destinations")}</Th>
          <Th className="hidden lg:table-cell">{t("columns.captureUrl")}</Th>
          <Th className="pr-6">{t("columns.ready")}</Th>
        </tr>
      </thead>
      <tbody>
        {offers.map((offer) => {
          const reason = requirementReason(offer);
          const own = destinations.filter((d) => d.offerId === offer.id).length;
          const endpoint = endpoints.find((e) => e.offer?.id === offer.id);
          return (
            <tr key={offer.id} data-testid={`offer-${offer.ref}`}>
              <Td className="pl-6">
                <Link href={`/offers/${offer.id}`} className="font-medium text-slate-900 hover:underline">
                  {offer.title}
                </Link>
                <div className="break-all font-mono text-xs text-slate-500">{offer.ref}</div>
                <div className="text-xs text-slate-500 md:hidden">{t(`types.${offer.type}`)}</div>
              </Td>
              <Td className="hidden text-slate-700 md:table-cell">{t(`types.${offer.type}`)}</Td>
              <Td className="max-w-64">
                {offer.destinationRequired ? <Badge variant="warning">{t("required")}</Badge> : <Badge>{t("optional")}</Badge>}
                <p className="mt-1 text-xs text-slate-500">
                  {reason ? t(`rule.${reason}`) : offer.destinationRequirement ?? t("rule.optional")}
                </p>
              </Td>
              <Td className="hidden text-slate-700 sm:table-cell">
                {own > 0 ? (
                  t("ownDestinations", { count: own })
                ) : (
                  <span className="text-slate-500">{offer.activeDestinationCount > 0 ? t("usesDefaults", { count: offer.activeDestinationCount }) : t("noDestinations")}</span>
                )}
              </Td>
              <Td className="hidden lg:table-cell">
                {endpoint?.verifiedAt ? (
                  <Badge variant="success" className="gap-1">
                    <BadgeCheck className="size-3.5" aria-hidden="true" />
                    {t("captureVerified")}
                  </Badge>
                ) : endpoint ? (
                  <Badge className="gap-1">
                    <Hourglass className="size-3.5" aria-hidden="true" />
                    {t("captureWaiting")}
                  </Badge>
                ) : (
                  <span className="text-xs text-slate-500">{t("captureNone")}</span>
                )}
              </Td>
              <Td className="pr-6">
                {offer.ready ? (
                  <Badge variant="success" title={t("readyExplain")}>{t("ready")}</Badge>
                ) : (
                  <Badge variant={offer.destinationRequired ? "danger" : "default"} title={t("notReadyExplain")}>
                    {t("notReady")}
                  </Badge>
                )}
              </Td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
