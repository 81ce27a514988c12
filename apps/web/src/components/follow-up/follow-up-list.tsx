"use client";

import { useInfiniteQuery, useSuspenseQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useDeferredValue, useState } from "react";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { Input, Label, NativeSelect } from "~/components/ui/input";
import { Table, Td, Th } from "~/components/ui/table";
import { useTRPC } from "~/trpc/react";
import { FlagBadges, OwnerAvatar, RangeMeter } from "./lead-badges";
import { LeadSheet, type LeadSummary } from "./lead-sheet";
import { useViewTimeZone } from "./use-follow-up-data";

const FLAGS = ["overdue", "due", "silent", "uncontacted", "belowRange", "withinRange", "aboveRange", "nurture", "qualified"] as const;
type Flag = (typeof FLAGS)[number];

/** Every lead in the pipeline, filterable by owner, stage and follow-up state (silent, overdue, below 5…). */
export function FollowUpList() {
  const t = useTranslations("followUp");
  const format = useFormatter();
  const trpc = useTRPC();
  const timeZone = useViewTimeZone();
  const [owner, setOwner] = useState("any");
  const [stageId, setStageId] = useState("");
  const [flag, setFlag] = useState<Flag | "">("");
  const [search, setSearch] = useState("");
  const q = useDeferredValue(search.trim());
  const [open, setOpen] = useState<LeadSummary | null>(null);
  const { data: stages } = useSuspenseQuery(trpc.pipeline.stages.queryOptions());
  const { data: members } = useSuspenseQuery(trpc.members.list.queryOptions());
  const list = useInfiniteQuery(
    trpc.followUps.list.infiniteQueryOptions(
      { owner, limit: 50, timeZone, ...(stageId ? { stageId } : {}), ...(flag ? { flag } : {}), ...(q ? { q } : {}) },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
  );
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-end gap-3">
        <div className="grid w-48 gap-1.5">
          <Label htmlFor="list-owner">{t("ownerFilter")}</Label>
          <NativeSelect id="list-owner" value={owner} onChange={(e) => setOwner(e.target.value)}>
            <option value="any">{t("owners.any")}</option>
            <option value="me">{t("owners.me")}</option>
            <option value="unassigned">{t("owners.unassigned")}</option>
            {members.map((m) => (
              <option key={m.userId} value={m.userId}>{m.name ?? m.email}</option>
            ))}
          </NativeSelect>
        </div>
        <div className="grid w-44 gap-1.5">
          <Label htmlFor="list-stage">{t("stage")}</Label>
          <NativeSelect id="list-stage" value={stageId} onChange={(e) => setStageId(e.target.value)}>
            <option value="">{t("allStages")}</option>
            {stages.map((s) => (
              <option key={s.id} value={s.id}>{s.name}</option>
            ))}
          </NativeSelect>
        </div>
        <div className="grid w-52 gap-1.5">
          <Label htmlFor="list-flag">{t("show")}</Label>
          <NativeSelect id="list-flag" value={flag} onChange={(e) => setFlag(e.target.value as Flag | "")}>
            <option value="">{t("listFlags.all")}</option>
            {FLAGS.map((f) => (
              <option key={f} value={f}>{t(`listFlags.${f}`)}</option>
            ))}
          </NativeSelect>
        </div>
        <div className="grid min-w-56 flex-1 gap-1.5">
          <Label htmlFor="list-search">{t("search")}</Label>
          <Input id="list-search" type="search" value={search} placeholder={t("searchPlaceholder")} onChange={(e) => setSearch(e.target.value)} />
        </div>
      </div>

      <Card className="overflow-hidden">
        <Table>
          <thead>
            <tr>
              <Th className="pl-4">{t("lead")}</Th>
              <Th>{t("stage")}</Th>
              <Th>{t("owner")}</Th>
              <Th>{t("followUps")}</Th>
              <Th>{t("nextFollowUp")}</Th>
              <Th className="pr-4">{t("attention")}</Th>
            </tr>
          </thead>
          <tbody>
            {list.isPending ? (
              <tr>
                <Td colSpan={6} className="py-10 text-center text-slate-400">{t("loading")}</Td>
              </tr>
            ) : items.length === 0 ? (
              <tr>
                <Td colSpan={6} className="py-10 text-center text-slate-500">{t("listEmpty")}</Td>
              </tr>
            ) : (
              items.map((lead) => (
                <tr key={lead.id} className="hover:bg-slate-50">
                  <Td className="max-w-64 pl-4">
                    <button
                      type="button"
                      className="block max-w-full truncate text-left font-medium text-slate-900 hover:text-brand-700"
                      onClick={() => setOpen({ id: lead.id, name: lead.name, company: lead.company, email: lead.email, offerTitle: lead.offerTitle })}
                    >
                      {lead.name}
                    </button>
                    <span className="block truncate text-xs text-slate-500">{[lead.company, lead.offerTitle].filter(Boolean).join(" · ") || "—"}</span>
                  </Td>
                  <Td>
                    <Badge variant={lead.stage.kind === "WON" ? "success" : lead.stage.kind === "OPEN" ? "default" : "warning"}>{lead.stage.name}</Badge>
                  </Td>
                  <Td>
                    <span className="flex items-center gap-2">
                      <OwnerAvatar owner={lead.owner} />
                      <span className="hidden truncate text-xs text-slate-600 xl:inline">{lead.owner ? (lead.owner.name ?? lead.owner.email) : t("unassigned")}</span>
                    </span>
                  </Td>
                  <Td>
                    <span className="flex items-center gap-2">
                      <RangeMeter count={lead.followUpCount} status={lead.range} compact />
                      <span className="text-xs tabular-nums text-slate-600">{lead.followUpCount}</span>
                    </span>
                  </Td>
                  <Td className="whitespace-nowrap text-xs text-slate-600">
                    {lead.nextFollowUpAt ? format.dateTime(lead.nextFollowUpAt, { dateStyle: "medium", timeStyle: "short" }) : "—"}
                  </Td>
                  <Td className="pr-4">
                    <FlagBadges flags={lead.flags} />
                  </Td>
                </tr>
              ))
            )}
          </tbody>
        </Table>
      </Card>
      {list.hasNextPage ? (
        <Button variant="secondary" className="justify-self-center" disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
          {t("loadMore")}
        </Button>
      ) : null}
      <LeadSheet lead={open} onClose={() => setOpen(null)} />
    </div>
  );
}
