"use client";

import { DEFAULT_NURTURE_CADENCE_DAYS } from "@leadrelay/leads";
import { useMutation, useQuery } from "@tanstack/react-query";
import { Ban, CalendarClock, CheckCircle2, CircleDashed, Sprout } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useId, useState } from "react";
import { toast } from "sonner";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Input, Label, NativeSelect } from "~/components/ui/input";
import { cn } from "~/lib/utils";
import { useTRPC } from "~/trpc/react";
import { ActivityForm } from "./activity-form";
import { FlagBadges, RangeMeter } from "./lead-badges";
import { LeadTimeline } from "./lead-timeline";
import { RelativeTime } from "./relative-time";
import { useFollowUpError } from "./use-follow-up-error";
import { useLocalDateTime, useRefreshFollowUps, useViewTimeZone } from "./use-follow-up-data";

/**
 * Everything about following up one lead: stage, owner, the 5–12 count, qualification
 * checklist, logging calls/e-mails/meetings/notes, the next follow-up, nurture and the
 * timeline. Self-contained (fetches its own data): mount it on any lead page.
 */
export function LeadFollowUpPanel({ leadId, className }: { leadId: string; className?: string }) {
  const t = useTranslations("followUp");
  const trpc = useTRPC();
  const timeZone = useViewTimeZone();
  const lead = useQuery(trpc.followUps.lead.queryOptions({ leadId, timeZone }));
  const stages = useQuery(trpc.pipeline.stages.queryOptions());
  const members = useQuery(trpc.members.list.queryOptions());
  const errorMessage = useFollowUpError();
  // Shown only once mounted: a page that prefetches these queries still hydrates the same skeleton.
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);

  if (!mounted || lead.isPending) {
    return (
      <div className={cn("grid gap-3", className)} aria-busy="true" aria-label={t("loading")}>
        {[0, 1, 2].map((i) => (
          <div key={i} className="h-20 animate-pulse rounded-lg bg-slate-100" />
        ))}
      </div>
    );
  }
  if (lead.isError) {
    return (
      <p role="alert" className={cn("rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700", className)}>
        {errorMessage(lead.error)}
      </p>
    );
  }

  const { lead: view, qualification, activities } = lead.data;
  return (
    <div className={cn("grid gap-5", className)} data-testid="lead-follow-up-panel">
      {view.doNotContact ? (
        <div role="note" className="flex gap-3 rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-800">
          <Ban className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
          <p>{t("dncBanner")}</p>
        </div>
      ) : null}

      <StageAndOwner
        leadId={leadId}
        stageId={view.stage.id}
        ownerId={view.owner?.userId ?? null}
        stages={stages.data ?? [view.stage]}
        members={members.data ?? []}
      />

      <section aria-labelledby={`${leadId}-progress`} className="grid gap-2">
        <h3 id={`${leadId}-progress`} className="text-sm font-semibold text-slate-900">{t("progress")}</h3>
        <RangeMeter count={view.followUpCount} status={view.range} />
        <FirstContact receivedAt={view.firstReceivedAt} contactedAt={view.firstContactedAt} lastContactedAt={view.lastContactedAt} />
        <FlagBadges flags={view.flags} />
      </section>

      <NextFollowUp
        key={`next-${view.nextFollowUpAt?.toISOString() ?? "none"}`}
        leadId={leadId}
        nextFollowUpAt={view.nextFollowUpAt}
        due={view.due}
        disabledReason={view.doNotContact ? t("dncNoSchedule") : view.stage.kind !== "OPEN" ? t("closedNoSchedule", { stage: view.stage.name }) : null}
      />

      <section aria-labelledby={`${leadId}-log`} className="grid gap-2">
        <h3 id={`${leadId}-log`} className="text-sm font-semibold text-slate-900">{t("logTitle")}</h3>
        <ActivityForm leadId={leadId} doNotContact={view.doNotContact} canSchedule={!view.doNotContact && view.stage.kind === "OPEN"} />
      </section>

      <Qualification leadId={leadId} qualification={qualification} qualifiedAt={view.qualifiedAt} />

      <Nurture
        key={`nurture-${view.nurtureCadenceDays ?? "none"}`}
        leadId={leadId}
        nurtureUntil={view.nurtureUntil}
        cadenceDays={view.nurtureCadenceDays}
        status={view.nurture}
        doNotContact={view.doNotContact}
      />

      <section aria-labelledby={`${leadId}-history`} className="grid gap-3">
        <h3 id={`${leadId}-history`} className="text-sm font-semibold text-slate-900">{t("historyTitle")}</h3>
        <LeadTimeline leadId={leadId} activities={activities} />
      </section>
    </div>
  );
}

function StageAndOwner({
  leadId,
  stageId,
  ownerId,
  stages,
  members,
}: {
  leadId: string;
  stageId: string;
  ownerId: string | null;
  stages: { id: string; name: string }[];
  members: { userId: string; name: string | null; email: string }[];
}) {
  const t = useTranslations("followUp");
  const trpc = useTRPC();
  const refresh = useRefreshFollowUps();
  const errorMessage = useFollowUpError();
  const move = useMutation(trpc.pipeline.moveLead.mutationOptions({ onSettled: refresh }));
  const assign = useMutation(trpc.pipeline.assignOwner.mutationOptions({ onSettled: refresh }));
  const id = useId();
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <div className="grid gap-1.5">
        <Label htmlFor={`${id}-stage`}>{t("stage")}</Label>
        <NativeSelect
          id={`${id}-stage`}
          value={stageId}
          disabled={move.isPending}
          onChange={async (event) => {
            try {
              const moved = await move.mutateAsync({ leadId, stageId: event.target.value });
              toast.success(t("movedTo", { stage: moved.stage.name }));
            } catch (error) {
              toast.error(errorMessage(error));
            }
          }}
        >
          {stages.map((s) => (
            <option key={s.id} value={s.id}>{s.name}</option>
          ))}
        </NativeSelect>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor={`${id}-owner`}>{t("owner")}</Label>
        <NativeSelect
          id={`${id}-owner`}
          value={ownerId ?? ""}
          disabled={assign.isPending}
          onChange={async (event) => {
            try {
              const updated = await assign.mutateAsync({ leadId, ownerId: event.target.value || null });
              toast.success(updated.owner ? t("assignedTo", { name: updated.owner.name ?? updated.owner.email }) : t("unassignedDone"));
            } catch (error) {
              toast.error(errorMessage(error));
            }
          }}
        >
          <option value="">{t("unassigned")}</option>
          {members.map((m) => (
            <option key={m.userId} value={m.userId}>{m.name ?? m.email}</option>
          ))}
        </NativeSelect>
      </div>
    </div>
  );
}

function FirstContact({ receivedAt, contactedAt, lastContactedAt }: { receivedAt: Date; contactedAt: Date | null; lastContactedAt: Date | null }) {
  const t = useTranslations("followUp");
  if (!contactedAt) return <p className="text-xs text-slate-500">{t.rich("notContactedYet", { time: () => <RelativeTime date={receivedAt} /> })}</p>;
  const hours = Math.max(0, (contactedAt.getTime() - receivedAt.getTime()) / 3_600_000);
  return (
    <p className="text-xs text-slate-500">
      {t("firstContactAfter", { hours: Math.round(hours * 10) / 10 })}
      {lastContactedAt ? <> · {t.rich("lastContact", { time: () => <RelativeTime date={lastContactedAt} /> })}</> : null}
    </p>
  );
}

function NextFollowUp({ leadId, nextFollowUpAt, due, disabledReason }: { leadId: string; nextFollowUpAt: Date | null; due: string; disabledReason: string | null }) {
  const t = useTranslations("followUp");
  const format = useFormatter();
  const trpc = useTRPC();
  const refresh = useRefreshFollowUps();
  const errorMessage = useFollowUpError();
  const dt = useLocalDateTime();
  const id = useId();
  const [value, setValue] = useState(nextFollowUpAt ? dt.toInput(nextFollowUpAt) : "");
  const schedule = useMutation(trpc.followUps.schedule.mutationOptions({ onSettled: refresh }));

  async function save(at: Date | null) {
    try {
      await schedule.mutateAsync({ leadId, nextFollowUpAt: at });
      setValue(at ? dt.toInput(at) : "");
      toast.success(at ? t("scheduled", { when: format.dateTime(at, { dateStyle: "medium", timeStyle: "short" }) }) : t("scheduleCleared"));
    } catch (error) {
      toast.error(errorMessage(error));
    }
  }

  return (
    <section aria-labelledby={`${id}-title`} className="grid gap-2 rounded-lg border border-slate-200 p-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id={`${id}-title`} className="flex items-center gap-2 text-sm font-semibold text-slate-900">
          <CalendarClock className="size-4 text-slate-500" aria-hidden="true" />
          {t("nextFollowUp")}
        </h3>
        {nextFollowUpAt ? (
          <Badge variant={due === "overdue" ? "danger" : due === "today" ? "brand" : "default"}>
            {format.dateTime(nextFollowUpAt, { dateStyle: "medium", timeStyle: "short" })} · {t(`due.${due}`)}
          </Badge>
        ) : (
          <span className="text-xs text-slate-500">{t("nothingScheduled")}</span>
        )}
      </div>
      {disabledReason ? (
        <p className="text-xs text-slate-500">{disabledReason}</p>
      ) : (
        <form
          className="flex flex-wrap items-end gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            const at = dt.fromInput(value);
            if (!at) return toast.error(t("pickDateTime"));
            void save(at);
          }}
        >
          <div className="grid min-w-52 flex-1 gap-1">
            <Label htmlFor={`${id}-at`} className="text-xs">{t("dateTimeIn", { zone: dt.timeZone })}</Label>
            <Input id={`${id}-at`} type="datetime-local" value={value} onChange={(e) => setValue(e.target.value)} />
          </div>
          <Button type="submit" size="sm" disabled={schedule.isPending || !value}>{t("schedule")}</Button>
          {nextFollowUpAt ? (
            <Button type="button" size="sm" variant="ghost" disabled={schedule.isPending} onClick={() => void save(null)}>
              {t("clear")}
            </Button>
          ) : null}
          <div className="flex w-full flex-wrap gap-1">
            {[
              { key: "tomorrow", days: 1 },
              { key: "in3Days", days: 3 },
              { key: "nextWeek", days: 7 },
            ].map((preset) => (
              <Button key={preset.key} type="button" size="sm" variant="secondary" disabled={schedule.isPending} onClick={() => void save(dt.morningIn(preset.days))}>
                {t(`presets.${preset.key}`)}
              </Button>
            ))}
          </div>
        </form>
      )}
    </section>
  );
}

interface QualificationData {
  complete: boolean;
  checked: number;
  total: number;
  missing: { id: string; label: string }[];
  criteria: { id: string; label: string; description: string | null; checked: boolean }[];
}

function Qualification({ leadId, qualification, qualifiedAt }: { leadId: string; qualification: QualificationData; qualifiedAt: Date | null }) {
  const t = useTranslations("followUp");
  const format = useFormatter();
  const trpc = useTRPC();
  const refresh = useRefreshFollowUps();
  const errorMessage = useFollowUpError();
  const set = useMutation(trpc.followUps.setQualification.mutationOptions({ onSettled: refresh }));
  const id = useId();
  // The box follows the click at once; the server's answer (and the refetched checklist) replace it.
  const [pending, setPending] = useState<Record<string, boolean>>({});
  return (
    <section aria-labelledby={`${id}-title`} className="grid gap-2">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id={`${id}-title`} className="text-sm font-semibold text-slate-900">{t("qualificationTitle")}</h3>
        {qualification.complete ? (
          <Badge variant="success" data-testid="qualified-badge">
            <CheckCircle2 className="mr-1 size-3" aria-hidden="true" />
            {qualifiedAt ? t("qualifiedSince", { date: format.dateTime(qualifiedAt, { dateStyle: "medium" }) }) : t("qualified")}
          </Badge>
        ) : (
          <span className="text-xs text-slate-500">{t("checkedOf", { checked: qualification.checked, total: qualification.total })}</span>
        )}
      </div>
      {qualification.total === 0 ? (
        <p className="text-xs text-slate-500">{t("noCriteria")}</p>
      ) : (
        <ul className="grid gap-1">
          {qualification.criteria.map((c) => (
            <li key={c.id}>
              <label className="flex cursor-pointer items-start gap-2 rounded-md px-2 py-1.5 hover:bg-slate-50">
                <input
                  type="checkbox"
                  className="mt-0.5 size-4 accent-brand-600"
                  checked={pending[c.id] ?? c.checked}
                  disabled={c.id in pending}
                  onChange={async (event) => {
                    const checked = event.target.checked;
                    setPending((p) => ({ ...p, [c.id]: checked }));
                    try {
                      const result = await set.mutateAsync({ leadId, criterionId: c.id, checked });
                      if (result.qualification.complete && checked) toast.success(t("nowQualified"));
                    } catch (error) {
                      toast.error(errorMessage(error));
                    } finally {
                      setPending(({ [c.id]: _done, ...rest }) => rest);
                    }
                  }}
                />
                <span className="grid">
                  <span className="text-sm">{c.label}</span>
                  {c.description ? <span className="text-xs text-slate-500">{c.description}</span> : null}
                </span>
              </label>
            </li>
          ))}
        </ul>
      )}
      {!qualification.complete && qualification.missing.length > 0 ? (
        <p className="flex items-center gap-1.5 text-xs text-amber-800">
          <CircleDashed className="size-3.5" aria-hidden="true" />
          {t("missing", { items: qualification.missing.map((m) => m.label).join(", ") })}
        </p>
      ) : null}
    </section>
  );
}

function Nurture({
  leadId,
  nurtureUntil,
  cadenceDays,
  status,
  doNotContact,
}: {
  leadId: string;
  nurtureUntil: Date | null;
  cadenceDays: number | null;
  status: "none" | "nurturing" | "due";
  doNotContact: boolean;
}) {
  const t = useTranslations("followUp");
  const format = useFormatter();
  const trpc = useTRPC();
  const refresh = useRefreshFollowUps();
  const errorMessage = useFollowUpError();
  const id = useId();
  const [days, setDays] = useState(String(cadenceDays ?? DEFAULT_NURTURE_CADENCE_DAYS));
  const start = useMutation(trpc.followUps.startNurture.mutationOptions({ onSettled: refresh }));
  const inNurture = status !== "none";
  return (
    <section aria-labelledby={`${id}-title`} className="grid gap-2 rounded-lg border border-slate-200 p-3">
      <h3 id={`${id}-title`} className="flex items-center gap-2 text-sm font-semibold text-slate-900">
        <Sprout className="size-4 text-emerald-600" aria-hidden="true" />
        {t("nurtureTitle")}
      </h3>
      {inNurture && nurtureUntil ? (
        <p className="text-xs text-slate-600">
          {t("nurturing", { days: cadenceDays ?? 0, when: format.dateTime(nurtureUntil, { dateStyle: "medium" }) })}
          {status === "due" ? <Badge variant="brand" className="ml-2">{t("flags.nurture_due")}</Badge> : null}
        </p>
      ) : (
        <p className="text-xs text-slate-500">{t("nurtureHint")}</p>
      )}
      {doNotContact ? (
        <p className="text-xs text-slate-500">{t("dncNoNurture")}</p>
      ) : (
        <form
          className="flex flex-wrap items-end gap-2"
          onSubmit={async (event) => {
            event.preventDefault();
            const cadence = Number(days);
            if (!Number.isInteger(cadence) || cadence < 1 || cadence > 365) return toast.error(t("cadenceInvalid"));
            try {
              await start.mutateAsync({ leadId, cadenceDays: cadence });
              toast.success(t("nurtureStarted", { days: cadence }));
            } catch (error) {
              toast.error(errorMessage(error));
            }
          }}
        >
          <div className="grid w-32 gap-1">
            <Label htmlFor={`${id}-days`} className="text-xs">{t("cadenceDays")}</Label>
            <Input id={`${id}-days`} type="number" min={1} max={365} value={days} onChange={(e) => setDays(e.target.value)} />
          </div>
          <Button type="submit" size="sm" variant="secondary" disabled={start.isPending}>
            {inNurture ? t("changeCadence") : t("startNurture")}
          </Button>
        </form>
      )}
    </section>
  );
}
