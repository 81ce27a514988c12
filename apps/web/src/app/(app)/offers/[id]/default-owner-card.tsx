"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { UserRound } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { toast } from "sonner";
import { OwnerAvatar } from "~/components/follow-up/lead-badges";
import { Card } from "~/components/ui/card";
import { Label, NativeSelect } from "~/components/ui/input";
import { useErrorMessage } from "~/lib/use-error-message";
import { useTRPC } from "~/trpc/react";

/**
 * Who gets the offer's new leads when the assignment rule is "by offer". Admins choose a
 * member; everyone sees the choice and what happens without one (the round robin).
 */
export function DefaultOwnerCard({
  offer,
  canManage,
}: {
  offer: { id: string; title: string; defaultOwner: { userId: string; name: string | null; email: string } | null };
  canManage: boolean;
}) {
  const t = useTranslations("offers.defaultOwner");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const { data: members } = useSuspenseQuery(trpc.members.list.queryOptions());
  const { data: assignment } = useSuspenseQuery(trpc.pipeline.assignment.queryOptions());
  const update = useMutation(
    trpc.offers.update.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.offers.pathKey() }),
    }),
  );
  const owner = offer.defaultOwner;
  const ownerName = owner ? (owner.name ?? owner.email) : null;
  const byOffer = assignment.mode === "BY_OFFER";

  const save = async (userId: string) => {
    try {
      const saved = await update.mutateAsync({ id: offer.id, defaultOwnerId: userId || null });
      const member = members.find((m) => m.userId === saved.defaultOwnerId);
      toast.success(member ? t("saved", { name: member.name ?? member.email }) : t("cleared"));
    } catch (error) {
      toast.error(errorMessage(error));
    }
  };

  return (
    <Card className="p-4" data-testid="offer-default-owner">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="grid min-w-0 max-w-2xl gap-1">
          <p className="flex items-center gap-2 text-xs font-medium uppercase tracking-wide text-slate-500">
            <UserRound className="size-3.5" aria-hidden="true" />
            {t("title")}
          </p>
          <p className="text-sm text-slate-600">
            {byOffer
              ? owner
                ? t("activeWithOwner", { name: ownerName ?? "" })
                : t("activeNoOwner")
              : t.rich("inactive", {
                  settings: (chunks) => (
                    <Link href="/follow-up?view=settings" className="font-medium text-brand-700 hover:underline">
                      {chunks}
                    </Link>
                  ),
                })}
          </p>
          <p className="text-xs text-slate-500">{t("fallback")}</p>
        </div>
        {canManage ? (
          <div className="grid w-full gap-1.5 sm:w-64">
            <Label htmlFor="offer-default-owner">{t("label")}</Label>
            <NativeSelect
              id="offer-default-owner"
              value={owner?.userId ?? ""}
              disabled={update.isPending}
              onChange={(event) => void save(event.target.value)}
            >
              <option value="">{t("none")}</option>
              {members.map((m) => (
                <option key={m.userId} value={m.userId}>
                  {m.name ?? m.email}
                </option>
              ))}
            </NativeSelect>
          </div>
        ) : (
          <span className="flex items-center gap-2 text-sm text-slate-700">
            <OwnerAvatar owner={owner} />
            {ownerName ?? t("none")}
          </span>
        )}
      </div>
    </Card>
  );
}
