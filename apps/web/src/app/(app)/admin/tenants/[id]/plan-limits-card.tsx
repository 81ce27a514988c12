"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "~/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "~/components/ui/card";
import { Input, Label } from "~/components/ui/input";
import { useTRPC } from "~/trpc/react";
import { useAdminErrorMessage } from "../../use-admin-error";

const toInput = (value: number | null) => (value === null ? "" : String(value));
const fromInput = (value: string) => (value.trim() === "" ? null : Number(value));

/** Per-tenant rate limits; an empty field means the platform default. */
export function PlanLimitsCard(props: { tenantId: string; captureRateLimitPerMinute: number | null; apiRateLimitPerMinute: number | null }) {
  const t = useTranslations("planLimits");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorMessage = useAdminErrorMessage();
  const [capture, setCapture] = useState(toInput(props.captureRateLimitPerMinute));
  const [api, setApi] = useState(toInput(props.apiRateLimitPerMinute));
  const save = useMutation(
    trpc.admin.updatePlanLimits.mutationOptions({
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.admin.tenantDetail.queryKey({ tenantId: props.tenantId }) }),
    }),
  );
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
        <CardDescription>{t("description")}</CardDescription>
      </CardHeader>
      <CardContent>
        <form
          className="flex flex-wrap items-end gap-4"
          onSubmit={async (event) => {
            event.preventDefault();
            try {
              await save.mutateAsync({ tenantId: props.tenantId, captureRateLimitPerMinute: fromInput(capture), apiRateLimitPerMinute: fromInput(api) });
              toast.success(t("saved"));
            } catch (error) {
              toast.error(errorMessage(error));
            }
          }}
        >
          <div className="grid gap-1.5">
            <Label htmlFor="capture-limit">{t("capture")}</Label>
            <Input id="capture-limit" type="number" min={1} inputMode="numeric" placeholder={t("default", { value: 600 })} value={capture} onChange={(e) => setCapture(e.target.value)} className="w-48" />
          </div>
          <div className="grid gap-1.5">
            <Label htmlFor="api-limit">{t("api")}</Label>
            <Input id="api-limit" type="number" min={1} inputMode="numeric" placeholder={t("default", { value: 600 })} value={api} onChange={(e) => setApi(e.target.value)} className="w-48" />
          </div>
          <Button type="submit" disabled={save.isPending}>{t("save")}</Button>
        </form>
      </CardContent>
    </Card>
  );
}
