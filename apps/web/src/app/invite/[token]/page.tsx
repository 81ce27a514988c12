import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { getSession } from "@leadrelay/auth";
import { Logo } from "~/components/logo";
import { Card, CardContent, CardHeader } from "~/components/ui/card";
import { serverCaller } from "~/trpc/server";
import { InviteActions } from "./invite-actions";

export const metadata: Metadata = { title: "Invitation" };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const t = await getTranslations("invite");
  const roles = await getTranslations("roles");
  const caller = await serverCaller();
  const preview = token.length >= 20 ? await caller.invitations.preview({ token }).catch(() => null) : null;
  const session = await getSession();
  const me = session ? await caller.account.me().catch(() => null) : null;

  return (
    <div className="flex min-h-dvh flex-col items-center bg-gradient-to-b from-brand-50 to-surface px-4 pt-16">
      <Logo className="mb-8" />
      <Card className="w-full max-w-md">
        {!preview ? (
          <CardHeader>
            <p role="alert" className="text-sm text-slate-600">{t("notFound")}</p>
          </CardHeader>
        ) : (
          <>
            <CardHeader>
              <h1 className="text-xl font-semibold">{t("title", { tenant: preview.tenantName })}</h1>
              <p className="text-sm text-slate-500">
                {t("subtitle", { inviter: preview.invitedBy, email: preview.email, role: roles(preview.role) })}
              </p>
            </CardHeader>
            <CardContent>
              {preview.state !== "valid" ? (
                <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800">
                  {t(preview.state, { inviter: preview.invitedBy })}
                </p>
              ) : (
                <InviteActions
                  token={token}
                  invitedEmail={preview.email}
                  accountExists={preview.accountExists}
                  signedInEmail={me?.user.email ?? null}
                  tenantName={preview.tenantName}
                />
              )}
            </CardContent>
          </>
        )}
      </Card>
    </div>
  );
}
