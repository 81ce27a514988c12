"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Search } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useDeferredValue, useState } from "react";
import { toast } from "sonner";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "~/components/ui/dialog";
import { Input } from "~/components/ui/input";
import { Table, Td, Th } from "~/components/ui/table";
import { useErrorMessage } from "~/lib/use-error-message";
import { useTRPC } from "~/trpc/react";

export function TenantsTable() {
  const t = useTranslations("admin");
  const common = useTranslations("common");
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const [search, setSearch] = useState("");
  const deferred = useDeferredValue(search);
  const tenants = useQuery({ ...trpc.admin.listTenants.queryOptions({ search: deferred }), placeholderData: keepPreviousData });
  const setStatus = useMutation(
    trpc.admin.setTenantStatus.mutationOptions({
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.admin.listTenants.queryKey() }),
    }),
  );

  async function change(tenant: { id: string; name: string }, status: "ACTIVE" | "SUSPENDED") {
    try {
      await setStatus.mutateAsync({ tenantId: tenant.id, status });
      toast.success(t("statusChanged", { tenant: tenant.name, status: t(status) }));
    } catch (error) {
      toast.error(errorMessage(error));
    }
  }

  return (
    <Card>
      <div className="relative border-b border-slate-200 p-4">
        <Search className="pointer-events-none absolute left-7 top-1/2 size-4 -translate-y-1/2 text-slate-400" aria-hidden="true" />
        <Input type="search" placeholder={t("search")} aria-label={t("search")} value={search} onChange={(e) => setSearch(e.target.value)} className="max-w-sm pl-9" />
      </div>
      <Table>
        <thead>
          <tr>
            <Th className="pl-6">{t("tenant")}</Th>
            <Th>{t("status")}</Th>
            <Th>{t("members")}</Th>
            <Th className="hidden md:table-cell">{t("created")}</Th>
            <Th className="pr-6" />
          </tr>
        </thead>
        <tbody>
          {tenants.isPending ? (
            <tr><Td colSpan={5} className="pl-6 text-slate-500">{common("loading")}</Td></tr>
          ) : tenants.data?.length === 0 ? (
            <tr><Td colSpan={5} className="pl-6 text-slate-500">{t("noTenants")}</Td></tr>
          ) : (
            tenants.data?.map((tenant) => (
              <tr key={tenant.id} data-testid={`tenant-${tenant.slug}`}>
                <Td className="pl-6">
                  <div className="font-medium">{tenant.name}</div>
                  <div className="text-xs text-slate-500">{tenant.slug}</div>
                </Td>
                <Td>
                  <Badge variant={tenant.status === "ACTIVE" ? "success" : "warning"}>{t(tenant.status)}</Badge>
                </Td>
                <Td>{format.number(tenant.memberCount)}</Td>
                <Td className="hidden text-slate-500 md:table-cell">{format.dateTime(tenant.createdAt, { dateStyle: "medium" })}</Td>
                <Td className="pr-6 text-right">
                  {tenant.status === "ACTIVE" ? (
                    <Dialog>
                      <DialogTrigger asChild>
                        <Button variant="secondary" size="sm">{t("suspend")}</Button>
                      </DialogTrigger>
                      <DialogContent title={`${t("suspend")}: ${tenant.name}`} description={t("suspendConfirm")}>
                        <div className="flex justify-end gap-2">
                          <DialogClose asChild><Button variant="secondary">{common("cancel")}</Button></DialogClose>
                          <DialogClose asChild>
                            <Button variant="destructive" onClick={() => void change(tenant, "SUSPENDED")}>{t("suspend")}</Button>
                          </DialogClose>
                        </div>
                      </DialogContent>
                    </Dialog>
                  ) : (
                    <Button variant="secondary" size="sm" onClick={() => void change(tenant, "ACTIVE")}>{t("reactivate")}</Button>
                  )}
                </Td>
              </tr>
            ))
          )}
        </tbody>
      </Table>
    </Card>
  );
}
