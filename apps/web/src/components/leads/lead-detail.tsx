"use client";

import { useQuery } from "@tanstack/react-query";
import { ArrowLeft, FlaskConical, LifeBuoy, ShieldOff } from "lucide-react";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { Badge } from "~/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "~/components/ui/card";
import { LeadFollowUpPanel } from "~/components/follow-up/lead-follow-up-panel";
import { useTRPC } from "~/trpc/react";
import { LeadDeliveries } from "./lead-deliveries";
import {
  AbsoluteTime,
  PrivacyBadge,
  RelativeTime,
  StageBadge,
  TestBadge,
  useLeadLabels,
  useLeadName,
} from "./lead-labels";
import { TouchpointTimeline } from "./touchpoint-timeline";
import type { LeadDetail as LeadDetailData } from "./types";
import { errorReason, useLeadErrorMessage } from "./use-lead-error";

const CUSTOMER_FIELDS = [
  "firstName",
  "lastName",
  "email",
  "phone",
  "company",
  "title",
  "country",
] as const;
/** Fields Microsoft withholds for .edu customers (and Leadrelay removes for the tenant's own privacy domains). */
const REDACTED_FIELDS = new Set(["firstName", "lastName", "email", "phone", "title"]);

export function LeadDetail({ id }: { id: string }) {
  const t = useTranslations("leadDetail");
  const trpc = useTRPC();
  const errorMessage = useLeadErrorMessage();
  const lead = useQuery(trpc.leads.get.queryOptions({ id }));

  if (lead.isPending) return <DetailSkeleton />;
  if (lead.isError) {
    const notFound =
      errorReason(lead.error) === "leadNotFound" ||
      (lead.error as { data?: { code?: string } }).data?.code === "NOT_FOUND";
    return (
      <div className="grid gap-4">
        <BackLink />
        <Card className="px-6 py-12 text-center" role="alert">
          <h1 className="text-lg font-semibold">
            {notFound ? t("notFoundTitle") : t("loadFailed")}
          </h1>
          <p className="mt-1 text-sm text-slate-500">
            {notFound ? t("notFoundBody") : errorMessage(lead.error)}
          </p>
        </Card>
      </div>
    );
  }
  return <LeadView lead={lead.data} />;
}

function BackLink() {
  const t = useTranslations("leadDetail");
  return (
    <Link
      href="/leads"
      className="inline-flex w-fit items-center gap-1.5 text-sm text-slate-500 hover:text-slate-900"
    >
      <ArrowLeft className="size-4" aria-hidden="true" />
      {t("back")}
    </Link>
  );
}

function LeadView({ lead }: { lead: LeadDetailData }) {
  const t = useTranslations("leadDetail");
  const leadName = useLeadName();
  const name = leadName(lead);
  const subtitle = [lead.title, lead.company].filter(Boolean).join(" · ");

  return (
    <div className="grid gap-6">
      <div className="grid gap-3">
        <BackLink />
        <div className="flex flex-wrap items-start justify-between gap-4">
          <div className="min-w-0">
            <h1
              className="break-words text-2xl font-semibold tracking-tight"
              data-testid="lead-name"
            >
              {name}
            </h1>
            {subtitle ? (
              <p className="mt-1 break-words text-sm text-slate-500">{subtitle}</p>
            ) : null}
            <div className="mt-3 flex flex-wrap items-center gap-2">
              <StageBadge stage={lead.funnelStage} />
              {lead.isTest ? <TestBadge /> : null}
              {lead.isPrivacyRedacted ? <PrivacyBadge /> : null}
              <Badge>{t("touchpoints", { count: lead.touchpointCount })}</Badge>
            </div>
          </div>
          <div className="text-sm text-slate-500 sm:text-right">
            <div>
              {t.rich("lastReceived", {
                when: () => (
                  <RelativeTime date={lead.lastReceivedAt} className="font-medium text-slate-700" />
                ),
              })}
            </div>
            <div className="text-xs">
              {t.rich("firstReceived", {
                when: () => <AbsoluteTime date={lead.firstReceivedAt} />,
              })}
            </div>
          </div>
        </div>
      </div>

      {lead.isTest ? <TestBanner lead={lead} /> : null}
      {lead.isPrivacyRedacted ? <PrivacyBanner reason={lead.privacyReason} /> : null}

      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="grid min-w-0 gap-6">
          <CustomerCard lead={lead} />
          <TouchpointTimeline touchpoints={lead.touchpoints} redacted={lead.isPrivacyRedacted} />
          <LeadDeliveries deliveries={lead.deliveries} />
          <Card>
            <CardHeader>
              <CardTitle>{t("followUp")}</CardTitle>
              <CardDescription>{t("followUpHint")}</CardDescription>
            </CardHeader>
            <CardContent>
              <LeadFollowUpPanel leadId={lead.id} />
            </CardContent>
          </Card>
        </div>
        <div className="grid min-w-0 gap-6">
          <MarketplaceCard lead={lead} />
        </div>
      </div>
    </div>
  );
}

function TestBanner({ lead }: { lead: LeadDetailData }) {
  const t = useTranslations("leadDetail");
  const token = [lead.firstName, lead.lastName, lead.email, lead.company]
    .find((value) => value?.startsWith("MSFT_TEST"))
    ?.split("@")[0];
  return (
    <div
      role="note"
      className="flex gap-3 rounded-xl border border-amber-200 bg-amber-50 p-4 text-sm text-amber-900"
      data-testid="test-banner"
    >
      <FlaskConical className="mt-0.5 size-5 shrink-0 text-amber-600" aria-hidden="true" />
      <div>
        <p className="font-semibold">{t("testTitle")}</p>
        <p className="mt-1">{t("testBody", { token: token ?? "MSFT_TEST" })}</p>
      </div>
    </div>
  );
}

/** The `.edu` rule (or the tenant's own privacy domains), in plain words. */
function PrivacyBanner({ reason }: { reason: string | null }) {
  const t = useTranslations("leadDetail");
  const edu = reason ? /\.edu domain \(([^)]+)\)/u.exec(reason) : null;
  const tenantDomain = reason && !edu ? /email domain (\S+) is on/u.exec(reason) : null;
  return (
    <div
      role="note"
      className="flex gap-3 rounded-xl border border-slate-300 bg-slate-50 p-4 text-sm text-slate-800"
      data-testid="privacy-banner"
    >
      <ShieldOff className="mt-0.5 size-5 shrink-0 text-slate-600" aria-hidden="true" />
      <div className="grid gap-1.5">
        <p className="font-semibold">{t("privacyTitle")}</p>
        <p>
          {edu
            ? t("privacyEdu", { domain: edu[1]! })
            : tenantDomain
              ? t("privacyTenant", { domain: tenantDomain[1]! })
              : t("privacyGeneric")}
        </p>
        <p>{t("privacyKept")}</p>
        <p className="text-slate-500">{t("privacyEmail")}</p>
      </div>
    </div>
  );
}

function CustomerCard({ lead }: { lead: LeadDetailData }) {
  const t = useTranslations("leadDetail");
  const fields = useTranslations("leads.add.field");
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("customer")}</CardTitle>
      </CardHeader>
      <CardContent>
        <dl className="grid gap-x-6 gap-y-4 sm:grid-cols-2" data-testid="customer-info">
          {CUSTOMER_FIELDS.map((field) => {
            const value = lead[field];
            const withheld = lead.isPrivacyRedacted && REDACTED_FIELDS.has(field);
            return (
              <div key={field} className="min-w-0">
                <dt className="text-xs font-medium text-slate-500">{fields(field)}</dt>
                <dd className="mt-0.5 break-words text-sm text-slate-900">
                  {value ? (
                    field === "email" ? (
                      <a href={`mailto:${value}`} className="text-brand-700 hover:underline">
                        {value}
                      </a>
                    ) : field === "phone" ? (
                      <a href={`tel:${value.replace(/[^\d+]/gu, "")}`} className="hover:underline">
                        {value}
                      </a>
                    ) : (
                      value
                    )
                  ) : withheld ? (
                    <span className="italic text-slate-400">{t("withheld")}</span>
                  ) : (
                    <span className="text-slate-400">—</span>
                  )}
                </dd>
              </div>
            );
          })}
        </dl>
        {lead.description ? (
          <div className="mt-5 border-t border-slate-100 pt-4">
            <div className="text-xs font-medium text-slate-500">{fields("description")}</div>
            <p className="mt-1 whitespace-pre-wrap break-words text-sm text-slate-800">
              {lead.description}
            </p>
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}

function MarketplaceCard({ lead }: { lead: LeadDetailData }) {
  const t = useTranslations("leadDetail");
  const labels = useLeadLabels();
  const format = useFormatter();
  const offerRef = lead.offer ? `${lead.offer.publisherId}.${lead.offer.offerId}` : lead.offerRef;
  const offerTitle = lead.offer?.title ?? lead.offerTitle;
  const leadSource = `${lead.source ?? "?"}-${lead.action ?? "?"}|${offerRef ?? offerTitle ?? "?"}`;
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("marketplace")}</CardTitle>
        <CardDescription>{t("marketplaceHint")}</CardDescription>
      </CardHeader>
      <CardContent>
        <dl className="grid gap-4 text-sm">
          <div>
            <dt className="text-xs font-medium text-slate-500">{t("source")}</dt>
            <dd className="mt-0.5">
              <span className="font-medium text-slate-900">{labels.source(lead.source)}</span>
              {lead.source ? (
                <code className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">
                  {lead.source}
                </code>
              ) : null}
              {lead.source && !labels.sourceKnown(lead.source) ? (
                <p className="mt-1 text-xs text-amber-700">{t("unknownSource")}</p>
              ) : null}
            </dd>
          </div>
          <div>
            <dt className="text-xs font-medium text-slate-500">{t("action")}</dt>
            <dd className="mt-0.5">
              <span className="font-medium text-slate-900">{labels.actionShort(lead.action)}</span>
              {lead.action ? (
                <code className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">
                  {lead.action}
                </code>
              ) : null}
              <p className="mt-1 text-xs text-slate-500">{labels.actionMeaning(lead.action)}</p>
            </dd>
          </div>
          <div>
            <dt className="text-xs font-medium text-slate-500">{t("stage")}</dt>
            <dd className="mt-1">
              <StageBadge stage={lead.funnelStage} />
              <p className="mt-1 text-xs text-slate-500">{labels.stageHint(lead.funnelStage)}</p>
            </dd>
          </div>
          <div>
            <dt className="text-xs font-medium text-slate-500">{t("offer")}</dt>
            <dd className="mt-0.5 min-w-0">
              {offerTitle || offerRef ? (
                <>
                  <div className="break-words font-medium text-slate-900">
                    {offerTitle ?? offerRef}
                  </div>
                  {offerRef ? (
                    <code className="break-all text-xs text-slate-600">{offerRef}</code>
                  ) : null}
                  {!lead.offer ? (
                    <p className="mt-1 text-xs text-amber-700">{t("offerNotYours")}</p>
                  ) : null}
                </>
              ) : (
                <span className="text-slate-400">{t("noOffer")}</span>
              )}
            </dd>
          </div>
          <div>
            <dt className="text-xs font-medium text-slate-500">{t("leadSource")}</dt>
            <dd className="mt-1">
              <code className="block break-all rounded-md bg-slate-900 px-2.5 py-1.5 font-mono text-xs text-slate-100">
                {leadSource}
              </code>
              <p className="mt-1 text-xs text-slate-500">{t("leadSourceHint")}</p>
            </dd>
          </div>
          <div className="flex justify-between gap-3 border-t border-slate-100 pt-3 text-xs text-slate-500">
            <span>{t("updated")}</span>
            <span className="text-right">
              {format.dateTime(lead.updatedAt, { dateStyle: "medium", timeStyle: "short" })}
            </span>
          </div>
        </dl>
        <Link
          href={`/leads/diagnostics${lead.offer ? `?offer=${lead.offer.id}` : ""}`}
          className="mt-4 inline-flex items-center gap-1.5 text-xs font-medium text-brand-700 hover:underline"
        >
          <LifeBuoy className="size-3.5" aria-hidden="true" />
          {t("diagnostics")}
        </Link>
      </CardContent>
    </Card>
  );
}

function DetailSkeleton() {
  return (
    <div className="grid gap-6" aria-busy="true">
      <div className="grid gap-3">
        <div className="h-4 w-24 animate-pulse rounded bg-slate-200" />
        <div className="h-8 w-72 animate-pulse rounded bg-slate-200" />
        <div className="h-5 w-48 animate-pulse rounded bg-slate-100" />
      </div>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="grid gap-6">
          <div className="h-56 animate-pulse rounded-xl border border-slate-200 bg-white" />
          <div className="h-72 animate-pulse rounded-xl border border-slate-200 bg-white" />
        </div>
        <div className="h-96 animate-pulse rounded-xl border border-slate-200 bg-white" />
      </div>
    </div>
  );
}
