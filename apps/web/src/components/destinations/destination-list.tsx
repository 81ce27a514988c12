"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { ChevronRight, Plus } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { Button } from "~/components/ui/button";
import { useTRPC } from "~/trpc/react";
import { DestinationMenu } from "./destination-actions";
import { destinationSummary, HealthDetails } from "./health";
import { KindIcon } from "./kind-icon";
import { DestinationStateBadge } from "./status-badges";
import { SendTestLeadButton, TestLeadOutcome, useSendTestLead } from "./test-lead";
import type { DestinationView } from "./types";

/** Where "add destination" goes for an offer, or for the tenant-wide default (`null`). */
export const newDestinationHref = (offerId: string | null) => `/offers/destinations/new?offer=${offerId ?? "default"}`;

export function AddDestinationButton({ offerId, variant = "default" }: { offerId: string | null; variant?: "default" | "secondary" }) {
  const t = useTranslations("destinations.list");
  return (
    <Button asChild variant={variant} size="sm">
      <Link href={newDestinationHref(offerId)}>
        <Plus aria-hidden="true" />
        {t("add")}
      </Link>
    </Button>
  );
}

/** The destinations of one offer, or the tenant-wide defaults, each with its health and quick actions. */
export function DestinationList({ offerId, canManage, empty }: { offerId: string | null; canManage: boolean; empty: React.ReactNode }) {
  const trpc = useTRPC();
  const { data: destinations } = useSuspenseQuery(trpc.destinations.list.queryOptions({ offerId }));
  if (destinations.length === 0) return <div className="rounded-lg border border-dashed border-slate-300 px-4 py-6 text-center text-sm text-slate-500">{empty}</div>;
  return (
    <ul className="grid grid-cols-1 gap-3">
      {destinations.map((destination) => (
        <DestinationRow key={destination.id} destination={destination} canManage={canManage} />
      ))}
    </ul>
  );
}

function DestinationRow({ destination, canManage }: { destination: DestinationView; canManage: boolean }) {
  const t = useTranslations("destinations");
  const test = useSendTestLead(destination.id);
  const kindLabel = t.has(`kinds.${destination.kind}.label`) ? t(`kinds.${destination.kind}.label`) : destination.kindLabel;
  return (
    <li className="min-w-0 rounded-lg border border-slate-200 bg-white p-4" data-testid={`destination-${destination.name}`}>
      <div className="flex items-start gap-3">
        <KindIcon kind={destination.kind} />
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-2">
            <Link href={`/offers/destinations/${destination.id}`} className="font-medium text-slate-900 hover:underline">
              {destination.name}
            </Link>
            <DestinationStateBadge state={destination.state} />
          </div>
          <p className="mt-0.5 truncate text-xs text-slate-500" title={destinationSummary(destination)}>
            {kindLabel}
            {destinationSummary(destination) ? ` · ${destinationSummary(destination)}` : ""}
          </p>
        </div>
        {canManage ? <DestinationMenu destination={destination} /> : null}
      </div>
      <div className="mt-3 border-t border-slate-100 pt-3">
        <HealthDetails destination={destination} compact />
      </div>
      <div className="mt-3 flex flex-wrap items-center gap-2">
        {canManage ? <SendTestLeadButton size="sm" variant="secondary" onClick={() => void test.send()} pending={test.pending} /> : null}
        <Button asChild variant="ghost" size="sm">
          <Link href={`/offers/destinations/${destination.id}`}>
            {t("list.open")}
            <ChevronRight aria-hidden="true" />
          </Link>
        </Button>
      </div>
      {test.run ? <TestLeadOutcome run={test.run} onDismiss={test.clear} className="mt-3" /> : null}
    </li>
  );
}
