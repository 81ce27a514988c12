"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { z } from "zod";
import { CopyField } from "~/components/copy-field";
import { Button } from "~/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "~/components/ui/card";
import { Field } from "~/components/ui/field";
import { Input, NativeSelect } from "~/components/ui/input";
import { useErrorMessage } from "~/lib/use-error-message";
import { useTRPC } from "~/trpc/react";

export function InvitationsCard({ role }: { role: "OWNER" | "ADMIN" | "MEMBER" }) {
  const t = useTranslations("settings");
  const roles = useTranslations("roles");
  const v = useTranslations("validation");
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const { data: pending } = useSuspenseQuery(trpc.invitations.list.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.invitations.list.queryKey() });
  const create = useMutation(trpc.invitations.create.mutationOptions({ onSettled: refresh }));
  const revoke = useMutation(trpc.invitations.revoke.mutationOptions({ onSettled: refresh }));
  const [lastLink, setLastLink] = useState<{ url: string; emailed: boolean } | null>(null);

  const schema = z.object({ email: z.string().trim().email(v("email")), role: z.enum(["OWNER", "ADMIN", "MEMBER"]) });
  const form = useForm<z.infer<typeof schema>>({ resolver: zodResolver(schema), defaultValues: { email: "", role: "MEMBER" } });
  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const result = await create.mutateAsync(values);
      setLastLink({ url: result.inviteUrl, emailed: result.emailed });
      toast.success(result.emailed ? t("inviteEmailed", { email: values.email }) : t("inviteCreated", { email: values.email }));
      form.reset({ email: "", role: values.role });
    } catch (error) {
      form.setError("email", { message: errorMessage(error) });
    }
  });
  const assignable = role === "OWNER" ? (["MEMBER", "ADMIN", "OWNER"] as const) : (["MEMBER", "ADMIN"] as const);

  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("invite")}</CardTitle>
        <CardDescription>{t("inviteDescription")}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6">
        <form onSubmit={onSubmit} className="grid gap-3 sm:grid-cols-[1fr_10rem_auto] sm:items-start" noValidate>
          <Field id="invite-email" label={t("inviteEmail")} error={form.formState.errors.email?.message}>
            <Input type="email" autoComplete="off" placeholder="colleague@contoso.com" {...form.register("email")} />
          </Field>
          <Field id="invite-role" label={t("role")}>
            <NativeSelect {...form.register("role")}>
              {assignable.map((r) => (
                <option key={r} value={r}>{roles(r)}</option>
              ))}
            </NativeSelect>
          </Field>
          <Button type="submit" className="sm:mt-6" disabled={form.formState.isSubmitting}>
            {t("send")}
          </Button>
        </form>

        {lastLink ? (
          <div className="rounded-lg border border-brand-100 bg-brand-50 p-4" data-testid="invite-link">
            <p className="text-sm font-medium">{t("inviteLinkTitle")}</p>
            <p className="mb-3 text-xs text-slate-600">
              {lastLink.emailed ? t("inviteLinkDescriptionEmailed") : t("inviteLinkDescription")}
            </p>
            <CopyField value={lastLink.url} label={t("inviteLinkTitle")} />
          </div>
        ) : null}

        <div>
          <h3 className="mb-2 text-sm font-medium">{t("pending")}</h3>
          {pending.length === 0 ? (
            <p className="text-sm text-slate-500">{t("noPending")}</p>
          ) : (
            <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200">
              {pending.map((inv) => (
                <li key={inv.id} className="flex flex-wrap items-center gap-3 px-4 py-3 text-sm">
                  <span className="flex-1 font-medium">{inv.email}</span>
                  <span className="text-slate-500">{roles(inv.role)}</span>
                  <span className="text-xs text-slate-400">{t("expires", { date: format.dateTime(inv.expiresAt, { dateStyle: "medium" }) })}</span>
                  <Button
                    variant="ghost"
                    size="sm"
                    onClick={async () => {
                      try {
                        await revoke.mutateAsync({ invitationId: inv.id });
                        toast.success(t("revoked"));
                      } catch (error) {
                        toast.error(errorMessage(error));
                      }
                    }}
                  >
                    {t("revoke")}
                  </Button>
                </li>
              ))}
            </ul>
          )}
        </div>
      </CardContent>
    </Card>
  );
}
