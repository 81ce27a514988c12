"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { AlertTriangle, CheckCircle2, FileUp, Upload } from "lucide-react";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { toast } from "sonner";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "~/components/ui/dialog";
import { Label, NativeSelect } from "~/components/ui/input";
import { Table, Td, Th } from "~/components/ui/table";
import type { RouterOutputs } from "./types";
import { useTRPC } from "~/trpc/react";
import { useLeadLabels } from "./lead-labels";
import { useLeadErrorMessage } from "./use-lead-error";

type ImportResult = RouterOutputs["leads"]["importCsv"];

/** The server's limit (5 MB); checked here too so a big file fails before it is sent. */
const MAX_BYTES = 5 * 1024 * 1024;

export function ImportCsvDialog({ offers, defaultOpen = false }: { offers: { id: string; title: string }[]; defaultOpen?: boolean }) {
  const t = useTranslations("leads.import");
  const common = useTranslations("common");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorMessage = useLeadErrorMessage();
  const fileInput = useRef<HTMLInputElement>(null);
  const [open, setOpen] = useState(defaultOpen);
  const [file, setFile] = useState<{ name: string; csv: string } | null>(null);
  const [offerId, setOfferId] = useState("");
  const [preview, setPreview] = useState<ImportResult | null>(null);
  const [report, setReport] = useState<ImportResult | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const importCsv = useMutation(trpc.leads.importCsv.mutationOptions());

  const reset = () => {
    setFile(null);
    setPreview(null);
    setReport(null);
    setProblem(null);
    setOfferId("");
    if (fileInput.current) fileInput.current.value = "";
  };

  const check = async (next: { name: string; csv: string }, offer: string) => {
    setProblem(null);
    setPreview(null);
    try {
      setPreview(
        await importCsv.mutateAsync({ csv: next.csv, preview: true, offerId: offer || undefined }),
      );
    } catch (error) {
      setProblem(errorMessage(error));
    }
  };

  const onFile = async (selected: File | undefined) => {
    setReport(null);
    if (!selected) return;
    if (selected.size > MAX_BYTES) {
      setFile(null);
      setPreview(null);
      setProblem(t("tooBig"));
      return;
    }
    const next = { name: selected.name, csv: await selected.text() };
    setFile(next);
    if (!next.csv.trim()) {
      setPreview(null);
      setProblem(t("emptyFile"));
      return;
    }
    await check(next, offerId);
  };

  const runImport = async () => {
    if (!file) return;
    try {
      const result = await importCsv.mutateAsync({
        csv: file.csv,
        preview: false,
        offerId: offerId || undefined,
      });
      setReport(result);
      setPreview(null);
      await queryClient.invalidateQueries({ queryKey: trpc.leads.list.pathKey() });
      const stored = (result.imported?.created ?? 0) + (result.imported?.merged ?? 0);
      toast.success(t("toast", { count: stored }));
    } catch (error) {
      setProblem(errorMessage(error));
    }
  };

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) reset();
      }}
    >
      <DialogTrigger asChild>
        <Button variant="secondary">
          <Upload aria-hidden="true" />
          {t("button")}
        </Button>
      </DialogTrigger>
      <DialogContent
        title={t("title")}
        description={t("description")}
        className="max-h-[92dvh] max-w-3xl overflow-y-auto"
      >
        <div className="grid gap-4">
          {!report ? (
            <div className="grid gap-3 sm:grid-cols-[1fr_16rem] sm:items-end">
              <div className="grid gap-1.5">
                <Label htmlFor="import-file">{t("file")}</Label>
                <input
                  ref={fileInput}
                  id="import-file"
                  type="file"
                  accept=".csv,text/csv"
                  className="block w-full text-sm text-slate-600 file:mr-3 file:rounded-md file:border file:border-slate-200 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-slate-800 hover:file:bg-slate-50"
                  onChange={(event) => void onFile(event.target.files?.[0])}
                />
              </div>
              <div className="grid gap-1.5">
                <Label htmlFor="import-offer">{t("offer")}</Label>
                <NativeSelect
                  id="import-offer"
                  value={offerId}
                  onChange={(event) => {
                    setOfferId(event.target.value);
                    if (file) void check(file, event.target.value);
                  }}
                >
                  <option value="">{t("offerFromFile")}</option>
                  {offers.map((offer) => (
                    <option key={offer.id} value={offer.id}>
                      {offer.title}
                    </option>
                  ))}
                </NativeSelect>
              </div>
              <p className="text-xs text-slate-500 sm:col-span-2">{t("hint")}</p>
            </div>
          ) : null}

          {problem ? (
            <div
              role="alert"
              className="flex gap-2 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700"
            >
              <AlertTriangle className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
              {problem}
            </div>
          ) : null}
          {importCsv.isPending && !preview ? (
            <p className="text-sm text-slate-500">{t("checking")}</p>
          ) : null}

          {preview ? <Preview result={preview} /> : null}
          {report ? <Report result={report} fileName={file?.name ?? ""} /> : null}

          <div className="flex flex-wrap justify-end gap-2">
            {report ? (
              <>
                <Button variant="secondary" onClick={reset}>
                  {t("another")}
                </Button>
                <DialogClose asChild>
                  <Button>{t("close")}</Button>
                </DialogClose>
              </>
            ) : (
              <>
                <DialogClose asChild>
                  <Button variant="secondary">{common("cancel")}</Button>
                </DialogClose>
                <Button
                  disabled={!preview || preview.validRows === 0 || importCsv.isPending}
                  onClick={() => void runImport()}
                >
                  <FileUp aria-hidden="true" />
                  {importCsv.isPending && preview
                    ? t("importing")
                    : preview?.validRows
                      ? t("import", { count: preview.validRows })
                      : t("nothingToImport")}
                </Button>
              </>
            )}
          </div>
        </div>
      </DialogContent>
    </Dialog>
  );
}

function Preview({ result }: { result: ImportResult }) {
  const t = useTranslations("leads.import");
  const labels = useLeadLabels();
  const mapped = Object.entries(result.columns.mapped);
  return (
    <div className="grid gap-4" data-testid="import-preview">
      <p className="text-sm text-slate-700" aria-live="polite">
        {t("summary", {
          total: result.totalRows,
          valid: result.validRows,
          invalid: result.invalidRows,
        })}
      </p>
      <div className="grid gap-1.5 text-xs">
        <span className="font-medium text-slate-500">{t("columns")}</span>
        <div className="flex flex-wrap gap-1.5">
          {mapped.map(([header, field]) => (
            <Badge key={header} variant="brand" title={field}>
              {header} → {field}
            </Badge>
          ))}
          {result.columns.extra.map((header) => (
            <Badge key={header} title={t("extraHint")}>
              {header} · {t("extra")}
            </Badge>
          ))}
          {result.columns.skipped.map((header) => (
            <Badge
              key={header}
              className="bg-white text-slate-400 ring-1 ring-slate-200"
              title={t("skippedHint")}
            >
              {header} · {t("skipped")}
            </Badge>
          ))}
        </div>
      </div>
      {result.errors.length > 0 ? (
        <RowErrors title={t("errorsTitle", { count: result.invalidRows })} rows={result.errors} />
      ) : null}
      {result.sample.length > 0 ? (
        <div className="grid gap-1.5">
          <span className="text-xs font-medium text-slate-500">
            {t("sampleTitle", { count: result.sample.length, valid: result.validRows })}
          </span>
          <div className="rounded-lg border border-slate-200">
            <Table>
              <thead>
                <tr>
                  <Th className="w-12">{t("row")}</Th>
                  <Th>{t("name")}</Th>
                  <Th className="hidden sm:table-cell">{t("email")}</Th>
                  <Th className="hidden sm:table-cell">{t("company")}</Th>
                  <Th>{t("action")}</Th>
                </tr>
              </thead>
              <tbody>
                {result.sample.map(({ row, lead }) => (
                  <tr key={row}>
                    <Td className="py-2 tabular-nums text-slate-500">{row}</Td>
                    <Td className="py-2">
                      {[lead.customer.firstName, lead.customer.lastName]
                        .filter(Boolean)
                        .join(" ") || "—"}
                    </Td>
                    <Td className="hidden py-2 sm:table-cell">{lead.customer.email ?? "—"}</Td>
                    <Td className="hidden py-2 sm:table-cell">{lead.customer.company ?? "—"}</Td>
                    <Td className="py-2 text-xs text-slate-600">
                      {lead.action ? labels.actionShort(lead.action) : "—"}
                    </Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          </div>
        </div>
      ) : null}
    </div>
  );
}

function RowErrors({
  title,
  rows,
}: {
  title: string;
  rows: { row: number; errors: { field: string; message: string }[] }[];
}) {
  const t = useTranslations("leads.import");
  return (
    <div className="grid gap-1.5" data-testid="import-errors">
      <span className="flex items-center gap-1.5 text-xs font-medium text-red-700">
        <AlertTriangle className="size-3.5" aria-hidden="true" />
        {title}
      </span>
      <ul className="max-h-48 overflow-y-auto rounded-lg border border-red-100 bg-red-50/50 text-sm">
        {rows.flatMap(({ row, errors }) =>
          errors.map((error, index) => (
            <li
              key={`${row}-${index}`}
              className="flex gap-3 border-b border-red-100 px-3 py-1.5 last:border-0"
            >
              <span className="w-16 shrink-0 tabular-nums text-slate-500">
                {t("rowN", { row })}
              </span>
              <span className="w-24 shrink-0 font-mono text-xs leading-5 text-slate-600">
                {error.field}
              </span>
              <span className="min-w-0 break-words text-slate-800">{error.message}</span>
            </li>
          )),
        )}
      </ul>
    </div>
  );
}

function Report({ result, fileName }: { result: ImportResult; fileName: string }) {
  const t = useTranslations("leads.import");
  const imported = result.imported ?? { created: 0, merged: 0, duplicate: 0 };
  const items = [
    { key: "created", value: imported.created, tone: "text-emerald-700" },
    { key: "merged", value: imported.merged, tone: "text-sky-700" },
    { key: "duplicate", value: imported.duplicate, tone: "text-slate-600" },
    {
      key: "invalid",
      value: result.invalidRows,
      tone: result.invalidRows ? "text-red-700" : "text-slate-600",
    },
    {
      key: "failed",
      value: result.failed.length,
      tone: result.failed.length ? "text-red-700" : "text-slate-600",
    },
  ] as const;
  return (
    <div className="grid gap-4" data-testid="import-report">
      <div className="flex items-start gap-2 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
        <CheckCircle2 className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
        <span>{t("reportTitle", { file: fileName, total: result.totalRows })}</span>
      </div>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5">
        {items.map((item) => (
          <div key={item.key} className="rounded-lg border border-slate-200 px-3 py-2">
            <dt className="text-xs text-slate-500">{t(`report.${item.key}`)}</dt>
            <dd className={`text-xl font-semibold tabular-nums ${item.tone}`}>{item.value}</dd>
          </div>
        ))}
      </dl>
      {result.errors.length > 0 ? (
        <RowErrors title={t("notImported", { count: result.invalidRows })} rows={result.errors} />
      ) : null}
      {result.failed.length > 0 ? (
        <RowErrors title={t("failedTitle", { count: result.failed.length })} rows={result.failed} />
      ) : null}
    </div>
  );
}
