"use client";

import { useQuery } from "@tanstack/react-query";
import { usePathname, useRouter } from "next/navigation";
import { useState } from "react";
import { Label, NativeSelect } from "~/components/ui/input";
import { cn } from "~/lib/utils";
import { useTRPC } from "~/trpc/react";

/**
 * A list page's filters, kept in the URL too (`?tenant=…&action=…`), so a view can be
 * shared or reloaded. `toParams` names each filter's query parameter; empty ones are left out.
 */
export function useUrlFilters<F>(initial: F, toParams: (filters: F) => Record<string, string | undefined>): [F, (next: F) => void] {
  const router = useRouter();
  const pathname = usePathname();
  const [filters, setFilters] = useState<F>(initial);
  function update(next: F) {
    setFilters(next);
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(toParams(next))) if (value) params.set(name, value);
    const query = params.toString();
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  }
  return [filters, update];
}

/**
 * One labelled filter of a filter bar: "any" first, then the options. A value from the URL
 * that is not (or not yet) among the options is still shown, as itself.
 */
export function FilterSelect({
  id,
  label,
  anyLabel,
  value,
  options,
  onChange,
  className = "sm:w-56",
}: {
  id: string;
  label: string;
  anyLabel: string;
  value: string | undefined;
  options: readonly { value: string; label: string }[] | undefined;
  onChange: (value: string | undefined) => void;
  className?: string;
}) {
  return (
    <div className="grid w-full gap-1 sm:w-auto">
      <Label htmlFor={id} className="text-xs text-slate-500">
        {label}
      </Label>
      <NativeSelect id={id} className={cn("h-8 w-full", className)} value={value ?? ""} onChange={(e) => onChange(e.target.value || undefined)}>
        <option value="">{anyLabel}</option>
        {value && !options?.some((o) => o.value === value) ? <option value={value}>{value}</option> : null}
        {options?.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </NativeSelect>
    </div>
  );
}

/** The publisher-account filter of the admin console's lists. */
export function TenantFilterSelect(props: Omit<Parameters<typeof FilterSelect>[0], "options">) {
  const trpc = useTRPC();
  const tenants = useQuery(trpc.admin.listTenants.queryOptions({ search: "" }));
  return <FilterSelect {...props} options={tenants.data?.map((tenant) => ({ value: tenant.id, label: tenant.name }))} />;
}
