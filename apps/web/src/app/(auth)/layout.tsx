import { getTranslations } from "next-intl/server";
import { LocaleSwitcher } from "~/components/locale-switcher";
import { Logo } from "~/components/logo";

export default async function AuthLayout({ children }: { children: React.ReactNode }) {
  const t = await getTranslations("common");
  return (
    <div className="flex min-h-dvh flex-col bg-gradient-to-b from-brand-50 to-surface">
      <header className="flex items-center justify-between px-6 py-4">
        <Logo />
        <LocaleSwitcher />
      </header>
      <main className="flex flex-1 items-start justify-center px-4 pb-16 pt-8 sm:pt-16">
        <div className="w-full max-w-md">{children}</div>
      </main>
      <footer className="pb-6 text-center text-xs text-slate-500">{t("tagline")}</footer>
    </div>
  );
}
