import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getSession } from "@leadrelay/auth";
import { AppShell } from "~/components/shell/app-shell";
import { CreateTenantForm } from "~/components/shell/tenant-switcher";
import { Card, CardContent, CardHeader } from "~/components/ui/card";
import { serverCaller } from "~/trpc/server";

export default async function SignedInLayout({ children }: { children: React.ReactNode }) {
  const session = await getSession();
  if (!session) redirect("/sign-in");
  const caller = await serverCaller();
  const me = await caller.account.me().catch(() => null);
  if (!me) redirect("/sign-in");
  const t = await getTranslations("tenant");

  const staffInAdminArea = me.user.isPlatformAdmin && (await headers()).get("x-leadrelay-area") === "admin";
  let content = children;
  if (staffInAdminArea) {
    // The console does not depend on the staff member's own publisher account.
  } else if (!me.activeTenant) {
    content = (
      <Card className="mx-auto max-w-lg">
        <CardHeader>
          <h1 className="text-xl font-semibold">{t("noneTitle")}</h1>
          <p className="text-sm text-slate-500">{t("noneBody")}</p>
        </CardHeader>
        <CardContent>
          <CreateTenantForm />
        </CardContent>
      </Card>
    );
  } else if (me.activeTenant.status === "SUSPENDED") {
    content = (
      <Card className="mx-auto max-w-lg border-amber-200" role="alert">
        <CardHeader>
          <h1 className="text-xl font-semibold">{t("suspendedTitle")}</h1>
          <p className="text-sm text-slate-600">{t("suspendedBody", { tenant: me.activeTenant.name })}</p>
        </CardHeader>
      </Card>
    );
  }

  return (
    <AppShell user={me.user} tenants={me.tenants} activeTenantId={me.activeTenant?.id ?? null}>
      {content}
    </AppShell>
  );
}
