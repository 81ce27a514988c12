"use client";

import { LogOut, Menu } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { LocaleSwitcher } from "~/components/locale-switcher";
import { Logo } from "~/components/logo";
import { Button } from "~/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuLabel, DropdownMenuTrigger } from "~/components/ui/dropdown-menu";
import { signOutAction } from "./actions";
import { Nav } from "./nav";
import { TenantSwitcher } from "./tenant-switcher";

export interface ShellProps {
  user: { email: string; name: string | null; isPlatformAdmin: boolean };
  tenants: { id: string; name: string; role: "OWNER" | "ADMIN" | "MEMBER" }[];
  activeTenantId: string | null;
  children: React.ReactNode;
}

export function AppShell({ user, tenants, activeTenantId, children }: ShellProps) {
  const t = useTranslations("nav");
  const [menuOpen, setMenuOpen] = useState(false);
  const initials = (user.name ?? user.email).split(/\s+/).map((w) => w[0]).join("").slice(0, 2).toUpperCase();

  const sidebar = (
    <div className="flex h-full flex-col gap-6 p-4">
      <Logo className="px-2" />
      <TenantSwitcher tenants={tenants} activeId={activeTenantId} />
      <Nav isPlatformAdmin={user.isPlatformAdmin} onNavigate={() => setMenuOpen(false)} />
    </div>
  );

  return (
    <div className="min-h-dvh lg:grid lg:grid-cols-[16rem_1fr]">
      <aside className="hidden border-r border-slate-200 bg-white lg:block">{sidebar}</aside>
      {menuOpen ? (
        <div className="fixed inset-0 z-40 lg:hidden">
          <button type="button" aria-label="Close" className="absolute inset-0 bg-slate-900/40" onClick={() => setMenuOpen(false)} />
          <aside className="absolute inset-y-0 left-0 w-72 bg-white shadow-xl">{sidebar}</aside>
        </div>
      ) : null}
      <div className="flex min-w-0 flex-col">
        <header className="sticky top-0 z-30 flex h-14 items-center gap-3 border-b border-slate-200 bg-white/90 px-4 backdrop-blur sm:px-6">
          <Button variant="ghost" size="icon" className="lg:hidden" aria-label={t("openMenu")} onClick={() => setMenuOpen(true)}>
            <Menu />
          </Button>
          <div className="flex-1" />
          <LocaleSwitcher signedIn />
          <DropdownMenu>
            <DropdownMenuTrigger asChild>
              <button type="button" aria-label={user.email} className="grid size-8 place-items-center rounded-full bg-slate-800 text-xs font-semibold text-white">
                {initials}
              </button>
            </DropdownMenuTrigger>
            <DropdownMenuContent align="end">
              <DropdownMenuLabel>
                <span className="block text-sm font-medium text-slate-900">{user.name ?? user.email}</span>
                <span className="block font-normal">{user.email}</span>
              </DropdownMenuLabel>
              <DropdownMenuItem onSelect={() => void signOutAction()}>
                <LogOut className="size-4" aria-hidden="true" />
                {t("signOut")}
              </DropdownMenuItem>
            </DropdownMenuContent>
          </DropdownMenu>
        </header>
        <main className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 sm:px-6">{children}</main>
      </div>
    </div>
  );
}
