"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { ACTIVITY_TYPES, type ActivityType } from "@leadrelay/leads";
import { useMutation } from "@tanstack/react-query";
import { CalendarPlus, Mail, NotebookPen, Phone, Users } from "lucide-react";
import { useTranslations } from "next-intl";
import { useId } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { z } from "zod";
import { Button } from "~/components/ui/button";
import { Field } from "~/components/ui/field";
import { Input } from "~/components/ui/input";
import { cn } from "~/lib/utils";
import { useTRPC } from "~/trpc/react";
import { useFollowUpError } from "./use-follow-up-error";
import { useLocalDateTime, useRefreshFollowUps } from "./use-follow-up-data";

const ICONS: Record<ActivityType, typeof Phone> = { CALL: Phone, EMAIL: Mail, MEETING: Users, NOTE: NotebookPen };
const OUTCOMES = ["reached", "voicemail", "noAnswer", "interested", "notInterested", "meetingBooked", "sentInfo"] as const;

/** Logs a call, e-mail, meeting or note, and (optionally) schedules the next follow-up in the same step. */
export function ActivityForm({ leadId, doNotContact, canSchedule }: { leadId: string; doNotContact: boolean; canSchedule: boolean }) {
  const t = useTranslations("followUp.activity");
  const trpc = useTRPC();
  const refresh = useRefreshFollowUps();
  const errorMessage = useFollowUpError();
  const dt = useLocalDateTime();
  const id = useId();
  const log = useMutation(trpc.followUps.logActivity.mutationOptions({ onSettled: refresh }));

  const schema = z
    .object({
      type: z.enum(ACTIVITY_TYPES),
      outcome: z.string().trim().max(200, t("tooLong", { max: 200 })),
      notes: z.string().trim().max(5000, t("tooLong", { max: 5000 })),
      occurredAt: z.string().refine((v) => dt.fromInput(v) !== null, t("pickDateTime")),
      nextFollowUpAt: z.string().refine((v) => v === "" || dt.fromInput(v) !== null, t("pickDateTime")),
    })
    .superRefine((values, ctx) => {
      const occurred = dt.fromInput(values.occurredAt);
      if (occurred && occurred.getTime() > Date.now() + 5 * 60_000) ctx.addIssue({ code: "custom", path: ["occurredAt"], message: t("inFuture") });
      const next = values.nextFollowUpAt ? dt.fromInput(values.nextFollowUpAt) : null;
      if (next && next.getTime() < Date.now()) ctx.addIssue({ code: "custom", path: ["nextFollowUpAt"], message: t("inPast") });
      if (values.type === "NOTE" && !values.notes && !values.outcome) ctx.addIssue({ code: "custom", path: ["notes"], message: t("noteEmpty") });
    });
  type Values = z.infer<typeof schema>;
  const defaults = (): Values => ({ type: doNotContact ? "NOTE" : "CALL", outcome: "", notes: "", occurredAt: dt.toInput(new Date()), nextFollowUpAt: "" });
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: defaults() });
  const type = form.watch("type");
  const errors = form.formState.errors;

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const next = values.nextFollowUpAt ? dt.fromInput(values.nextFollowUpAt) : undefined;
      await log.mutateAsync({
        leadId,
        type: values.type,
        outcome: values.outcome || null,
        notes: values.notes || null,
        occurredAt: dt.fromInput(values.occurredAt)!,
        ...(next ? { nextFollowUpAt: next } : {}),
      });
      toast.success(t(`logged.${values.type}`));
      form.reset({ ...defaults(), type: values.type });
    } catch (error) {
      form.setError("root", { message: errorMessage(error) });
    }
  });

  return (
    <form onSubmit={onSubmit} className="grid gap-3" noValidate aria-label={t("formLabel")}>
      <fieldset className="grid gap-1.5">
        <legend className="mb-1.5 text-sm font-medium text-slate-800">{t("type")}</legend>
        <div className="flex flex-wrap gap-1.5" role="radiogroup">
          {ACTIVITY_TYPES.map((value) => {
            const Icon = ICONS[value];
            const blocked = doNotContact && value !== "NOTE";
            return (
              <label
                key={value}
                title={blocked ? t("dncBlocked") : undefined}
                className={cn(
                  "flex cursor-pointer items-center gap-1.5 rounded-md border px-3 py-1.5 text-sm has-[:focus-visible]:ring-3 has-[:focus-visible]:ring-brand-100",
                  type === value ? "border-brand-500 bg-brand-50 text-brand-700" : "border-slate-200 bg-white text-slate-700 hover:bg-slate-50",
                  blocked && "cursor-not-allowed opacity-50",
                )}
              >
                <input type="radio" className="sr-only" value={value} disabled={blocked} {...form.register("type")} />
                <Icon className="size-4" aria-hidden="true" />
                {t(`types.${value}`)}
              </label>
            );
          })}
        </div>
        {doNotContact ? <p className="text-xs text-red-700">{t("dncBlocked")}</p> : null}
      </fieldset>

      <div className="grid gap-3 sm:grid-cols-2">
        <Field id={`${id}-outcome`} label={t("outcome")} error={errors.outcome?.message}>
          <Input list={`${id}-outcomes`} placeholder={t("outcomePlaceholder")} {...form.register("outcome")} />
        </Field>
        <datalist id={`${id}-outcomes`}>
          {OUTCOMES.map((o) => (
            <option key={o} value={t(`outcomes.${o}`)} />
          ))}
        </datalist>
        <Field id={`${id}-occurred`} label={t("occurredAt", { zone: dt.timeZone })} error={errors.occurredAt?.message}>
          <Input type="datetime-local" {...form.register("occurredAt")} />
        </Field>
      </div>
      <Field id={`${id}-notes`} label={t("notes")} error={errors.notes?.message}>
        <textarea
          rows={3}
          className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-xs placeholder:text-slate-400 focus-visible:border-brand-500 focus-visible:outline-none focus-visible:ring-3 focus-visible:ring-brand-100 aria-invalid:border-red-500"
          placeholder={t("notesPlaceholder")}
          {...form.register("notes")}
        />
      </Field>
      {canSchedule ? (
        <Field id={`${id}-next`} label={t("nextFollowUp", { zone: dt.timeZone })} hint={type === "NOTE" ? t("nextHintNote") : t("nextHint")} error={errors.nextFollowUpAt?.message}>
          <Input type="datetime-local" {...form.register("nextFollowUpAt")} />
        </Field>
      ) : null}
      {errors.root ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">{errors.root.message}</p>
      ) : null}
      <div className="flex justify-end">
        <Button type="submit" disabled={log.isPending}>
          <CalendarPlus aria-hidden="true" />
          {t(`submit.${type}`)}
        </Button>
      </div>
    </form>
  );
}
