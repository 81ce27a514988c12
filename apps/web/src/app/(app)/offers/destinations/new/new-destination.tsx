"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { DestinationForm } from "~/components/destinations/destination-form";
import { rememberGeneratedSecrets } from "~/components/destinations/generated-secrets";
import { KindIcon } from "~/components/destinations/kind-icon";
import { KindPicker } from "~/components/destinations/kind-picker";
import { SetupGuide } from "~/components/destinations/setup-guide";
import { isDestinationKind } from "~/components/destinations/types";
import { PageHeader } from "~/components/page-header";
import { Button } from "~/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "~/components/ui/card";
import { useTRPC } from "~/trpc/react";

/** Choose a kind, then fill in its form beside its setup guide. */
export function NewDestination({ offer }: { offer: { id: string; title: string; ref: string } | null }) {
  const t = useTranslations("destinations");
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const { data: kinds } = useSuspenseQuery(trpc.destinations.kinds.queryOptions());
  const kindParam = params.get("kind");
  const kind = isDestinationKind(kindParam) ? kindParam : null;
  const info = kinds.find((k) => k.kind === kind);
  const backHref = offer ? `/offers/${offer.id}` : "/offers";
  const withKind = (next: string | null) => {
    const search = new URLSearchParams(params.toString());
    if (next) search.set("kind", next);
    else search.delete("kind");
    return `${pathname}?${search.toString()}`;
  };

  return (
    <>
      <Link href={backHref} className="mb-3 inline-flex items-center gap-1.5 text-sm text-slate-500 hover:text-slate-800">
        <ArrowLeft className="size-4" aria-hidden="true" />
        {offer ? t("new.backToOffer", { title: offer.title }) : t("new.backToOffers")}
      </Link>
      <PageHeader
        title={kind ? t("new.titleKind", { kind: t(`kinds.${kind}.label`) }) : t("new.title")}
        description={offer ? t("new.forOffer", { title: offer.title, ref: offer.ref }) : t("new.forDefault")}
      />
      {!kind ? (
        <Card>
          <CardHeader>
            <CardTitle>{t("picker.title")}</CardTitle>
            <CardDescription>{t("picker.description")}</CardDescription>
          </CardHeader>
          <CardContent>
            <KindPicker kinds={kinds} onPick={(picked) => router.push(withKind(picked))} />
          </CardContent>
        </Card>
      ) : (
        <div className="grid grid-cols-1 gap-6 lg:grid-cols-5">
          <Card className="lg:col-span-3">
            <CardHeader className="flex-row items-start gap-3">
              <KindIcon kind={kind} />
              <div className="grid flex-1 gap-1">
                <CardTitle>{t(`kinds.${kind}.label`)}</CardTitle>
                <CardDescription>{t(`kinds.${kind}.description`)}</CardDescription>
              </div>
              <Button variant="ghost" size="sm" onClick={() => router.push(withKind(null))}>
                {t("new.changeKind")}
              </Button>
            </CardHeader>
            <CardContent>
              <DestinationForm
                key={kind}
                mode="create"
                kind={kind}
                offerId={offer?.id ?? null}
                onCancel={() => router.push(backHref)}
                onSaved={({ id, generatedSecrets }) => {
                  rememberGeneratedSecrets(id, generatedSecrets);
                  router.push(`/offers/destinations/${id}`);
                }}
              />
            </CardContent>
          </Card>
          <Card className="self-start lg:col-span-2">
            <CardContent className="pt-6">
              <SetupGuide kind={kind} info={info} />
            </CardContent>
          </Card>
        </div>
      )}
    </>
  );
}
