"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { KeyRound, Lock, Plus, Trash2, Wand2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useMemo, useState, useTransition } from "react";
import { useFieldArray, useForm, type Resolver } from "react-hook-form";
import { toast } from "sonner";
import { z } from "zod";
import { Button } from "~/components/ui/button";
import { Field } from "~/components/ui/field";
import { Input, Label } from "~/components/ui/input";
import { useTRPC } from "~/trpc/react";
import { SecretInput, Textarea } from "./inputs";
import { generateSigningSecret, HAS_HEADERS, KIND_FIELDS, SALESFORCE_MAPPING_FIELDS, type FieldSpec } from "./kind-fields";
import { parseMarketoEmbedAction } from "./marketo-embed-action";
import { KindWarnings } from "./setup-guide";
import type { DestinationDetail, DestinationKind } from "./types";
import { serverFieldErrors, useDestinationErrorMessage } from "./use-destination-error";

interface HeaderRow {
  name: string;
  value: string;
}

interface FormValues {
  name: string;
  config: Record<string, string | boolean>;
  secrets: Record<string, string>;
  configHeaders: HeaderRow[];
  secretHeaders: HeaderRow[];
  mapping: Record<string, string>;
}

export interface SavedDestination {
  id: string;
  /** Secrets Leadrelay generated (a webhook signing secret left empty): shown once. */
  generatedSecrets: Record<string, string>;
}

type Props =
  | { mode: "create"; kind: DestinationKind; offerId: string | null; onSaved: (saved: SavedDestination) => void; onCancel?: () => void }
  | { mode: "edit"; kind: DestinationKind; destination: DestinationDetail; onSaved: (saved: SavedDestination) => void; onCancel?: () => void };

const asRecord = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

function toText(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (Array.isArray(value)) return value.map(String).join("; ");
  return String(value);
}

function headerRows(value: unknown): HeaderRow[] {
  return Object.entries(asRecord(value)).map(([name, v]) => ({ name, value: toText(v) }));
}

function rowsToRecord(rows: HeaderRow[]): Record<string, string> {
  return Object.fromEntries(rows.filter((row) => row.name.trim() !== "").map((row) => [row.name.trim(), row.value]));
}

function defaultValues(kind: DestinationKind, destination: DestinationDetail | undefined, defaultName: string): FormValues {
  const config = asRecord(destination?.config);
  const values: FormValues = { name: destination?.name ?? defaultName, config: {}, secrets: {}, configHeaders: [], secretHeaders: [], mapping: {} };
  for (const field of KIND_FIELDS[kind]) {
    if (field.group === "secrets") values.secrets[field.name] = "";
    else if (field.input === "checkbox") values.config[field.name] = config[field.name] === true;
    else values.config[field.name] = toText(config[field.name]);
  }
  if (HAS_HEADERS[kind]) values.configHeaders = headerRows(config.headers);
  const mapping = asRecord(config.fieldMapping);
  for (const { field } of SALESFORCE_MAPPING_FIELDS) values.mapping[field] = toText(mapping[field]);
  return values;
}

/** The settings to send: what the form shows, on top of settings it does not show (kept as stored). */
function buildSettings(kind: DestinationKind, values: FormValues, stored: Record<string, unknown>, editing: boolean, replacing: ReadonlySet<string>) {
  const config: Record<string, unknown> = { ...stored };
  // Marketo stores the REST host derived from the Munchkin ID: derive it again if it was the default.
  if (kind === "MARKETO" && config.restBaseUrl === `https://${toText(config.munchkinId)}.mktorest.com`) delete config.restBaseUrl;
  const secrets: Record<string, unknown> = {};
  for (const field of KIND_FIELDS[kind]) {
    if (field.group === "config") {
      const value = values.config[field.name];
      if (field.input === "checkbox") config[field.name] = value === true;
      else {
        const text = toText(value).trim();
        if (text === "") delete config[field.name];
        else config[field.name] = field.input === "number" && /^\d+$/u.test(text) ? Number(text) : text;
      }
    } else {
      const text = (values.secrets[field.name] ?? "").trim();
      if (text !== "" && (!editing || replacing.has(field.name))) secrets[field.name] = text;
    }
  }
  if (HAS_HEADERS[kind]) {
    const headers = rowsToRecord(values.configHeaders);
    if (Object.keys(headers).length > 0) config.headers = headers;
    else delete config.headers;
    const secretHeaders = rowsToRecord(values.secretHeaders);
    if (editing ? replacing.has("headers") : Object.keys(secretHeaders).length > 0) secrets.headers = secretHeaders;
  }
  if (kind === "SALESFORCE") {
    const mapping = Object.fromEntries(Object.entries(values.mapping).map(([k, v]) => [k, v.trim()]).filter(([, v]) => v !== ""));
    if (Object.keys(mapping).length > 0) config.fieldMapping = mapping;
    else delete config.fieldMapping;
  }
  return { config, secrets };
}

/** Create or edit a destination of one kind: its fields, warnings, and the server's answer per field. */
export function DestinationForm(props: Props) {
  const { kind, mode } = props;
  const editing = mode === "edit";
  const destination = editing ? props.destination : undefined;
  const t = useTranslations("destinations");
  const common = useTranslations("common");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorMessage = useDestinationErrorMessage();
  const fields = KIND_FIELDS[kind];
  const label = (field: string) => t(`fields.${kind}.${field}.label`);
  const hint = (field: string) => (t.has(`fields.${kind}.${field}.hint`) ? t(`fields.${kind}.${field}.hint`) : undefined);

  const [replacing, setReplacing] = useState<Set<string>>(() => new Set());
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [rootError, setRootError] = useState<string | null>(null);

  const schema = useMemo(() => {
    const required = (field: string) => z.string().trim().min(1, t("validation.required", { field: t(`fields.${kind}.${field}.label`) }));
    const config: Record<string, z.ZodType> = {};
    const secrets: Record<string, z.ZodType> = {};
    for (const field of KIND_FIELDS[kind]) {
      const target = field.group === "config" ? config : secrets;
      if (field.input === "checkbox") target[field.name] = z.boolean();
      else if (field.required && !(editing && field.group === "secrets")) target[field.name] = required(field.name);
      else target[field.name] = z.string();
    }
    const rows = z.array(z.object({ name: z.string(), value: z.string() })).superRefine((list, ctx) => {
      list.forEach((row, index) => {
        if (row.name.trim() === "" && row.value.trim() !== "") ctx.addIssue({ code: "custom", path: [index, "name"], message: t("validation.headerName") });
      });
    });
    return z.object({
      name: z.string().trim().min(1, t("validation.name")).max(100, t("validation.nameMax")),
      config: z.object(config),
      secrets: z.object(secrets),
      configHeaders: rows,
      secretHeaders: rows,
      mapping: z.record(z.string(), z.string()),
    });
  }, [kind, editing, t]);

  const form = useForm<FormValues>({
    resolver: zodResolver(schema) as unknown as Resolver<FormValues>,
    defaultValues: defaultValues(kind, destination, t(`kinds.${kind}.defaultName`)),
  });
  const configHeaders = useFieldArray({ control: form.control, name: "configHeaders" });
  const secretHeaders = useFieldArray({ control: form.control, name: "secretHeaders" });
  const errors = form.formState.errors;

  const invalidate = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.destinations.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.offers.pathKey() }),
    ]);
  const create = useMutation(trpc.destinations.create.mutationOptions({ onSuccess: invalidate }));
  const update = useMutation(trpc.destinations.update.mutationOptions({ onSuccess: invalidate }));
  const pending = create.isPending || update.isPending;

  const clientError = (group: "config" | "secrets", field: string) => (errors[group] as Record<string, { message?: string }> | undefined)?.[field]?.message;
  const fieldError = (spec: FieldSpec) => clientError(spec.group, spec.name) ?? serverErrors[spec.name];

  const startReplacing = (field: string) => setReplacing((current) => new Set(current).add(field));
  const stopReplacing = (field: string) => {
    setReplacing((current) => {
      const next = new Set(current);
      next.delete(field);
      return next;
    });
    if (field === "headers") form.setValue("secretHeaders", []);
    else form.setValue(`secrets.${field}`, "");
  };

  const storedSecrets = asRecord(destination?.secrets);

  const onSubmit = form.handleSubmit(async (values) => {
    setServerErrors({});
    setRootError(null);
    // A secret being replaced needs its new value.
    if (editing) {
      const missing = fields.filter((f) => f.group === "secrets" && f.required && replacing.has(f.name) && (values.secrets[f.name] ?? "").trim() === "");
      if (missing.length > 0) {
        for (const f of missing) form.setError(`secrets.${f.name}`, { message: t("validation.newSecret") });
        return;
      }
    }
    // Secrets never stored (or no longer readable) are entered like new ones.
    const effective = new Set(replacing);
    for (const name of [...fields.filter((f) => f.group === "secrets").map((f) => f.name), ...(HAS_HEADERS[kind] ? ["headers"] : [])]) {
      if (storedSecrets[name] === null || storedSecrets[name] === undefined) effective.add(name);
    }
    const { config, secrets } = buildSettings(kind, values, asRecord(destination?.config), editing, effective);
    try {
      if (props.mode === "create") {
        const result = await create.mutateAsync({ kind, name: values.name, offerId: props.offerId, config, secrets });
        toast.success(t("form.created", { name: result.destination.name }));
        props.onSaved({ id: result.destination.id, generatedSecrets: result.generatedSecrets });
      } else {
        const result = await update.mutateAsync({ id: props.destination.id, name: values.name, config, ...(Object.keys(secrets).length > 0 ? { secrets } : {}) });
        toast.success(t("form.updated", { name: result.name }));
        setReplacing(new Set());
        form.reset({ ...values, secrets: Object.fromEntries(Object.keys(values.secrets).map((k) => [k, ""])), secretHeaders: [] });
        props.onSaved({ id: result.id, generatedSecrets: {} });
      }
    } catch (error) {
      const perField = serverFieldErrors(error);
      setServerErrors(perField);
      // Secrets with a complaint need an input to fix them in.
      const secretNames = new Set(fields.filter((f) => f.group === "secrets").map((f) => f.name));
      if (editing) {
        for (const name of Object.keys(perField)) if (secretNames.has(name)) startReplacing(name);
      }
      const shown = new Set([...fields.map((f) => f.name), "name", "headers", "fieldMapping"]);
      const unplaced = Object.entries(perField).filter(([name]) => !shown.has(name));
      setRootError(
        Object.keys(perField).length > 0
          ? [t("form.checkFields"), ...unplaced.map(([name, message]) => `${name}: ${message}`)].join(" ")
          : errorMessage(error),
      );
    }
  });

  const headersError = serverErrors.headers;

  const renderField = (spec: FieldSpec) => {
    const id = `destination-${spec.name}`;
    const error = fieldError(spec);
    if (spec.input === "checkbox") {
      return (
        <div key={spec.name} className="flex items-start gap-3 rounded-md border border-slate-200 p-3">
          <input id={id} type="checkbox" className="mt-0.5 size-4 accent-brand-600" {...form.register(`config.${spec.name}`)} />
          <div className="grid gap-0.5">
            <Label htmlFor={id}>{label(spec.name)}</Label>
            {hint(spec.name) ? <p className="text-xs text-slate-500">{hint(spec.name)}</p> : null}
          </div>
        </div>
      );
    }
    if (spec.group === "secrets") {
      const stored = storedSecrets[spec.name];
      const showInput = !editing || replacing.has(spec.name) || stored === null || stored === undefined;
      if (!showInput) {
        return (
          <div key={spec.name} className="grid gap-1.5">
            <span className="flex items-center gap-1.5 text-sm font-medium text-slate-800">
              <Lock className="size-3.5 text-slate-400" aria-hidden="true" />
              {label(spec.name)}
            </span>
            <div className="flex items-center gap-2">
              <code className="flex h-9 flex-1 items-center rounded-md border border-slate-200 bg-slate-50 px-3 font-mono text-sm text-slate-600" aria-label={t("form.maskedValue", { field: label(spec.name) })} data-testid={`masked-${spec.name}`}>
                {toText(stored)}
              </code>
              <Button type="button" variant="secondary" onClick={() => startReplacing(spec.name)} aria-label={t("form.replaceField", { field: label(spec.name) })}>
                {t("form.replace")}
              </Button>
            </div>
            <p className="text-xs text-slate-500">{t("form.secretKept")}</p>
          </div>
        );
      }
      return (
        <div key={spec.name} className="grid gap-1.5">
          <Field id={id} label={`${label(spec.name)}${spec.required || editing ? "" : ` ${t("form.optional")}`}`} error={error} hint={hint(spec.name) ?? t("form.secretHint")}>
            <SecretInput placeholder={spec.placeholder} {...form.register(`secrets.${spec.name}`)} />
          </Field>
          <div className="flex flex-wrap gap-2">
            {kind === "WEBHOOK" && spec.name === "signingSecret" ? (
              <Button type="button" variant="ghost" size="sm" onClick={() => form.setValue("secrets.signingSecret", generateSigningSecret())}>
                <Wand2 aria-hidden="true" />
                {t("form.generateSecret")}
              </Button>
            ) : null}
            {editing && replacing.has(spec.name) ? (
              <Button type="button" variant="ghost" size="sm" onClick={() => stopReplacing(spec.name)}>
                {t("form.keepCurrent")}
              </Button>
            ) : null}
          </div>
        </div>
      );
    }
    return (
      <Field
        key={spec.name}
        id={id}
        label={`${label(spec.name)}${spec.required ? "" : ` ${t("form.optional")}`}`}
        error={error}
        hint={hint(spec.name)}
      >
        <Input
          type={spec.input === "url" ? "url" : "text"}
          inputMode={spec.input === "number" ? "numeric" : undefined}
          placeholder={spec.placeholder}
          autoComplete="off"
          spellCheck={false}
          {...form.register(`config.${spec.name}`)}
        />
      </Field>
    );
  };

  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-5" aria-label={t("form.title", { kind: t(`kinds.${kind}.label`) })}>
      {rootError ? (
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">
          {rootError}
        </div>
      ) : null}

      <Field id="destination-name" label={t("form.name")} error={errors.name?.message ?? serverErrors.name} hint={t("form.nameHint")}>
        <Input autoComplete="off" {...form.register("name")} />
      </Field>

      {kind === "MARKETO" ? <MarketoEmbedCode onParsed={(parsed) => {
        form.setValue("config.munchkinId", parsed.munchkinId, { shouldDirty: true });
        form.setValue("config.formId", String(parsed.formId), { shouldDirty: true });
        if (parsed.serverId) form.setValue("config.serverId", parsed.serverId, { shouldDirty: true });
      }} /> : null}

      {fields.map(renderField)}

      {kind === "SALESFORCE" ? (
        <details className="rounded-md border border-slate-200 p-3" open={Object.values(form.getValues("mapping")).some((v) => v !== "") || !!serverErrors.fieldMapping}>
          <summary className="cursor-pointer text-sm font-medium text-slate-800">{t("form.mappingTitle")}</summary>
          <p className="mt-2 text-xs text-slate-500">{t("form.mappingHint")}</p>
          {serverErrors.fieldMapping ? <p role="alert" className="mt-2 text-xs text-red-600">{serverErrors.fieldMapping}</p> : null}
          <div className="mt-3 grid gap-3 sm:grid-cols-2">
            {SALESFORCE_MAPPING_FIELDS.map(({ field, standard }) => (
              <Field key={field} id={`mapping-${field}`} label={t(`mappingFields.${field}`)}>
                <Input placeholder={standard ?? t("form.mappingNotSent")} autoComplete="off" spellCheck={false} className="font-mono" {...form.register(`mapping.${field}`)} />
              </Field>
            ))}
          </div>
        </details>
      ) : null}

      {HAS_HEADERS[kind] ? (
        <>
          <HeaderRows
            title={t("form.customHeaders")}
            hint={t("form.customHeadersHint")}
            rows={configHeaders.fields}
            register={(index, key) => form.register(`configHeaders.${index}.${key}`)}
            rowError={(index) => errors.configHeaders?.[index]?.name?.message}
            onAdd={() => configHeaders.append({ name: "", value: "" })}
            onRemove={(index) => configHeaders.remove(index)}
            error={configHeaders.fields.length > 0 ? headersError : undefined}
            idPrefix="header"
          />
          {editing && !replacing.has("headers") && storedSecrets.headers ? (
            <div className="grid gap-1.5">
              <span className="flex items-center gap-1.5 text-sm font-medium text-slate-800">
                <KeyRound className="size-3.5 text-slate-400" aria-hidden="true" />
                {t("form.secretHeaders")}
              </span>
              <ul className="grid gap-1 text-sm" aria-label={t("form.secretHeaders")}>
                {Object.entries(asRecord(storedSecrets.headers)).map(([name, masked]) => (
                  <li key={name} className="flex gap-2 font-mono text-xs">
                    <span className="text-slate-800">{name}:</span>
                    <span className="text-slate-500">{toText(masked)}</span>
                  </li>
                ))}
                {Object.keys(asRecord(storedSecrets.headers)).length === 0 ? <li className="text-xs text-slate-500">{t("form.noSecretHeaders")}</li> : null}
              </ul>
              <div>
                <Button type="button" variant="secondary" size="sm" onClick={() => startReplacing("headers")}>
                  {t("form.replaceSecretHeaders")}
                </Button>
              </div>
            </div>
          ) : (
            <HeaderRows
              title={t("form.secretHeaders")}
              hint={editing ? t("form.secretHeadersReplaceHint") : t("form.secretHeadersHint")}
              rows={secretHeaders.fields}
              register={(index, key) => form.register(`secretHeaders.${index}.${key}`)}
              rowError={(index) => errors.secretHeaders?.[index]?.name?.message}
              onAdd={() => secretHeaders.append({ name: "", value: "" })}
              onRemove={(index) => secretHeaders.remove(index)}
              error={secretHeaders.fields.length > 0 ? headersError : undefined}
              secret
              idPrefix="secret-header"
              extra={
                editing && replacing.has("headers") ? (
                  <Button type="button" variant="ghost" size="sm" onClick={() => stopReplacing("headers")}>
                    {t("form.keepCurrent")}
                  </Button>
                ) : null
              }
            />
          )}
          {headersError && configHeaders.fields.length === 0 && secretHeaders.fields.length === 0 ? (
            <p role="alert" className="text-xs text-red-600">{headersError}</p>
          ) : null}
        </>
      ) : null}

      <KindWarnings kind={kind} />

      <div className="flex flex-wrap justify-end gap-2">
        {props.onCancel ? (
          <Button type="button" variant="secondary" onClick={props.onCancel}>
            {common("cancel")}
          </Button>
        ) : null}
        <Button type="submit" disabled={pending}>
          {pending ? t("form.saving") : editing ? t("form.saveChanges") : t("form.create")}
        </Button>
      </div>
    </form>
  );
}

function HeaderRows({
  title,
  hint,
  rows,
  register,
  rowError,
  onAdd,
  onRemove,
  error,
  secret,
  idPrefix,
  extra,
}: {
  title: string;
  hint: string;
  rows: { id: string }[];
  register: (index: number, key: "name" | "value") => ReturnType<ReturnType<typeof useForm<FormValues>>["register"]>;
  rowError: (index: number) => string | undefined;
  onAdd: () => void;
  onRemove: (index: number) => void;
  error?: string;
  secret?: boolean;
  idPrefix: string;
  extra?: React.ReactNode;
}) {
  const t = useTranslations("destinations.form");
  return (
    <fieldset className="grid gap-2">
      <legend className="flex items-center gap-1.5 text-sm font-medium text-slate-800">
        {secret ? <KeyRound className="size-3.5 text-slate-400" aria-hidden="true" /> : null}
        {title} <span className="font-normal text-slate-400">{t("optional")}</span>
      </legend>
      <p className="text-xs text-slate-500">{hint}</p>
      {rows.map((row, index) => (
        <div key={row.id} className="grid gap-1">
          <div className="grid grid-cols-[minmax(0,2fr)_minmax(0,3fr)_auto] items-start gap-2">
            <Input aria-label={t("headerName", { n: index + 1 })} id={`${idPrefix}-${index}-name`} placeholder={secret ? "Authorization" : "X-Source"} autoComplete="off" spellCheck={false} className="font-mono" aria-invalid={rowError(index) ? true : undefined} {...register(index, "name")} />
            {secret ? (
              <SecretInput aria-label={t("headerValue", { n: index + 1 })} placeholder="Bearer …" {...register(index, "value")} />
            ) : (
              <Input aria-label={t("headerValue", { n: index + 1 })} placeholder="marketplace" autoComplete="off" spellCheck={false} className="font-mono" {...register(index, "value")} />
            )}
            <Button type="button" variant="ghost" size="icon" aria-label={t("removeHeader", { n: index + 1 })} onClick={() => onRemove(index)}>
              <Trash2 aria-hidden="true" />
            </Button>
          </div>
          {rowError(index) ? <p role="alert" className="text-xs text-red-600">{rowError(index)}</p> : null}
        </div>
      ))}
      {error ? <p role="alert" className="text-xs text-red-600">{error}</p> : null}
      <div className="flex flex-wrap gap-2">
        <Button type="button" variant="ghost" size="sm" onClick={onAdd}>
          <Plus aria-hidden="true" />
          {secret ? t("addSecretHeader") : t("addHeader")}
        </Button>
        {extra}
      </div>
    </fieldset>
  );
}

/** Paste Marketo's form embed code; the adapter's parser fills Munchkin ID, Form ID and Server ID. */
function MarketoEmbedCode({ onParsed }: { onParsed: (parsed: { serverId?: string; munchkinId: string; formId: number }) => void }) {
  const t = useTranslations("destinations.form");
  const [code, setCode] = useState("");
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <div className="grid gap-1.5 rounded-md border border-dashed border-slate-300 bg-slate-50 p-3">
      <Label htmlFor="marketo-embed">{t("embedCode")}</Label>
      <Textarea
        id="marketo-embed"
        value={code}
        onChange={(e) => setCode(e.target.value)}
        placeholder={'<script src="//app-ys12.marketo.com/js/forms2/js/forms2.min.js"></script>\n<form id="mktoForm_1179"></form>\n<script>MktoForms2.loadForm("//app-ys12.marketo.com", "123-ABC-456", 1179);</script>'}
        className="min-h-16 font-mono text-xs"
        spellCheck={false}
        aria-describedby="marketo-embed-hint"
      />
      <p id="marketo-embed-hint" className="text-xs text-slate-500">{t("embedCodeHint")}</p>
      <div className="flex flex-wrap items-center gap-3">
        <Button
          type="button"
          variant="secondary"
          size="sm"
          disabled={pending || code.trim() === ""}
          onClick={() =>
            startTransition(async () => {
              const parsed = await parseMarketoEmbedAction(code);
              if (!parsed) {
                setMessage({ ok: false, text: t("embedCodeInvalid") });
                return;
              }
              onParsed(parsed);
              setMessage({ ok: true, text: t("embedCodeFilled", { munchkinId: parsed.munchkinId, formId: parsed.formId }) });
            })
          }
        >
          <Wand2 aria-hidden="true" />
          {t("embedCodeFill")}
        </Button>
        {message ? (
          <p role={message.ok ? "status" : "alert"} className={message.ok ? "text-xs text-emerald-700" : "text-xs text-red-600"}>
            {message.text}
          </p>
        ) : null}
      </div>
    </div>
  );
}
