"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Send } from "lucide-react";
import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { z } from "zod";
import { Button } from "~/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "~/components/ui/card";
import { Field } from "~/components/ui/field";
import { NativeSelect } from "~/components/ui/input";
import { cn } from "~/lib/utils";
import { useTRPC } from "~/trpc/react";
import { FEEDBACK_CATEGORIES } from "./feedback-labels";
import { Textarea } from "./textarea";
import { useFeedbackErrorMessage } from "./use-feedback-error";

const MESSAGE_MIN = 10;
const MESSAGE_MAX = 5000;
const SCORES = [1, 2, 3, 4, 5] as const;

export function FeedbackForm() {
  const t = useTranslations("feedback");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorMessage = useFeedbackErrorMessage();
  const options = useQuery(trpc.feedback.formOptions.queryOptions());
  const submit = useMutation(trpc.feedback.submit.mutationOptions());

  const schema = z.object({
    category: z.enum(FEEDBACK_CATEGORIES, { error: () => t("validation.category") }),
    satisfaction: z.number({ error: () => t("validation.satisfaction") }).int().min(1).max(5),
    offerId: z.string(),
    message: z
      .string()
      .trim()
      .min(MESSAGE_MIN, t("validation.messageMin", { min: MESSAGE_MIN }))
      .max(MESSAGE_MAX, t("validation.messageMax", { max: MESSAGE_MAX })),
  });
  type Values = z.input<typeof schema>;
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { category: "" as Values["category"], satisfaction: undefined, offerId: "", message: "" },
  });
  const errors = form.formState.errors;
  const messageLength = form.watch("message").trim().length;
  const satisfaction = form.watch("satisfaction");

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await submit.mutateAsync({
        category: values.category,
        satisfaction: values.satisfaction,
        message: values.message,
        offerId: values.offerId || null,
      });
    } catch (error) {
      form.setError("root", { message: errorMessage(error) });
      return;
    }
    toast.success(t("sent"));
    form.reset();
    await queryClient.invalidateQueries({ queryKey: trpc.feedback.list.queryKey() });
  });

  const offers = options.data?.offers ?? [];

  return (
    <Card className="lg:sticky lg:top-20">
      <CardHeader>
        <CardTitle>{t("formTitle")}</CardTitle>
        <CardDescription>{t("formDescription")}</CardDescription>
      </CardHeader>
      <CardContent>
        <form onSubmit={onSubmit} className="grid gap-5" noValidate>
          {errors.root ? (
            <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">
              {errors.root.message}
            </div>
          ) : null}

          <Field id="feedback-category" label={t("category")} error={errors.category?.message}>
            <NativeSelect {...form.register("category")}>
              <option value="" disabled>
                {t("chooseCategory")}
              </option>
              {FEEDBACK_CATEGORIES.map((category) => (
                <option key={category} value={category}>
                  {t(`categories.${category}`)}
                </option>
              ))}
            </NativeSelect>
          </Field>

          <fieldset aria-describedby={errors.satisfaction ? "feedback-satisfaction-error" : undefined}>
            <legend className="text-sm font-medium text-slate-800">{t("satisfactionLabel")}</legend>
            <div className="mt-1.5 grid grid-cols-5 gap-1.5">
              {SCORES.map((score) => (
                <label key={score} className="relative">
                  <input
                    type="radio"
                    name="satisfaction"
                    value={score}
                    checked={satisfaction === score}
                    onChange={() => form.setValue("satisfaction", score, { shouldValidate: form.formState.isSubmitted })}
                    aria-label={`${score} – ${t(`satisfaction.${score}`)}`}
                    className="peer sr-only"
                  />
                  <span
                    className={cn(
                      "flex h-14 cursor-pointer flex-col items-center justify-center rounded-md border border-slate-300 bg-white text-center transition-colors hover:bg-slate-50",
                      "peer-checked:border-brand-600 peer-checked:bg-brand-50 peer-checked:text-brand-700",
                      "peer-focus-visible:ring-3 peer-focus-visible:ring-brand-100 peer-focus-visible:border-brand-500",
                    )}
                    aria-hidden="true"
                  >
                    <span className="text-base font-semibold">{score}</span>
                    <span className="hidden px-1 text-[11px] leading-tight text-slate-500 sm:block">{t(`satisfaction.${score}`)}</span>
                  </span>
                </label>
              ))}
            </div>
            {errors.satisfaction ? (
              <p id="feedback-satisfaction-error" role="alert" className="mt-1.5 text-xs text-red-600">
                {errors.satisfaction.message}
              </p>
            ) : (
              <p className="mt-1.5 text-xs text-slate-500">{t("satisfactionHint")}</p>
            )}
          </fieldset>

          <Field id="feedback-offer" label={t("offer")} hint={offers.length === 0 && !options.isPending ? t("noOffers") : t("offerHint")}>
            <NativeSelect {...form.register("offerId")} disabled={offers.length === 0}>
              <option value="">{t("anyOffer")}</option>
              {offers.map((offer) => (
                <option key={offer.id} value={offer.id}>
                  {offer.title}
                </option>
              ))}
            </NativeSelect>
          </Field>

          <div className="grid gap-1.5">
            <Field id="feedback-message" label={t("message")} error={errors.message?.message}>
              <Textarea rows={6} maxLength={MESSAGE_MAX} placeholder={t("messagePlaceholder")} {...form.register("message")} />
            </Field>
            <p className={cn("text-right text-xs tabular-nums", messageLength > MESSAGE_MAX ? "text-red-600" : "text-slate-400")} aria-live="polite">
              {t("characters", { count: messageLength, max: MESSAGE_MAX })}
            </p>
          </div>

          <Button type="submit" disabled={form.formState.isSubmitting} className="w-full sm:w-auto sm:justify-self-end">
            <Send aria-hidden="true" />
            {form.formState.isSubmitting ? t("sending") : t("send")}
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}
