"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { toast } from "sonner";
import { signOutAction } from "~/components/shell/actions";
import { Button } from "~/components/ui/button";
import { useErrorMessage } from "~/lib/use-error-message";
import { useTRPC } from "~/trpc/react";

export function InviteActions(props: { token: string; invitedEmail: string; accountExists: boolean; signedInEmail: string | null; tenantName: string }) {
  const t = useTranslations("invite");
  const nav = useTranslations("nav");
  const trpc = useTRPC();
  const errorMessage = useErrorMessage();
  const accept = useMutation(trpc.invitations.accept.mutationOptions());
  const here = `/invite/${props.token}`;
  const email = encodeURIComponent(props.invitedEmail);

  if (!props.signedInEmail) {
    return (
      <div className="grid gap-2">
        <Button asChild variant={props.accountExists ? "default" : "secondary"}>
          <Link href={`/sign-in?callbackUrl=${encodeURIComponent(here)}&email=${email}`}>{t("signInToAccept")}</Link>
        </Button>
        <Button asChild variant={props.accountExists ? "secondary" : "default"}>
          <Link href={`/sign-up?callbackUrl=${encodeURIComponent(here)}&email=${email}`}>{t("signUpToAccept")}</Link>
        </Button>
      </div>
    );
  }
  if (props.signedInEmail !== props.invitedEmail) {
    return (
      <div className="grid gap-3">
        <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800">
          {t("wrongAccount", { email: props.signedInEmail, invited: props.invitedEmail })}
        </p>
        <Button variant="secondary" onClick={() => void signOutAction()}>{nav("signOut")}</Button>
      </div>
    );
  }
  return (
    <Button
      className="w-full"
      disabled={accept.isPending}
      onClick={async () => {
        try {
          const result = await accept.mutateAsync({ token: props.token });
          toast.success(t("joined", { tenant: result.tenantName }));
          window.location.assign("/leads");
        } catch (error) {
          toast.error(errorMessage(error));
        }
      }}
    >
      {accept.isPending ? t("accepting") : t("accept")}
    </Button>
  );
}
