"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { CheckCircle2, Link2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { toast } from "sonner";
import { CopyField } from "~/components/copy-field";
import { Button } from "~/components/ui/button";
import { useTRPC } from "~/trpc/react";
import { AbsoluteTime } from "./lead-labels";
import { useLeadErrorMessage } from "./use-lead-error";

/**
 * The capture URLs to paste into Partner Center, with a copy button; owners and admins
 * can create the account-wide one right here (per-offer URLs live on the offers page).
 */
export function CaptureUrlSetup({
  canManage,
  offerId = null,
}: {
  canManage: boolean;
  offerId?: string | null;
}) {
  const t = useTranslations("leads.capture");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorMessage = useLeadErrorMessage();
  const endpoints = useQuery(trpc.captureEndpoints.list.queryOptions());
  const create = useMutation(
    trpc.captureEndpoints.create.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.captureEndpoints.list.queryKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.leads.diagnostics.queryKey() });
      },
    }),
  );

  if (endpoints.isPending)
    return <div className="h-9 animate-pulse rounded-md bg-slate-100" aria-hidden="true" />;
  if (endpoints.isError)
    return <p className="text-sm text-red-700">{errorMessage(endpoints.error)}</p>;

  const shown = endpoints.data.filter((endpoint) =>
    offerId ? endpoint.offer?.id === offerId || endpoint.scope === "tenant" : true,
  );
  return (
    <div className="grid gap-3">
      {shown.map((endpoint) => (
        <div
          key={endpoint.id}
          className="grid gap-1.5"
          data-testid={`capture-url-${endpoint.scope}`}
        >
          <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-500">
            <Link2 className="size-3.5" aria-hidden="true" />
            <span className="font-medium text-slate-700">
              {endpoint.offer ? t("forOffer", { offer: endpoint.offer.title }) : t("tenantWide")}
            </span>
            {endpoint.verifiedAt ? (
              <span className="inline-flex items-center gap-1 text-emerald-700">
                <CheckCircle2 className="size-3.5" aria-hidden="true" />
                {t.rich("verified", { when: () => <AbsoluteTime date={endpoint.verifiedAt!} /> })}
              </span>
            ) : (
              <span>{t("notVerified")}</span>
            )}
          </div>
          {endpoint.url ? (
            <CopyField value={endpoint.url} label={t("urlLabel")} />
          ) : (
            <p className="text-sm text-red-700">{t("unreadable")}</p>
          )}
        </div>
      ))}
      {!shown.some((endpoint) => endpoint.scope === (offerId ? "offer" : "tenant")) ? (
        canManage ? (
          <div>
            <Button
              type="button"
              size="sm"
              disabled={create.isPending}
              onClick={async () => {
                try {
                  await create.mutateAsync({ offerId });
                  toast.success(t("created"));
                } catch (error) {
                  toast.error(errorMessage(error));
                }
              }}
            >
              <Link2 aria-hidden="true" />
              {offerId ? t("createForOffer") : t("create")}
            </Button>
          </div>
        ) : shown.length === 0 ? (
          <p className="text-sm text-slate-500">{t("askAdmin")}</p>
        ) : null
      ) : null}
    </div>
  );
}
