"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "~/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "~/components/ui/card";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "~/components/ui/dialog";
import { Input, Label } from "~/components/ui/input";
import { useErrorMessage } from "~/lib/use-error-message";
import { useTRPC } from "~/trpc/react";

export function GeneralCard({ name, slug, canEdit }: { name: string; slug: string; canEdit: boolean }) {
  const t = useTranslations("settings");
  const common = useTranslations("common");
  const trpc = useTRPC();
  const router = useRouter();
  const errorMessage = useErrorMessage();
  const [value, setValue] = useState(name);
  const rename = useMutation(trpc.tenant.rename.mutationOptions());
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("general")}</CardTitle>
        <CardDescription>{t("generalDescription", { slug })}</CardDescription>
      </CardHeader>
      <CardContent>
        <form
          className="flex max-w-lg flex-wrap items-end gap-3"
          onSubmit={async (event) => {
            event.preventDefault();
            try {
              await rename.mutateAsync({ name: value });
              toast.success(t("renamed"));
              router.refresh();
            } catch (error) {
              toast.error(errorMessage(error));
            }
          }}
        >
          <div className="grid min-w-60 flex-1 gap-1.5">
            <Label htmlFor="tenant-name">{t("name")}</Label>
            <Input id="tenant-name" value={value} onChange={(e) => setValue(e.target.value)} disabled={!canEdit} />
          </div>
          {canEdit ? (
            <Button type="submit" disabled={rename.isPending || value.trim() === name || value.trim().length < 2}>
              {common("save")}
            </Button>
          ) : null}
        </form>
      </CardContent>
    </Card>
  );
}

export function LeaveCard({ tenantName }: { tenantName: string }) {
  const t = useTranslations("settings");
  const common = useTranslations("common");
  const trpc = useTRPC();
  const errorMessage = useErrorMessage();
  const leave = useMutation(trpc.members.leave.mutationOptions());
  return (
    <Card className="border-red-100">
      <CardHeader>
        <CardTitle>{t("leave")}</CardTitle>
        <CardDescription>{t("leaveConfirm")}</CardDescription>
      </CardHeader>
      <CardContent>
        <Dialog>
          <DialogTrigger asChild>
            <Button variant="secondary" className="text-red-700">{t("leave")}</Button>
          </DialogTrigger>
          <DialogContent title={`${t("leave")}: ${tenantName}`} description={t("leaveConfirm")}>
            <div className="flex justify-end gap-2">
              <DialogClose asChild>
                <Button variant="secondary">{common("cancel")}</Button>
              </DialogClose>
              <Button
                variant="destructive"
                disabled={leave.isPending}
                onClick={async () => {
                  try {
                    await leave.mutateAsync();
                    toast.success(t("left", { tenant: tenantName }));
                    window.location.assign("/leads");
                  } catch (error) {
                    toast.error(errorMessage(error));
                  }
                }}
              >
                {t("leave")}
              </Button>
            </div>
          </DialogContent>
        </Dialog>
      </CardContent>
    </Card>
  );
}
