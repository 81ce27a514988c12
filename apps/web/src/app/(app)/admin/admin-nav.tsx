"use client";

import { Activity, Building2, MessageSquareText, ScrollText } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { cn } from "~/lib/utils";

const sections = [
  { href: "/admin", key: "tenants", icon: Building2, matches: (p: string) => p === "/admin" || p.startsWith("/admin/tenants") },
  { href: "/admin/feedback", key: "feedback", icon: MessageSquareText, matches: (p: string) => p.startsWith("/admin/feedback") },
  { href: "/admin/health", key: "health", icon: Activity, matches: (p: string) => p.startsWith("/admin/health") },
  { href: "/admin/audit", key: "audit", icon: ScrollText, matches: (p: string) => p.startsWith("/admin/audit") },
] as const;

export function AdminNav() {
  const t = useTranslations("adminConsole.nav");
  const pathname = usePathname();
  return (
    <nav aria-label={t("label")} className="-mx-4 overflow-x-auto border-b border-slate-200 px-4 sm:mx-0 sm:px-0">
      <ul className="flex min-w-max gap-1">
        {sections.map(({ href, key, icon: Icon, matches }) => {
          const active = matches(pathname);
          return (
            <li key={href}>
              <Link
                href={href}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "-mb-px flex items-center gap-2 border-b-2 px-3 py-2.5 text-sm font-medium transition-colors",
                  active ? "border-brand-600 text-brand-700" : "border-transparent text-slate-500 hover:border-slate-300 hover:text-slate-800",
                )}
              >
                <Icon className="size-4" aria-hidden="true" />
                {t(key)}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
