"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { KeyRound } from "lucide-react";
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { z } from "zod";
import { serverFieldErrors } from "~/components/destinations/use-destination-error";
import { Button } from "~/components/ui/button";
import { Field } from "~/components/ui/field";
import { Input, NativeSelect } from "~/components/ui/input";
import { useErrorMessage } from "~/lib/use-error-message";
import { useTRPC } from "~/trpc/react";
import type { TableImport } from "./types";

export const INTERVALS = [5, 15, 30, 60, 360, 1440] as const;
const DEFAULT_TABLE = "MarketplaceLeads";

interface FormValues {
  name: string;
  connectionString: string;
  tableName: string;
  offerId: string;
  intervalMinutes: string;
}

type Props = {
  offers: { id: string; title: string }[];
  onDone: () => void;
  onCancel: () => void;
} & ({ mode: "create" } | { mode: "edit"; tableImport: TableImport });

/** Add or change an import: the connection string is a password field, and when editing it is only replaced if typed again. */
export function TableImportForm(props: Props) {
  const t = useTranslations("imports.form");
  const common = useTranslations("common");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const editing = props.mode === "edit";
  const current = editing ? props.tableImport : null;
  const [rootError, setRootError] = useState<string | null>(null);

  const schema = useMemo(
    () =>
      z.object({
        name: z.string().trim().min(1, t("nameRequired")).max(100, t("nameTooLong")),
        connectionString: editing ? z.string().trim() : z.string().trim().min(1, t("connectionStringRequired")),
        tableName: z
          .string()
          .trim()
          .regex(/^[A-Za-z][A-Za-z0-9]{2,62}$/u, t("tableNameInvalid")),
        offerId: z.string(),
        intervalMinutes: z.string(),
      }),
    [t, editing],
  );

  const form = useForm<FormValues>({
    resolver: zodResolver(schema),
    defaultValues: {
      name: current?.name ?? t("defaultName"),
      connectionString: "",
      tableName: current?.tableName ?? DEFAULT_TABLE,
      offerId: current?.offerId ?? "",
      intervalMinutes: String(current?.intervalMinutes ?? 15),
    },
  });
  const { errors, isSubmitting } = form.formState;

  const create = useMutation(trpc.tableImports.create.mutationOptions());
  const update = useMutation(trpc.tableImports.update.mutationOptions());

  const onSubmit = form.handleSubmit(async (values) => {
    setRootError(null);
    const common = {
      name: values.name,
      tableName: values.tableName,
      offerId: values.offerId || null,
      intervalMinutes: Number(values.intervalMinutes),
    };
    try {
      if (props.mode === "create") {
        await create.mutateAsync({ ...common, connectionString: values.connectionString });
        toast.success(t("created"));
      } else {
        await update.mutateAsync({
          id: props.tableImport.id,
          ...common,
          ...(values.connectionString ? { connectionString: values.connectionString } : {}),
        });
        toast.success(t("saved"));
      }
      await queryClient.invalidateQueries({ queryKey: trpc.tableImports.list.pathKey() });
      props.onDone();
    } catch (error) {
      const fields = serverFieldErrors(error);
      let placed = false;
      for (const name of ["name", "connectionString", "tableName", "intervalMinutes"] as const) {
        if (fields[name]) {
          form.setError(name, { message: fields[name] });
          placed = true;
        }
      }
      if (!placed) setRootError(errorMessage(error));
    }
  });

  return (
    <form className="grid gap-4" onSubmit={onSubmit} noValidate>
      <Field id="import-name" label={t("name")} error={errors.name?.message}>
        <Input {...form.register("name")} autoComplete="off" />
      </Field>
      <Field
        id="import-connection-string"
        label={t("connectionString")}
        error={errors.connectionString?.message}
        hint={editing ? t("connectionStringKeep", { account: current?.accountName ?? "—" }) : t("connectionStringHint")}
      >
        <Input
          {...form.register("connectionString")}
          type="password"
          autoComplete="off"
          spellCheck={false}
          placeholder={editing ? t("connectionStringKeepPlaceholder") : "DefaultEndpointsProtocol=https;AccountName=…;AccountKey=…;EndpointSuffix=core.windows.net"}
        />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="import-table" label={t("tableName")} error={errors.tableName?.message} hint={t("tableNameHint")}>
          <Input {...form.register("tableName")} autoComplete="off" spellCheck={false} />
        </Field>
        <Field id="import-interval" label={t("interval")} error={errors.intervalMinutes?.message}>
          <NativeSelect {...form.register("intervalMinutes")}>
            {INTERVALS.map((minutes) => (
              <option key={minutes} value={String(minutes)}>
                {t(`intervals.${minutes}`)}
              </option>
            ))}
            {current && !(INTERVALS as readonly number[]).includes(current.intervalMinutes) ? (
              <option value={String(current.intervalMinutes)}>{t("intervalCustom", { minutes: current.intervalMinutes })}</option>
            ) : null}
          </NativeSelect>
        </Field>
      </div>
      <Field id="import-offer" label={t("offer")} hint={t("offerHint")}>
        <NativeSelect {...form.register("offerId")}>
          <option value="">{t("offerNone")}</option>
          {props.offers.map((offer) => (
            <option key={offer.id} value={offer.id}>
              {offer.title}
            </option>
          ))}
        </NativeSelect>
      </Field>
      <p className="flex items-start gap-2 rounded-lg bg-slate-50 px-3 py-2 text-xs text-slate-600">
        <KeyRound className="mt-0.5 size-3.5 shrink-0 text-slate-400" aria-hidden="true" />
        {t("secretNote")}
      </p>
      {rootError ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {rootError}
        </p>
      ) : null}
      <div className="flex justify-end gap-2">
        <Button type="button" variant="secondary" onClick={props.onCancel}>
          {common("cancel")}
        </Button>
        <Button type="submit" disabled={isSubmitting}>
          {editing ? common("save") : t("create")}
        </Button>
      </div>
    </form>
  );
}
