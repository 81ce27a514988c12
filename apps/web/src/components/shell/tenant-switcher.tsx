"use client";

import { useMutation } from "@tanstack/react-query";
import { Check, ChevronsUpDown, Plus } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "~/components/ui/button";
import { Dialog, DialogContent } from "~/components/ui/dialog";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "~/components/ui/dropdown-menu";
import { Input } from "~/components/ui/input";
import { useErrorMessage } from "~/lib/use-error-message";
import { useTRPC } from "~/trpc/react";

interface TenantOption {
  id: string;
  name: string;
  role: "OWNER" | "ADMIN" | "MEMBER";
}

export function TenantSwitcher({ tenants, activeId }: { tenants: TenantOption[]; activeId: string | null }) {
  const t = useTranslations("nav");
  const roles = useTranslations("roles");
  const trpc = useTRPC();
  const errorMessage = useErrorMessage();
  const [creating, setCreating] = useState(false);
  const switchTenant = useMutation(trpc.account.switchTenant.mutationOptions());
  const active = tenants.find((tenant) => tenant.id === activeId);

  async function choose(tenant: TenantOption) {
    if (tenant.id === activeId) return;
    try {
      await switchTenant.mutateAsync({ tenantId: tenant.id });
      window.location.assign("/leads");
    } catch (error) {
      toast.error(errorMessage(error));
    }
  }

  return (
    <>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <button
            type="button"
            aria-label={t("switchTenant")}
            className="flex w-full items-center gap-2 rounded-lg border border-slate-200 bg-white px-3 py-2 text-left shadow-xs hover:bg-slate-50"
          >
            <span className="grid size-7 shrink-0 place-items-center rounded-md bg-brand-100 text-xs font-semibold text-brand-700">
              {(active?.name ?? "?").slice(0, 1).toUpperCase()}
            </span>
            <span className="min-w-0 flex-1">
              <span className="block truncate text-sm font-medium">{active?.name ?? "—"}</span>
              {active ? <span className="block text-xs text-slate-500">{roles(active.role)}</span> : null}
            </span>
            <ChevronsUpDown className="size-4 text-slate-400" aria-hidden="true" />
          </button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="start" className="w-64">
          <DropdownMenuLabel>{t("switchTenant")}</DropdownMenuLabel>
          {tenants.map((tenant) => (
            <DropdownMenuItem key={tenant.id} onSelect={() => void choose(tenant)}>
              <span className="flex-1 truncate">{tenant.name}</span>
              {tenant.id === activeId ? <Check className="size-4 text-brand-600" aria-label="active" /> : null}
            </DropdownMenuItem>
          ))}
          <DropdownMenuSeparator />
          <DropdownMenuItem onSelect={() => setCreating(true)}>
            <Plus className="size-4" aria-hidden="true" />
            {t("newTenant")}
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      <Dialog open={creating} onOpenChange={setCreating}>
        <DialogContent title={t("newTenant")}>
          <CreateTenantForm onDone={() => setCreating(false)} />
        </DialogContent>
      </Dialog>
    </>
  );
}

export function CreateTenantForm({ onDone }: { onDone?: () => void }) {
  const t = useTranslations("tenant");
  const a = useTranslations("auth");
  const trpc = useTRPC();
  const errorMessage = useErrorMessage();
  const [name, setName] = useState("");
  const create = useMutation(trpc.account.createTenant.mutationOptions());
  return (
    <form
      className="grid gap-3"
      onSubmit={async (event) => {
        event.preventDefault();
        try {
          await create.mutateAsync({ name });
          toast.success(t("created"));
          onDone?.();
          window.location.assign("/settings");
        } catch (error) {
          toast.error(errorMessage(error));
        }
      }}
    >
      <label htmlFor="new-tenant-name" className="text-sm font-medium">
        {a("company")}
      </label>
      <Input id="new-tenant-name" value={name} onChange={(e) => setName(e.target.value)} required minLength={2} autoFocus />
      <Button type="submit" disabled={create.isPending || name.trim().length < 2}>
        {t("create")}
      </Button>
    </form>
  );
}
