"use client";

import { useMutation } from "@tanstack/react-query";
import { ChevronDown, Download } from "lucide-react";
import { useTranslations } from "next-intl";
import { toast } from "sonner";
import { Button } from "~/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuTrigger,
} from "~/components/ui/dropdown-menu";
import { useTRPC } from "~/trpc/react";
import { filtersToInput, type LeadFilters } from "./use-lead-filters";
import { useLeadErrorMessage } from "./use-lead-error";

/** Saves text as a file in the browser, without a round trip through a URL. */
function download(content: string, filename: string, mimeType: string) {
  // A BOM lets Excel open UTF-8 CSV with names such as "Пётр" intact.
  const blob = new Blob([mimeType === "text/csv" ? "\uFEFF" : "", content], {
    type: `${mimeType};charset=utf-8`,
  });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Exports the filtered inbox (not just the loaded page) as CSV or JSON. */
export function ExportButton({ filters, disabled }: { filters: LeadFilters; disabled: boolean }) {
  const t = useTranslations("leads.export");
  const trpc = useTRPC();
  const errorMessage = useLeadErrorMessage();
  const exportLeads = useMutation(trpc.leads.export.mutationOptions());

  const run = async (format: "csv" | "json") => {
    try {
      const result = await exportLeads.mutateAsync({ ...filtersToInput(filters), format });
      download(result.content, result.filename, result.mimeType);
      if (result.truncated) toast.warning(t("truncated", { count: result.count }));
      else toast.success(t("done", { count: result.count }));
    } catch (error) {
      toast.error(errorMessage(error));
    }
  };

  return (
    <div className="flex">
      <Button
        variant="secondary"
        className="rounded-r-none"
        disabled={disabled || exportLeads.isPending}
        onClick={() => void run("csv")}
      >
        <Download aria-hidden="true" />
        {exportLeads.isPending ? t("working") : t("csv")}
      </Button>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button
            variant="secondary"
            size="icon"
            className="-ml-px w-8 rounded-l-none"
            disabled={disabled || exportLeads.isPending}
            aria-label={t("more")}
          >
            <ChevronDown aria-hidden="true" />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end">
          <DropdownMenuItem onSelect={() => void run("csv")}>{t("asCsv")}</DropdownMenuItem>
          <DropdownMenuItem onSelect={() => void run("json")}>{t("asJson")}</DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
    </div>
  );
}
