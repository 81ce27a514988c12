"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { toast } from "sonner";
import { Button, type ButtonProps } from "~/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "~/components/ui/dialog";
import { useTRPC } from "~/trpc/react";
import { useAdminErrorMessage } from "./use-admin-error";

/** Suspend (after confirming) or reactivate a tenant; refreshes every console view of it. */
export function TenantStatusAction({ tenant, size = "sm" }: { tenant: { id: string; name: string; status: "ACTIVE" | "SUSPENDED" }; size?: ButtonProps["size"] }) {
  const t = useTranslations("admin");
  const common = useTranslations("common");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorMessage = useAdminErrorMessage();
  const setStatus = useMutation(
    trpc.admin.setTenantStatus.mutationOptions({
      onSettled: () =>
        Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.admin.listTenants.queryKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.admin.tenantDetail.queryKey({ tenantId: tenant.id }) }),
          queryClient.invalidateQueries({ queryKey: trpc.admin.auditLog.pathKey() }),
        ]),
    }),
  );

  async function change(status: "ACTIVE" | "SUSPENDED") {
    try {
      await setStatus.mutateAsync({ tenantId: tenant.id, status });
      toast.success(t("statusChanged", { tenant: tenant.name, status: t(status) }));
    } catch (error) {
      toast.error(errorMessage(error));
    }
  }

  if (tenant.status === "SUSPENDED") {
    return (
      <Button variant="secondary" size={size} disabled={setStatus.isPending} onClick={() => void change("ACTIVE")}>
        {t("reactivate")}
      </Button>
    );
  }
  return (
    <Dialog>
      <DialogTrigger asChild>
        <Button variant="secondary" size={size} disabled={setStatus.isPending}>
          {t("suspend")}
        </Button>
      </DialogTrigger>
      <DialogContent title={`${t("suspend")}: ${tenant.name}`} description={t("suspendConfirm")}>
        <div className="flex justify-end gap-2">
          <DialogClose asChild>
            <Button variant="secondary">{common("cancel")}</Button>
          </DialogClose>
          <DialogClose asChild>
            <Button variant="destructive" onClick={() => void change("SUSPENDED")}>
              {t("suspend")}
            </Button>
          </DialogClose>
        </div>
      </DialogContent>
    </Dialog>
  );
}
