"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { BadgeCheck, Hourglass, Link2, RefreshCw } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { CopyField } from "~/components/copy-field";
import { useDestinationErrorMessage } from "~/components/destinations/use-destination-error";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Dialog, DialogClose, DialogContent } from "~/components/ui/dialog";
import { useTRPC } from "~/trpc/react";

/** The capture URL of an offer (or the tenant-wide one, `offerId` null): copy, verified badge, rotate. */
export function CaptureUrlPanel({ offerId, canManage }: { offerId: string | null; canManage: boolean }) {
  const t = useTranslations("captureUrls");
  const common = useTranslations("common");
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorMessage = useDestinationErrorMessage();
  const { data: endpoints } = useSuspenseQuery(trpc.captureEndpoints.list.queryOptions());
  const endpoint = endpoints.find((e) => (offerId ? e.offer?.id === offerId : e.scope === "tenant"));
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.captureEndpoints.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.offers.pathKey() }),
    ]);
  const create = useMutation(trpc.captureEndpoints.create.mutationOptions({ onSettled: refresh }));
  const rotate = useMutation(trpc.captureEndpoints.rotate.mutationOptions({ onSettled: refresh }));
  const [confirmRotate, setConfirmRotate] = useState(false);
  const label = offerId ? t("offerUrlLabel") : t("tenantUrlLabel");

  if (!endpoint) {
    return (
      <div className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-dashed border-slate-300 p-4 text-sm">
        <p className="text-slate-600">{canManage ? t("none") : t("noneMember")}</p>
        {canManage ? (
          <Button
            size="sm"
            disabled={create.isPending}
            onClick={async () => {
              try {
                await create.mutateAsync({ offerId });
                toast.success(t("createdToast"));
              } catch (error) {
                toast.error(errorMessage(error));
              }
            }}
          >
            <Link2 aria-hidden="true" />
            {t("create")}
          </Button>
        ) : null}
      </div>
    );
  }

  return (
    <div className="grid gap-3" data-testid={offerId ? "offer-capture-url" : "tenant-capture-url"}>
      <div className="flex flex-wrap items-center gap-2">
        {endpoint.verifiedAt ? (
          <Badge variant="success" className="gap-1" data-testid="capture-verified">
            <BadgeCheck className="size-3.5" aria-hidden="true" />
            {t("verified", { when: format.dateTime(endpoint.verifiedAt, { dateStyle: "medium", timeStyle: "short" }) })}
          </Badge>
        ) : (
          <Badge variant="warning" className="gap-1">
            <Hourglass className="size-3.5" aria-hidden="true" />
            {t("waiting")}
          </Badge>
        )}
        <span className="text-xs text-slate-500">
          {endpoint.lastLeadAt ? t("lastLead", { when: format.dateTime(endpoint.lastLeadAt, { dateStyle: "medium", timeStyle: "short" }) }) : t("noLeadYet")}
        </span>
      </div>
      {endpoint.url ? (
        <CopyField value={endpoint.url} label={label} />
      ) : (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{t("unreadable")}</p>
      )}
      {canManage ? (
        <div>
          <Button variant="ghost" size="sm" className="text-slate-600" onClick={() => setConfirmRotate(true)}>
            <RefreshCw aria-hidden="true" />
            {t("rotate")}
          </Button>
          <Dialog open={confirmRotate} onOpenChange={setConfirmRotate}>
            <DialogContent title={t("rotateTitle")} description={t("rotateBody")}>
              <div className="flex justify-end gap-2">
                <DialogClose asChild>
                  <Button variant="secondary">{common("cancel")}</Button>
                </DialogClose>
                <Button
                  variant="destructive"
                  disabled={rotate.isPending}
                  onClick={async () => {
                    try {
                      await rotate.mutateAsync({ id: endpoint.id });
                      setConfirmRotate(false);
                      toast.success(t("rotated"));
                    } catch (error) {
                      toast.error(errorMessage(error));
                    }
                  }}
                >
                  {t("rotateConfirm")}
                </Button>
              </div>
            </DialogContent>
          </Dialog>
        </div>
      ) : null}
    </div>
  );
}

/** Where the URL goes in Partner Center, step by step. */
export function PartnerCenterSteps({ scope }: { scope: "offer" | "tenant" }) {
  const t = useTranslations("captureUrls.steps");
  const keys = ["open", "choose", "paste", "test"] as const;
  return (
    <ol className="grid gap-2.5 text-sm">
      {keys.map((key, index) => (
        <li key={key} className="flex gap-3">
          <span className="grid size-6 shrink-0 place-items-center rounded-full bg-brand-50 text-xs font-semibold text-brand-700" aria-hidden="true">
            {index + 1}
          </span>
          <span className="pt-0.5 text-slate-700">{t(`${scope}.${key}`)}</span>
        </li>
      ))}
    </ol>
  );
}
