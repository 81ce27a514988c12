"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { useMutation } from "@tanstack/react-query";
import { NativeSelect } from "~/components/ui/input";
import { setLocaleCookie } from "~/i18n/actions";
import { locales } from "~/i18n/config";
import { useTRPC } from "~/trpc/react";

const names: Record<string, string> = { en: "English", ru: "Русский" };

/** Remembers the choice in a cookie and, when signed in, on the account. */
export function LocaleSwitcher({ signedIn = false }: { signedIn?: boolean }) {
  const locale = useLocale();
  const t = useTranslations("common");
  const router = useRouter();
  const trpc = useTRPC();
  const saveOnAccount = useMutation(trpc.account.setLocale.mutationOptions());
  const [pending, startTransition] = useTransition();
  return (
    <NativeSelect
      aria-label={t("language")}
      value={locale}
      disabled={pending}
      className="h-8 w-auto text-xs"
      onChange={(event) => {
        const next = event.target.value as (typeof locales)[number];
        startTransition(async () => {
          await setLocaleCookie(next);
          if (signedIn) await saveOnAccount.mutateAsync({ locale: next }).catch(() => undefined);
          router.refresh();
        });
      }}
    >
      {locales.map((l) => (
        <option key={l} value={l}>
          {names[l]}
        </option>
      ))}
    </NativeSelect>
  );
}
