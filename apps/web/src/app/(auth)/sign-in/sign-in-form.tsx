"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { signInWithMicrosoft, signInWithPassword } from "@leadrelay/auth/client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { Button } from "~/components/ui/button";
import { Card, CardContent, CardHeader } from "~/components/ui/card";
import { Field } from "~/components/ui/field";
import { Input } from "~/components/ui/input";

export function SignInForm({ callbackUrl, defaultEmail, microsoft }: { callbackUrl: string; defaultEmail: string; microsoft: boolean }) {
  const t = useTranslations("auth");
  const v = useTranslations("validation");
  const [failure, setFailure] = useState<string | null>(null);
  const schema = z.object({ email: z.string().trim().email(v("email")), password: z.string().min(1, v("required")) });
  const form = useForm<z.infer<typeof schema>>({ resolver: zodResolver(schema), defaultValues: { email: defaultEmail, password: "" } });

  const onSubmit = form.handleSubmit(async ({ email, password }) => {
    setFailure(null);
    const result = await signInWithPassword(email, password);
    if (result.ok) {
      // A full navigation so every server component sees the new session.
      window.location.assign(callbackUrl);
      return;
    }
    setFailure(t(result.reason));
  });
  const errors = form.formState.errors;

  return (
    <Card>
      <CardHeader>
        <h1 className="text-xl font-semibold">{t("signInTitle")}</h1>
        <p className="text-sm text-slate-500">{t("signInSubtitle")}</p>
      </CardHeader>
      <CardContent>
        <form onSubmit={onSubmit} className="grid gap-4" noValidate>
          {failure ? (
            <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">
              {failure}
            </div>
          ) : null}
          <Field id="email" label={t("email")} error={errors.email?.message}>
            <Input type="email" autoComplete="email" autoFocus {...form.register("email")} />
          </Field>
          <Field id="password" label={t("password")} error={errors.password?.message}>
            <Input type="password" autoComplete="current-password" {...form.register("password")} />
          </Field>
          <Button type="submit" disabled={form.formState.isSubmitting} className="mt-1 w-full">
            {form.formState.isSubmitting ? t("signingIn") : t("signIn")}
          </Button>
        </form>
        {microsoft ? (
          <>
            <div className="my-4 flex items-center gap-3 text-xs text-slate-400">
              <span className="h-px flex-1 bg-slate-200" />
              {t("orContinueWith")}
              <span className="h-px flex-1 bg-slate-200" />
            </div>
            <Button variant="secondary" className="w-full" onClick={() => void signInWithMicrosoft(callbackUrl)}>
              <svg viewBox="0 0 21 21" aria-hidden="true">
                <path fill="#f25022" d="M1 1h9v9H1z" /><path fill="#7fba00" d="M11 1h9v9h-9z" />
                <path fill="#00a4ef" d="M1 11h9v9H1z" /><path fill="#ffb900" d="M11 11h9v9h-9z" />
              </svg>
              {t("microsoft")}
            </Button>
          </>
        ) : null}
        <p className="mt-6 text-center text-sm text-slate-500">
          {t("noAccount")}{" "}
          <Link href={`/sign-up?callbackUrl=${encodeURIComponent(callbackUrl)}`} className="font-medium text-brand-600 hover:underline">
            {t("createAccount")}
          </Link>
        </p>
      </CardContent>
    </Card>
  );
}
