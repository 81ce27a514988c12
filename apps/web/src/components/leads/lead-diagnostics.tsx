"use client";

import { useQuery } from "@tanstack/react-query";
import {
  AlertTriangle,
  ArrowLeft,
  CheckCircle2,
  ChevronRight,
  CircleDashed,
  Info,
  XCircle,
} from "lucide-react";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { PageHeader } from "~/components/page-header";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "~/components/ui/card";
import { Label, NativeSelect } from "~/components/ui/input";
import { Table, Td, Th } from "~/components/ui/table";
import { cn } from "~/lib/utils";
import { useTRPC } from "~/trpc/react";
import { CaptureUrlSetup } from "./capture-url-setup";
import { RelativeTime } from "./lead-labels";
import type { LeadDiagnostics as Diagnostics } from "./types";
import { useLeadErrorMessage } from "./use-lead-error";

type Tone = "ok" | "warn" | "bad" | "idle";

const TONE_ICON = {
  ok: CheckCircle2,
  warn: AlertTriangle,
  bad: XCircle,
  idle: CircleDashed,
} as const;
const TONE_CLASS: Record<Tone, string> = {
  ok: "text-emerald-600",
  warn: "text-amber-600",
  bad: "text-red-600",
  idle: "text-slate-400",
};

/** "Why am I not seeing leads?" for one offer, or for leads tied to no offer (`none`). */
export function LeadDiagnostics({
  offerParam,
  offers,
  canManage,
}: {
  offerParam: string;
  offers: { id: string; title: string; ref: string }[];
  canManage: boolean;
}) {
  const t = useTranslations("leadDiagnostics");
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const errorMessage = useLeadErrorMessage();
  const offerId = offerParam === "none" ? null : offerParam;
  const diagnostics = useQuery(trpc.leads.diagnostics.queryOptions({ offerId }));

  return (
    <>
      <Link
        href="/leads"
        className="mb-3 inline-flex items-center gap-1.5 text-sm text-slate-500 hover:text-slate-900"
      >
        <ArrowLeft className="size-4" aria-hidden="true" />
        {t("back")}
      </Link>
      <PageHeader
        title={t("title")}
        description={t("subtitle")}
        actions={
          <div className="grid w-full gap-1 sm:w-72">
            <Label htmlFor="diagnostics-offer" className="text-xs text-slate-500">
              {t("offer")}
            </Label>
            <NativeSelect
              id="diagnostics-offer"
              value={offerParam}
              onChange={(event) =>
                router.replace(`${pathname}?offer=${encodeURIComponent(event.target.value)}`)
              }
            >
              {offers.map((offer) => (
                <option key={offer.id} value={offer.id}>
                  {offer.title} ({offer.ref})
                </option>
              ))}
              <option value="none">{t("noOffer")}</option>
            </NativeSelect>
          </div>
        }
      />
      {diagnostics.isPending ? (
        <div className="grid gap-6" aria-busy="true">
          <div className="h-40 animate-pulse rounded-xl border border-slate-200 bg-white" />
          <div className="h-80 animate-pulse rounded-xl border border-slate-200 bg-white" />
        </div>
      ) : diagnostics.isError ? (
        <Card role="alert" className="px-6 py-10 text-center text-sm text-red-700">
          {errorMessage(diagnostics.error)}
        </Card>
      ) : (
        <DiagnosticsView
          data={diagnostics.data}
          offerId={offerId}
          canManage={canManage}
          noOffers={offers.length === 0}
        />
      )}
    </>
  );
}

function DiagnosticsView({
  data,
  offerId,
  canManage,
  noOffers,
}: {
  data: Diagnostics;
  offerId: string | null;
  canManage: boolean;
  noOffers: boolean;
}) {
  const t = useTranslations("leadDiagnostics");
  const format = useFormatter();
  const inbox = (params: Record<string, string>) =>
    `/leads?${new URLSearchParams({ ...(offerId ? { offer: offerId } : { offer: "none" }), ...params }).toString()}`;
  const rejections = data.recentRejections;
  const inactive = data.destinations.applicable - data.destinations.active;

  const steps: string[] = [];
  if (!data.capture.configured) steps.push(t("next.createUrl"));
  else if (!data.capture.verified) steps.push(t("next.pasteUrl"));
  if (rejections.length > 0) steps.push(t("next.rejections"));
  if (data.capture.verified && !data.lastRealLeadAt) steps.push(t("next.waitReal"));
  if (data.destinations.required && data.destinations.active === 0 && !data.capture.verified)
    steps.push(t("next.required"));
  if (inactive > 0) steps.push(t("next.fixDestination"));
  if (noOffers && !offerId) steps.push(t("next.addOffer"));

  const checks: { key: string; tone: Tone; title: string; body: React.ReactNode }[] = [
    {
      key: "url",
      tone: data.capture.configured ? "ok" : "bad",
      title: data.capture.configured ? t("check.urlYes") : t("check.urlNo"),
      body: (
        <div className="grid gap-2">
          <p>
            {offerId
              ? data.capture.offerEndpoint
                ? t("check.urlOffer")
                : t("check.urlTenantOnly")
              : t("check.urlTenant")}
          </p>
          <CaptureUrlSetup canManage={canManage} offerId={offerId} />
        </div>
      ),
    },
    {
      key: "verified",
      tone: data.capture.verified ? "ok" : data.capture.configured ? "warn" : "idle",
      title: data.capture.verifiedAt
        ? t("check.verifiedYes", {
            when: format.dateTime(data.capture.verifiedAt, {
              dateStyle: "medium",
              timeStyle: "short",
            }),
          })
        : t("check.verifiedNo"),
      body: data.capture.verified ? (
        <p>
          {t("check.verifiedBody")}{" "}
          <Link
            className="font-medium text-brand-700 hover:underline"
            href={inbox({ q: "MSFT_TEST", test: "1" })}
          >
            {t("check.findTest")}
          </Link>
        </p>
      ) : (
        <p>{t("check.verifiedHow")}</p>
      ),
    },
    {
      key: "real",
      tone: data.lastRealLeadAt ? "ok" : "idle",
      title: data.lastRealLeadAt ? t("check.realYes") : t("check.realNo"),
      body: data.lastRealLeadAt ? (
        <p>
          <RelativeTime date={data.lastRealLeadAt} className="font-medium text-slate-800" /> ·{" "}
          <Link className="font-medium text-brand-700 hover:underline" href={inbox({})}>
            {t("check.openInbox")}
          </Link>
        </p>
      ) : (
        <p>{t("check.realHow")}</p>
      ),
    },
    {
      key: "test",
      tone: data.lastTestLeadAt ? "ok" : "idle",
      title: data.lastTestLeadAt ? t("check.testYes") : t("check.testNo"),
      body: data.lastTestLeadAt ? (
        <RelativeTime date={data.lastTestLeadAt} className="font-medium text-slate-800" />
      ) : (
        <p>{t("check.testHow")}</p>
      ),
    },
    {
      key: "rejections",
      tone: rejections.length > 0 ? "bad" : "ok",
      title:
        rejections.length > 0
          ? t("check.rejectedYes", { count: rejections.length })
          : t("check.rejectedNo"),
      body: <p>{rejections.length > 0 ? t("check.rejectedBody") : t("check.rejectedNone")}</p>,
    },
    {
      key: "destinations",
      tone: inactive > 0 ? "warn" : data.destinations.active > 0 ? "ok" : "idle",
      title:
        data.destinations.applicable === 0
          ? t("check.destinationsNone")
          : t("check.destinationsSome", {
              active: data.destinations.active,
              total: data.destinations.applicable,
            }),
      body: (
        <p>
          {data.destinations.applicable === 0
            ? t("check.destinationsNoneBody")
            : inactive > 0
              ? t("check.destinationsInactive", { count: inactive })
              : t("check.destinationsOk")}{" "}
          <Link className="font-medium text-brand-700 hover:underline" href="/offers">
            {t("check.manageDestinations")}
          </Link>
        </p>
      ),
    },
  ];

  return (
    <div className="grid gap-6">
      {data.offer ? (
        <p className="-mt-4 text-sm text-slate-500">
          {data.offer.title} · <code className="text-xs">{data.offer.ref}</code>
        </p>
      ) : null}
      <Card
        className={cn(steps.length === 0 ? "border-emerald-200" : "border-amber-200")}
        data-testid="next-steps"
      >
        <CardHeader>
          <CardTitle>{steps.length === 0 ? t("allGood") : t("nextSteps")}</CardTitle>
          {steps.length === 0 ? <CardDescription>{t("allGoodBody")}</CardDescription> : null}
        </CardHeader>
        {steps.length > 0 ? (
          <CardContent>
            <ol className="grid list-decimal gap-2 pl-5 text-sm text-slate-700">
              {steps.map((step) => (
                <li key={step}>{step}</li>
              ))}
            </ol>
          </CardContent>
        ) : null}
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>{t("checklist")}</CardTitle>
        </CardHeader>
        <CardContent className="px-0">
          <ul className="divide-y divide-slate-100">
            {checks.map((check) => {
              const Icon = TONE_ICON[check.tone];
              return (
                <li
                  key={check.key}
                  className="grid grid-cols-[1.5rem_1fr] gap-3 px-6 py-4"
                  data-testid={`check-${check.key}`}
                >
                  <Icon
                    className={cn("mt-0.5 size-5", TONE_CLASS[check.tone])}
                    aria-label={t(`tone.${check.tone}`)}
                  />
                  <div className="min-w-0 text-sm text-slate-600">
                    <p className="font-medium text-slate-900">{check.title}</p>
                    <div className="mt-1">{check.body}</div>
                  </div>
                </li>
              );
            })}
          </ul>
        </CardContent>
      </Card>

      {rejections.length > 0 ? <Rejections rejections={rejections} /> : null}
    </div>
  );
}

function Rejections({ rejections }: { rejections: Diagnostics["recentRejections"] }) {
  const t = useTranslations("leadDiagnostics");
  const format = useFormatter();
  return (
    <Card data-testid="rejections">
      <CardHeader>
        <CardTitle>{t("rejections")}</CardTitle>
        <CardDescription>{t("rejectionsHint")}</CardDescription>
      </CardHeader>
      <CardContent className="px-0">
        <Table>
          <thead>
            <tr>
              <Th className="pl-6">{t("when")}</Th>
              <Th>{t("status")}</Th>
              <Th className="pr-6">{t("reason")}</Th>
            </tr>
          </thead>
          <tbody>
            {rejections.map((rejection) => {
              const hintKey = `statusHint.${rejection.httpStatus}` as const;
              return (
                <tr key={rejection.id} className="align-top">
                  <Td className="whitespace-nowrap pl-6 text-xs text-slate-600">
                    {format.dateTime(rejection.receivedAt, {
                      dateStyle: "medium",
                      timeStyle: "medium",
                    })}
                  </Td>
                  <Td>
                    <span className="rounded bg-red-50 px-1.5 py-0.5 font-mono text-xs font-medium text-red-700">
                      {rejection.httpStatus}
                    </span>
                  </Td>
                  <Td className="min-w-64 pr-6 text-sm">
                    <p className="break-words text-slate-900">{rejection.reason}</p>
                    {t.has(hintKey) ? (
                      <p className="mt-1 flex gap-1.5 text-xs text-slate-500">
                        <Info className="mt-0.5 size-3.5 shrink-0" aria-hidden="true" />
                        {t(hintKey)}
                      </p>
                    ) : null}
                    {rejection.bodyExcerpt ? (
                      <details className="group mt-2">
                        <summary className="flex cursor-pointer select-none items-center gap-1 text-xs font-medium text-slate-600 [&::-webkit-details-marker]:hidden">
                          <ChevronRight
                            className="size-3.5 transition-transform group-open:rotate-90"
                            aria-hidden="true"
                          />
                          {t("body")}
                        </summary>
                        <pre className="mt-1 max-h-60 overflow-auto whitespace-pre-wrap break-all rounded-md bg-slate-950 p-3 font-mono text-xs text-slate-100">
                          {rejection.bodyExcerpt}
                        </pre>
                      </details>
                    ) : null}
                  </Td>
                </tr>
              );
            })}
          </tbody>
        </Table>
      </CardContent>
    </Card>
  );
}
