"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { UserPlus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useMemo, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { z } from "zod";
import { Button } from "~/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "~/components/ui/dialog";
import { Field } from "~/components/ui/field";
import { Input, NativeSelect } from "~/components/ui/input";
import { useTRPC } from "~/trpc/react";
import { KNOWN_ACTIONS, KNOWN_SOURCES, useLeadLabels } from "./lead-labels";
import { useLeadErrorMessage } from "./use-lead-error";

const FIELDS = ["firstName", "lastName", "email", "phone", "company", "title", "country"] as const;
/** crypto.randomUUID needs a secure context; a self-hosted app may be served over plain HTTP. */
const newKey = () =>
  typeof crypto !== "undefined" && "randomUUID" in crypto
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(36).slice(2)}`;

const MAX: Record<(typeof FIELDS)[number], number> = {
  firstName: 100,
  lastName: 100,
  email: 254,
  phone: 50,
  company: 200,
  title: 100,
  country: 100,
};

export function AddLeadDialog({ offers, defaultOpen = false }: { offers: { id: string; title: string }[]; defaultOpen?: boolean }) {
  const t = useTranslations("leads.add");
  const common = useTranslations("common");
  const labels = useLeadLabels();
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const errorMessage = useLeadErrorMessage();
  const [open, setOpen] = useState(defaultOpen);
  // One key per opened form: a double-clicked submit stores the lead once.
  const idempotencyKey = useRef(newKey());
  const create = useMutation(trpc.leads.create.mutationOptions());

  const schema = useMemo(() => {
    const text = (max: number) => z.string().trim().max(max, t("tooLong", { max }));
    return z
      .object({
        firstName: text(MAX.firstName),
        lastName: text(MAX.lastName),
        email: text(MAX.email).refine(
          (value) => value === "" || z.email().safeParse(value).success,
          t("invalidEmail"),
        ),
        phone: text(MAX.phone),
        company: text(MAX.company),
        title: text(MAX.title),
        country: text(MAX.country),
        offerId: z.string(),
        source: z.string(),
        action: z.string(),
        description: text(5000),
      })
      .superRefine((value, ctx) => {
        if (!value.firstName && !value.lastName && !value.email && !value.phone && !value.company) {
          ctx.addIssue({ code: "custom", path: ["firstName"], message: t("needSomething") });
        }
      });
  }, [t]);
  type Values = z.infer<typeof schema>;
  const empty: Values = {
    firstName: "",
    lastName: "",
    email: "",
    phone: "",
    company: "",
    title: "",
    country: "",
    offerId: "",
    source: "",
    action: "",
    description: "",
  };
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: empty });
  const errors = form.formState.errors;

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const result = await create.mutateAsync({
        ...values,
        offerId: values.offerId || undefined,
        source: values.source || undefined,
        action: values.action || undefined,
        idempotencyKey: idempotencyKey.current,
      });
      await queryClient.invalidateQueries({ queryKey: trpc.leads.list.pathKey() });
      setOpen(false);
      form.reset(empty);
      idempotencyKey.current = newKey();
      toast.success(result.status === "created" ? t("created") : t("merged"), {
        action: { label: t("open"), onClick: () => router.push(`/leads/${result.id}`) },
      });
    } catch (error) {
      const fieldErrors = (
        error as { data?: { fieldErrors?: Record<string, string[] | undefined> | null } }
      ).data?.fieldErrors;
      const first =
        fieldErrors && Object.entries(fieldErrors).find(([, messages]) => messages?.length);
      form.setError(
        first && (FIELDS as readonly string[]).includes(first[0])
          ? (first[0] as keyof Values)
          : "root",
        { message: first?.[1]?.[0] ?? errorMessage(error) },
      );
    }
  });

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) form.clearErrors();
      }}
    >
      <DialogTrigger asChild>
        <Button>
          <UserPlus aria-hidden="true" />
          {t("button")}
        </Button>
      </DialogTrigger>
      <DialogContent
        title={t("title")}
        description={t("description")}
        className="max-h-[92dvh] max-w-2xl overflow-y-auto"
      >
        <form onSubmit={onSubmit} noValidate className="grid gap-4">
          {errors.root ? (
            <div
              role="alert"
              className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700"
            >
              {errors.root.message}
            </div>
          ) : null}
          <div className="grid gap-4 sm:grid-cols-2">
            {FIELDS.map((field) => (
              <Field
                key={field}
                id={`add-${field}`}
                label={t(`field.${field}`)}
                error={errors[field]?.message}
              >
                <Input
                  type={field === "email" ? "email" : field === "phone" ? "tel" : "text"}
                  autoComplete="off"
                  autoFocus={field === "firstName"}
                  {...form.register(field)}
                />
              </Field>
            ))}
            <Field
              id="add-offerId"
              label={t("field.offer")}
              hint={offers.length === 0 ? t("noOffers") : undefined}
            >
              <NativeSelect {...form.register("offerId")}>
                <option value="">{t("none")}</option>
                {offers.map((offer) => (
                  <option key={offer.id} value={offer.id}>
                    {offer.title}
                  </option>
                ))}
              </NativeSelect>
            </Field>
            <Field id="add-source" label={t("field.source")}>
              <NativeSelect {...form.register("source")}>
                <option value="">{t("none")}</option>
                {KNOWN_SOURCES.map((source) => (
                  <option key={source} value={source}>
                    {labels.source(source)}
                  </option>
                ))}
              </NativeSelect>
            </Field>
            <Field id="add-action" label={t("field.action")} hint={t("actionHint")}>
              <NativeSelect {...form.register("action")}>
                <option value="">{t("none")}</option>
                {KNOWN_ACTIONS.map((action) => (
                  <option key={action} value={action}>
                    {labels.actionShort(action)} ({action})
                  </option>
                ))}
              </NativeSelect>
            </Field>
          </div>
          <Field
            id="add-description"
            label={t("field.description")}
            error={errors.description?.message}
          >
            <textarea
              rows={3}
              className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-xs placeholder:text-slate-400 focus-visible:border-brand-500 focus-visible:outline-none focus-visible:ring-3 focus-visible:ring-brand-100 aria-invalid:border-red-500"
              {...form.register("description")}
            />
          </Field>
          <div className="flex justify-end gap-2">
            <DialogClose asChild>
              <Button type="button" variant="secondary">
                {common("cancel")}
              </Button>
            </DialogClose>
            <Button type="submit" disabled={form.formState.isSubmitting}>
              {form.formState.isSubmitting ? t("saving") : t("save")}
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
