"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Pencil, Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { useForm, type Resolver } from "react-hook-form";
import { toast } from "sonner";
import { z } from "zod";
import type { OfferView } from "~/components/destinations/types";
import { serverFieldErrors, useDestinationErrorMessage } from "~/components/destinations/use-destination-error";
import { Button } from "~/components/ui/button";
import { Dialog, DialogContent, DialogTrigger } from "~/components/ui/dialog";
import { Field } from "~/components/ui/field";
import { Input, NativeSelect } from "~/components/ui/input";
import { useTRPC } from "~/trpc/react";
import { CONTACT_ME_MATTERS, OFFER_TYPES, requirementReason, type OfferType } from "./offer-rules";

const PUBLISHER_ID = /^[a-z0-9][a-z0-9_-]*$/u;
const OFFER_ID = /^[a-z0-9][a-z0-9._-]*$/u;

interface Values {
  title: string;
  publisherId: string;
  offerId: string;
  type: OfferType | "";
  listedAsContactMe: boolean;
  hasTestDrive: boolean;
  /** A member's user id; "" for none (the round robin). */
  defaultOwnerId: string;
}

/** "Add offer" (then its capture URL is made and its page opens) or "Edit offer". */
export function OfferDialog({ offer, trigger, defaultOpen = false }: { offer?: OfferView; trigger?: "button" | "icon"; defaultOpen?: boolean }) {
  const t = useTranslations("offers");
  const [open, setOpen] = useState(defaultOpen);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        {offer ? (
          <Button variant="secondary" size={trigger === "icon" ? "sm" : "default"}>
            <Pencil aria-hidden="true" />
            {t("edit")}
          </Button>
        ) : (
          <Button>
            <Plus aria-hidden="true" />
            {t("add")}
          </Button>
        )}
      </DialogTrigger>
      <DialogContent
        title={offer ? t("editTitle", { title: offer.title }) : t("addTitle")}
        description={t("dialogDescription")}
        className="max-h-[92dvh] max-w-lg overflow-y-auto"
      >
        {open ? <OfferForm offer={offer} onDone={() => setOpen(false)} /> : null}
      </DialogContent>
    </Dialog>
  );
}

function OfferForm({ offer, onDone }: { offer?: OfferView; onDone: () => void }) {
  const t = useTranslations("offers");
  const common = useTranslations("common");
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const errorMessage = useDestinationErrorMessage();
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [rootError, setRootError] = useState<string | null>(null);

  const schema = useMemo(() => {
    const id = (label: string, pattern: RegExp, rule: string) =>
      z
        .string()
        .trim()
        .toLowerCase()
        .min(1, t("validation.required", { field: label }))
        .max(50, t("validation.max50", { field: label }))
        .regex(pattern, rule);
    return z.object({
      title: z.string().trim().min(1, t("validation.title")).max(200, t("validation.titleMax")),
      publisherId: id(t("fields.publisherId"), PUBLISHER_ID, t("validation.publisherId")),
      offerId: id(t("fields.offerId"), OFFER_ID, t("validation.offerId")),
      type: z.enum(OFFER_TYPES as [OfferType, ...OfferType[]], { error: () => t("validation.type") }),
      listedAsContactMe: z.boolean(),
      hasTestDrive: z.boolean(),
      defaultOwnerId: z.string().transform((id) => id || null),
    });
  }, [t]);

  const form = useForm<Values, unknown, z.output<typeof schema>>({
    // The type select starts empty ("choose…"); the schema refuses that with its message.
    resolver: zodResolver(schema) as unknown as Resolver<Values, unknown, z.output<typeof schema>>,
    defaultValues: {
      title: offer?.title ?? "",
      publisherId: offer?.publisherId ?? "",
      offerId: offer?.offerId ?? "",
      type: offer?.type ?? "",
      listedAsContactMe: offer?.listedAsContactMe ?? false,
      hasTestDrive: offer?.hasTestDrive ?? false,
      defaultOwnerId: offer?.defaultOwnerId ?? "",
    },
  });
  const { data: members } = useQuery(trpc.members.list.queryOptions());
  const errors = form.formState.errors;
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.offers.pathKey() });
  const create = useMutation(trpc.offers.create.mutationOptions({ onSuccess: invalidate }));
  const update = useMutation(trpc.offers.update.mutationOptions({ onSuccess: invalidate }));
  const ensureCaptureUrl = useMutation(
    trpc.captureEndpoints.create.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.captureEndpoints.pathKey() }) }),
  );

  const type = form.watch("type");
  const listedAsContactMe = form.watch("listedAsContactMe");
  const hasTestDrive = form.watch("hasTestDrive");
  const reason = type ? requirementReason({ type, listedAsContactMe, hasTestDrive }) : null;

  const onSubmit = form.handleSubmit(async (values) => {
    setServerErrors({});
    setRootError(null);
    try {
      if (offer) {
        const updated = await update.mutateAsync({ id: offer.id, ...values });
        toast.success(t("updated", { title: updated.title }));
        onDone();
      } else {
        const created = await create.mutateAsync({ ...values, defaultOwnerId: values.defaultOwnerId ?? undefined });
        // Every offer gets its own capture URL at once: it is what Partner Center needs.
        await ensureCaptureUrl.mutateAsync({ offerId: created.id }).catch(() => undefined);
        toast.success(t("created", { title: created.title }));
        onDone();
        router.push(`/offers/${created.id}`);
      }
    } catch (error) {
      const perField = serverFieldErrors(error);
      setServerErrors(perField);
      setRootError(Object.keys(perField).length > 0 ? t("checkFields") : errorMessage(error));
    }
  });

  const pending = create.isPending || update.isPending || ensureCaptureUrl.isPending;
  const publisherField = form.register("publisherId");

  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-4">
      {rootError ? (
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">
          {rootError}
        </div>
      ) : null}
      <Field id="offer-title" label={t("fields.title")} error={errors.title?.message ?? serverErrors.title} hint={t("hints.title")}>
        <Input autoComplete="off" {...form.register("title")} />
      </Field>
      <div className="grid items-start gap-4 sm:grid-cols-2">
        <Field id="offer-publisher-id" label={t("fields.publisherId")} error={errors.publisherId?.message ?? serverErrors.publisherId} hint={t("hints.publisherId")}>
          <Input
            autoComplete="off"
            spellCheck={false}
            className="font-mono"
            placeholder="contoso"
            {...publisherField}
            onPaste={(event) => {
              // Pasting `publisherid.offerid` fills both fields.
              const text = event.clipboardData.getData("text").trim();
              const dot = text.indexOf(".");
              if (dot > 0 && dot < text.length - 1 && !/\s/u.test(text)) {
                event.preventDefault();
                form.setValue("publisherId", text.slice(0, dot).toLowerCase(), { shouldDirty: true });
                form.setValue("offerId", text.slice(dot + 1).toLowerCase(), { shouldDirty: true });
              }
            }}
          />
        </Field>
        <Field id="offer-offer-id" label={t("fields.offerId")} error={errors.offerId?.message ?? serverErrors.offerId} hint={t("hints.offerId")}>
          <Input autoComplete="off" spellCheck={false} className="font-mono" placeholder="lead-manager" {...form.register("offerId")} />
        </Field>
      </div>
      <Field id="offer-type" label={t("fields.type")} error={errors.type?.message ?? serverErrors.type}>
        <NativeSelect {...form.register("type")}>
          <option value="" disabled>
            {t("chooseType")}
          </option>
          {OFFER_TYPES.map((value) => (
            <option key={value} value={value}>
              {t(`types.${value}`)}
            </option>
          ))}
        </NativeSelect>
      </Field>
      <fieldset className="grid gap-2">
        <legend className="sr-only">{t("listingOptions")}</legend>
        <label className="flex items-start gap-3 rounded-md border border-slate-200 p-3 text-sm">
          <input type="checkbox" className="mt-0.5 size-4 accent-brand-600" {...form.register("listedAsContactMe")} />
          <span className="grid gap-0.5">
            <span className="font-medium text-slate-800">{t("fields.listedAsContactMe")}</span>
            <span className="text-xs text-slate-500">
              {type && CONTACT_ME_MATTERS.includes(type) ? t("hints.contactMeMatters") : t("hints.contactMe")}
            </span>
          </span>
        </label>
        <label className="flex items-start gap-3 rounded-md border border-slate-200 p-3 text-sm">
          <input type="checkbox" className="mt-0.5 size-4 accent-brand-600" {...form.register("hasTestDrive")} />
          <span className="grid gap-0.5">
            <span className="font-medium text-slate-800">{t("fields.hasTestDrive")}</span>
            <span className="text-xs text-slate-500">{t("hints.testDrive")}</span>
          </span>
        </label>
      </fieldset>
      {members ? (
        // Rendered once the members are here, so the select opens on the saved owner.
        <Field id="offer-default-owner" label={t("defaultOwner.label")} hint={t("defaultOwner.dialogHint")}>
          <NativeSelect {...form.register("defaultOwnerId")}>
            <option value="">{t("defaultOwner.none")}</option>
            {members.map((m) => (
              <option key={m.userId} value={m.userId}>
                {m.name ?? m.email}
              </option>
            ))}
          </NativeSelect>
        </Field>
      ) : null}
      {type ? (
        <p role="status" className={reason ? "rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" : "rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700"}>
          {reason ? t(`rule.${reason}`) : t("rule.optional")}
        </p>
      ) : null}
      <div className="flex justify-end gap-2">
        <Button type="button" variant="secondary" onClick={onDone}>
          {common("cancel")}
        </Button>
        <Button type="submit" disabled={pending}>
          {pending ? t("saving") : offer ? common("save") : t("create")}
        </Button>
      </div>
    </form>
  );
}
