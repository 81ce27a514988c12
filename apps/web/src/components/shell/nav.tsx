"use client";

import { BarChart3, Inbox, ListChecks, MessageSquareText, Settings, Shield, Waypoints } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { cn } from "~/lib/utils";

const items = [
  { href: "/leads", key: "leads", icon: Inbox },
  { href: "/offers", key: "offers", icon: Waypoints },
  { href: "/follow-up", key: "followUp", icon: ListChecks },
  { href: "/insights", key: "insights", icon: BarChart3 },
  { href: "/feedback", key: "feedback", icon: MessageSquareText },
  { href: "/settings", key: "settings", icon: Settings },
] as const;

export function Nav({ isPlatformAdmin, onNavigate }: { isPlatformAdmin: boolean; onNavigate?: () => void }) {
  const t = useTranslations("nav");
  const pathname = usePathname();
  const all = isPlatformAdmin ? [...items, { href: "/admin", key: "admin", icon: Shield } as const] : items;
  return (
    <nav aria-label={t("mainNavigation")} className="grid gap-1">
      {all.map(({ href, key, icon: Icon }) => {
        const active = pathname === href || pathname.startsWith(`${href}/`);
        return (
          <Link
            key={href}
            href={href}
            onClick={onNavigate}
            aria-current={active ? "page" : undefined}
            className={cn(
              "flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium transition-colors",
              active ? "bg-brand-50 text-brand-700" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900",
            )}
          >
            <Icon className="size-4" aria-hidden="true" />
            {t(key)}
          </Link>
        );
      })}
    </nav>
  );
}
