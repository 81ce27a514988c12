"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { signInWithPassword } from "@leadrelay/auth/client";
import { passwordProblems } from "@leadrelay/auth/password-policy";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { z } from "zod";
import { Button } from "~/components/ui/button";
import { Card, CardContent, CardHeader } from "~/components/ui/card";
import { Field } from "~/components/ui/field";
import { Input } from "~/components/ui/input";
import { useErrorMessage } from "~/lib/use-error-message";
import { useTRPC } from "~/trpc/react";

export function SignUpForm({ callbackUrl, defaultEmail }: { callbackUrl: string; defaultEmail: string }) {
  const t = useTranslations("auth");
  const v = useTranslations("validation");
  const p = useTranslations("password");
  const locale = useLocale();
  const errorMessage = useErrorMessage();
  const trpc = useTRPC();
  const signUp = useMutation(trpc.account.signUp.mutationOptions());

  const schema = z
    .object({
      name: z.string().trim().min(1, v("required")),
      companyName: z.string().trim().min(2, v("min2")),
      email: z.string().trim().email(v("email")),
      password: z.string(),
    })
    .superRefine((value, ctx) => {
      const problem = passwordProblems(value.password, value.email)[0];
      if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: p(problem) });
    });
  type Values = z.infer<typeof schema>;
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { name: "", companyName: "", email: defaultEmail, password: "" },
  });

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await signUp.mutateAsync({ ...values, locale: locale === "ru" ? "ru" : "en" });
    } catch (error) {
      const reason = (error as { data?: { reason?: string } }).data?.reason;
      form.setError(reason === "emailTaken" ? "email" : "root", { message: errorMessage(error) });
      return;
    }
    const signedIn = await signInWithPassword(values.email, values.password);
    if (!signedIn.ok) {
      form.setError("root", { message: t(signedIn.reason) });
      return;
    }
    toast.success(t("welcome", { name: values.name }));
    window.location.assign(callbackUrl);
  });
  const errors = form.formState.errors;

  return (
    <Card>
      <CardHeader>
        <h1 className="text-xl font-semibold">{t("signUpTitle")}</h1>
        <p className="text-sm text-slate-500">{t("signUpSubtitle")}</p>
      </CardHeader>
      <CardContent>
        <form onSubmit={onSubmit} className="grid gap-4" noValidate>
          {errors.root ? (
            <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">
              {errors.root.message}
            </div>
          ) : null}
          <Field id="name" label={t("name")} error={errors.name?.message}>
            <Input autoComplete="name" autoFocus {...form.register("name")} />
          </Field>
          <Field id="companyName" label={t("company")} hint={t("companyHint")} error={errors.companyName?.message}>
            <Input autoComplete="organization" {...form.register("companyName")} />
          </Field>
          <Field id="email" label={t("email")} error={errors.email?.message}>
            <Input type="email" autoComplete="email" {...form.register("email")} />
          </Field>
          <Field id="password" label={t("password")} hint={t("passwordHint")} error={errors.password?.message}>
            <Input type="password" autoComplete="new-password" {...form.register("password")} />
          </Field>
          <Button type="submit" disabled={form.formState.isSubmitting} className="mt-1 w-full">
            {form.formState.isSubmitting ? t("signingUp") : t("signUp")}
          </Button>
        </form>
        <p className="mt-6 text-center text-sm text-slate-500">
          {t("haveAccount")}{" "}
          <Link href={`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`} className="font-medium text-brand-600 hover:underline">
            {t("signIn")}
          </Link>
        </p>
      </CardContent>
    </Card>
  );
}
