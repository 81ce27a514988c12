"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Card, CardDescription, CardHeader, CardTitle } from "~/components/ui/card";
import { Table, Td, Th } from "~/components/ui/table";
import { DestinationKindLabel, DestinationStateBadge } from "./admin-ui";

type DestinationKind = Parameters<typeof DestinationKindLabel>[0]["kind"];
type DestinationState = Parameters<typeof DestinationStateBadge>[0]["state"];

/** What every destination-health row shows: the destination, its state and its backlog. */
export interface DestinationHealthRow {
  id: string;
  name: string;
  kind: DestinationKind;
  offer: { title: string } | null;
  state: DestinationState;
  consecutiveFailures: number;
  heldCount: number;
  failedCount: number;
}

/** A page's own column: between Destination and State (`before`) or between State and Backlog (`after`). */
export interface DestinationHealthColumn<R> {
  key: string;
  header: ReactNode;
  className?: string;
  cell: (row: R) => ReactNode;
}

/**
 * The admin console's destination-health table (delivery health, tenant detail): each
 * destination with its kind and offer, its state with failures in a row, and its backlog
 * of held and failed deliveries, plus the page's own columns. `placeholder` fills the body
 * while there are no rows (loading, an error, nothing to show), given the column count.
 */
export function DestinationHealthTable<R extends DestinationHealthRow>({
  title,
  description,
  rows,
  before = [],
  after = [],
  placeholder,
  rowTestId,
}: {
  title: ReactNode;
  description: ReactNode;
  rows: readonly R[] | undefined;
  before?: DestinationHealthColumn<R>[];
  after?: DestinationHealthColumn<R>[];
  placeholder: (columns: number) => ReactNode;
  rowTestId?: (row: R) => string;
}) {
  const t = useTranslations("adminConsole.destinationHealth");
  const columns = before.length + after.length + 3;
  const cells = (list: DestinationHealthColumn<R>[], row: R) =>
    list.map((column) => (
      <Td key={column.key} className={column.className}>
        {column.cell(row)}
      </Td>
    ));
  const headers = (list: DestinationHealthColumn<R>[]) =>
    list.map((column) => (
      <Th key={column.key} className={column.className}>
        {column.header}
      </Th>
    ));

  return (
    <Card>
      <CardHeader>
        <CardTitle>{title}</CardTitle>
        <CardDescription>{description}</CardDescription>
      </CardHeader>
      <Table>
        <thead>
          <tr>
            <Th className="pl-6">{t("destination")}</Th>
            {headers(before)}
            <Th>{t("state")}</Th>
            {headers(after)}
            <Th className="pr-6 text-right">{t("backlog")}</Th>
          </tr>
        </thead>
        <tbody>
          {!rows || rows.length === 0
            ? placeholder(columns)
            : rows.map((d) => (
                <tr key={d.id} data-testid={rowTestId?.(d)}>
                  <Td className="pl-6">
                    <div className="font-medium">{d.name}</div>
                    <div className="text-xs text-slate-500">
                      <DestinationKindLabel kind={d.kind} /> · {d.offer ? d.offer.title : t("allOffers")}
                    </div>
                  </Td>
                  {cells(before, d)}
                  <Td>
                    <DestinationStateBadge state={d.state} />
                    {d.consecutiveFailures > 0 ? <div className="mt-1 text-xs text-slate-500">{t("failuresInARow", { count: d.consecutiveFailures })}</div> : null}
                  </Td>
                  {cells(after, d)}
                  <Td className="pr-6 text-right text-xs tabular-nums text-slate-600">
                    {d.heldCount + d.failedCount === 0 ? (
                      <span className="text-slate-400">—</span>
                    ) : (
                      <div className="grid justify-end gap-0.5">
                        {d.heldCount > 0 ? <span>{t("held", { count: d.heldCount })}</span> : null}
                        {d.failedCount > 0 ? <span className="text-red-700">{t("failed", { count: d.failedCount })}</span> : null}
                      </div>
                    )}
                  </Td>
                </tr>
              ))}
        </tbody>
      </Table>
    </Card>
  );
}
