"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { CopyField } from "~/components/copy-field";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "~/components/ui/card";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "~/components/ui/dialog";
import { Input, Label } from "~/components/ui/input";
import { useErrorMessage } from "~/lib/use-error-message";
import { useTRPC } from "~/trpc/react";

type Scope = string;

export function ApiTokensCard() {
  const t = useTranslations("apiTokens");
  const common = useTranslations("common");
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const { data: tokens } = useSuspenseQuery(trpc.apiTokens.list.queryOptions());
  const { data: scopes } = useSuspenseQuery(trpc.apiTokens.scopes.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.apiTokens.list.queryKey() });
  const create = useMutation(trpc.apiTokens.create.mutationOptions({ onSettled: refresh }));
  const revoke = useMutation(trpc.apiTokens.revoke.mutationOptions({ onSettled: refresh }));
  const [name, setName] = useState("");
  const [chosen, setChosen] = useState<Set<Scope>>(new Set(["leads:read"]));
  const [secret, setSecret] = useState<string | null>(null);

  return (
    <Card>
      <CardHeader>
        <div className="flex flex-wrap items-start justify-between gap-2">
          <CardTitle>{t("title")}</CardTitle>
          <Link href="/settings/api" className="text-sm font-medium text-brand-600 hover:underline">{t("docs")} →</Link>
        </div>
        <CardDescription>{t("description")}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6">
        <form
          className="grid gap-4"
          onSubmit={async (event) => {
            event.preventDefault();
            if (chosen.size === 0) return void toast.error(t("pickScope"));
            try {
              const result = await create.mutateAsync({ name, scopes: [...chosen] as never });
              setSecret(result.token);
              setName("");
              toast.success(t("created"));
            } catch (error) {
              toast.error(errorMessage(error));
            }
          }}
        >
          <div className="grid max-w-sm gap-1.5">
            <Label htmlFor="token-name">{t("name")}</Label>
            <Input id="token-name" value={name} onChange={(e) => setName(e.target.value)} placeholder={t("namePlaceholder")} required maxLength={80} />
          </div>
          <fieldset className="grid gap-2">
            <legend className="mb-1 text-sm font-medium">{t("scopes")}</legend>
            <div className="grid gap-2 sm:grid-cols-2">
              {scopes.map(({ scope, description }) => (
                <label key={scope} className="flex items-start gap-2 rounded-md border border-slate-200 px-3 py-2 text-sm has-[:checked]:border-brand-500 has-[:checked]:bg-brand-50">
                  <input
                    type="checkbox"
                    className="mt-0.5 accent-brand-600"
                    checked={chosen.has(scope)}
                    onChange={(e) => {
                      const next = new Set(chosen);
                      if (e.target.checked) next.add(scope);
                      else next.delete(scope);
                      setChosen(next);
                    }}
                  />
                  <span>
                    <code className="text-xs font-semibold">{scope}</code>
                    <span className="block text-xs text-slate-500">{description}</span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
          <div>
            <Button type="submit" disabled={create.isPending || !name.trim()}>{t("create")}</Button>
          </div>
        </form>

        {secret ? (
          <div className="rounded-lg border border-amber-200 bg-amber-50 p-4" data-testid="new-api-token">
            <p className="mb-3 text-sm text-amber-900">{t("copyNow")}</p>
            <CopyField value={secret} label={t("title")} />
          </div>
        ) : null}

        {tokens.length === 0 ? (
          <p className="text-sm text-slate-500">{t("none")}</p>
        ) : (
          <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200">
            {tokens.map((token) => (
              <li key={token.id} className="flex flex-wrap items-center gap-3 px-4 py-3 text-sm">
                <div className="min-w-40 flex-1">
                  <div className="font-medium">{token.name}</div>
                  <code className="text-xs text-slate-500">{token.prefix}…</code>
                </div>
                <div className="flex flex-wrap gap-1">
                  {token.scopes.map((s) => <Badge key={s}>{s}</Badge>)}
                </div>
                <span className="text-xs text-slate-500">
                  {token.lastUsedAt ? t("lastUsed", { date: format.relativeTime(token.lastUsedAt) }) : t("neverUsed")}
                </span>
                {token.revokedAt ? (
                  <Badge variant="warning">{t("revoked")}</Badge>
                ) : (
                  <Dialog>
                    <DialogTrigger asChild>
                      <Button variant="ghost" size="sm" className="text-red-700">{t("revoke")}</Button>
                    </DialogTrigger>
                    <DialogContent title={`${t("revoke")}: ${token.name}`} description={t("revokeConfirm")}>
                      <div className="flex justify-end gap-2">
                        <DialogClose asChild><Button variant="secondary">{common("cancel")}</Button></DialogClose>
                        <DialogClose asChild>
                          <Button
                            variant="destructive"
                            onClick={async () => {
                              try {
                                await revoke.mutateAsync({ tokenId: token.id });
                                toast.success(t("revokedToast"));
                              } catch (error) {
                                toast.error(errorMessage(error));
                              }
                            }}
                          >
                            {t("revoke")}
                          </Button>
                        </DialogClose>
                      </div>
                    </DialogContent>
                  </Dialog>
                )}
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
