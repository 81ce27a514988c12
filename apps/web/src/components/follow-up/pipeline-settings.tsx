"use client";

import { STAGE_KINDS, type StageKind } from "@leadrelay/leads";
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { ArchiveRestore, ArrowDown, ArrowUp, Archive, Plus, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "~/components/ui/card";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "~/components/ui/dialog";
import { Input, Label, NativeSelect } from "~/components/ui/input";
import { useTRPC } from "~/trpc/react";
import { useFollowUpError } from "./use-follow-up-error";
import { useRefreshFollowUps } from "./use-follow-up-data";

/** Owners and admins shape the sales process: stages, the qualification checklist, and how owners are assigned. */
export function PipelineSettings() {
  return (
    <div className="grid gap-6">
      <StagesCard />
      <ChecklistCard />
      <AssignmentCard />
    </div>
  );
}

function move<T>(items: T[], index: number, by: -1 | 1): T[] {
  const next = [...items];
  const [item] = next.splice(index, 1);
  next.splice(index + by, 0, item!);
  return next;
}

function StagesCard() {
  const t = useTranslations("followUpSettings");
  const trpc = useTRPC();
  const refresh = useRefreshFollowUps();
  const errorMessage = useFollowUpError();
  const { data: list } = useSuspenseQuery(trpc.pipeline.stages.queryOptions());
  const reorder = useMutation(trpc.pipeline.reorderStages.mutationOptions({ onSettled: refresh }));
  const create = useMutation(trpc.pipeline.createStage.mutationOptions({ onSettled: refresh }));
  const [name, setName] = useState("");

  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("stagesTitle")}</CardTitle>
        <CardDescription>{t("stagesDescription")}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        <ol className="grid gap-2">
          {list.map((stage, index) => (
            <li key={stage.id} className="flex items-start gap-2">
              <div className="flex flex-col gap-0.5 pt-1">
                <Button
                  variant="ghost"
                  size="icon"
                  className="size-7"
                  aria-label={t("moveUp", { name: stage.name })}
                  disabled={index === 0 || reorder.isPending}
                  onClick={() => reorder.mutateAsync({ stageIds: move(list, index, -1).map((s) => s.id) }).catch((e: unknown) => toast.error(errorMessage(e)))}
                >
                  <ArrowUp />
                </Button>
                <Button
                  variant="ghost"
                  size="icon"
                  className="size-7"
                  aria-label={t("moveDown", { name: stage.name })}
                  disabled={index === list.length - 1 || reorder.isPending}
                  onClick={() => reorder.mutateAsync({ stageIds: move(list, index, 1).map((s) => s.id) }).catch((e: unknown) => toast.error(errorMessage(e)))}
                >
                  <ArrowDown />
                </Button>
              </div>
              <StageEditor key={`${stage.id}-${stage.name}-${stage.kind}-${stage.isNurture}-${stage.description ?? ""}`} stage={stage} stages={list} />
            </li>
          ))}
        </ol>
        <form
          className="flex flex-wrap items-end gap-2 border-t border-slate-100 pt-4"
          onSubmit={async (event) => {
            event.preventDefault();
            try {
              await create.mutateAsync({ name });
              setName("");
              toast.success(t("stageAdded"));
            } catch (error) {
              toast.error(errorMessage(error));
            }
          }}
        >
          <div className="grid min-w-60 flex-1 gap-1.5">
            <Label htmlFor="new-stage">{t("newStage")}</Label>
            <Input id="new-stage" value={name} maxLength={60} placeholder={t("newStagePlaceholder")} onChange={(e) => setName(e.target.value)} />
          </div>
          <Button type="submit" variant="secondary" disabled={create.isPending || !name.trim()}>
            <Plus aria-hidden="true" />
            {t("addStage")}
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}

type Stage = { id: string; name: string; description: string | null; kind: StageKind; isNurture: boolean; isEntry: boolean; leadCount: number };

function StageEditor({ stage, stages }: { stage: Stage; stages: Stage[] }) {
  const t = useTranslations("followUpSettings");
  const common = useTranslations("common");
  const trpc = useTRPC();
  const refresh = useRefreshFollowUps();
  const errorMessage = useFollowUpError();
  const update = useMutation(trpc.pipeline.updateStage.mutationOptions({ onSettled: refresh }));
  const remove = useMutation(trpc.pipeline.deleteStage.mutationOptions({ onSettled: refresh }));
  const [name, setName] = useState(stage.name);
  const [description, setDescription] = useState(stage.description ?? "");
  const [kind, setKind] = useState<StageKind>(stage.kind);
  const [isNurture, setIsNurture] = useState(stage.isNurture);
  const others = stages.filter((s) => s.id !== stage.id);
  const [target, setTarget] = useState(others[0]?.id ?? "");
  const dirty = name !== stage.name || description !== (stage.description ?? "") || kind !== stage.kind || isNurture !== stage.isNurture;

  return (
    <form
      className="grid flex-1 gap-2 rounded-lg border border-slate-200 p-3 sm:grid-cols-[1fr_10rem_auto]"
      aria-label={stage.name}
      onSubmit={async (event) => {
        event.preventDefault();
        try {
          await update.mutateAsync({ stageId: stage.id, name, description, kind, isNurture });
          toast.success(t("stageSaved"));
        } catch (error) {
          toast.error(errorMessage(error));
        }
      }}
    >
      <div className="grid gap-1">
        <Label htmlFor={`stage-${stage.id}-name`} className="sr-only">{t("stageName")}</Label>
        <Input id={`stage-${stage.id}-name`} value={name} maxLength={60} onChange={(e) => setName(e.target.value)} />
      </div>
      <div className="grid gap-1">
        <Label htmlFor={`stage-${stage.id}-kind`} className="sr-only">{t("kind")}</Label>
        <NativeSelect id={`stage-${stage.id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as StageKind)}>
          {STAGE_KINDS.map((k) => (
            <option key={k} value={k}>{t(`kinds.${k}`)}</option>
          ))}
        </NativeSelect>
      </div>
      <div className="flex items-center gap-2">
        <span className="text-xs text-slate-500">{t("leadCount", { count: stage.leadCount })}</span>
        {stage.isEntry ? <Badge variant="brand">{t("entry")}</Badge> : null}
      </div>
      <div className="grid gap-1 sm:col-span-3">
        <Label htmlFor={`stage-${stage.id}-description`} className="text-xs text-slate-500">{t("milestone")}</Label>
        <Input id={`stage-${stage.id}-description`} value={description} maxLength={500} onChange={(e) => setDescription(e.target.value)} />
      </div>
      <div className="flex flex-wrap items-center justify-between gap-2 sm:col-span-3">
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" className="size-4 accent-brand-600" checked={isNurture} disabled={kind !== "OPEN"} onChange={(e) => setIsNurture(e.target.checked)} />
          {t("nurtureStage")}
        </label>
        <div className="flex gap-2">
          <Dialog>
            <DialogTrigger asChild>
              <Button type="button" variant="ghost" size="sm" className="text-red-700" aria-label={t("deleteStage", { name: stage.name })}>
                <Trash2 aria-hidden="true" />
              </Button>
            </DialogTrigger>
            <DialogContent title={t("deleteTitle", { name: stage.name })} description={t("deleteBody", { count: stage.leadCount })}>
              <div className="grid gap-3">
                <div className="grid gap-1.5">
                  <Label htmlFor={`stage-${stage.id}-target`}>{t("moveLeadsTo")}</Label>
                  <NativeSelect id={`stage-${stage.id}-target`} value={target} onChange={(e) => setTarget(e.target.value)}>
                    {others.map((s) => (
                      <option key={s.id} value={s.id}>{s.name}</option>
                    ))}
                  </NativeSelect>
                </div>
                <div className="flex justify-end gap-2">
                  <DialogClose asChild>
                    <Button variant="secondary">{common("cancel")}</Button>
                  </DialogClose>
                  <DialogClose asChild>
                    <Button
                      variant="destructive"
                      onClick={async () => {
                        try {
                          const result = await remove.mutateAsync({ stageId: stage.id, moveLeadsToStageId: target });
                          toast.success(t("stageDeleted", { count: result.movedLeads }));
                        } catch (error) {
                          toast.error(errorMessage(error));
                        }
                      }}
                    >
                      {t("delete")}
                    </Button>
                  </DialogClose>
                </div>
              </div>
            </DialogContent>
          </Dialog>
          {dirty ? (
            <Button type="submit" size="sm" disabled={update.isPending || !name.trim()}>{common("save")}</Button>
          ) : null}
        </div>
      </div>
    </form>
  );
}

function ChecklistCard() {
  const t = useTranslations("followUpSettings");
  const common = useTranslations("common");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorMessage = useFollowUpError();
  const { data: criteria } = useSuspenseQuery(trpc.pipeline.criteria.queryOptions({ includeArchived: true }));
  const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey: trpc.pipeline.criteria.pathKey() }), queryClient.invalidateQueries({ queryKey: trpc.followUps.pathKey() })]);
  const create = useMutation(trpc.pipeline.createCriterion.mutationOptions({ onSettled: refresh }));
  const update = useMutation(trpc.pipeline.updateCriterion.mutationOptions({ onSettled: refresh }));
  const archive = useMutation(trpc.pipeline.archiveCriterion.mutationOptions({ onSettled: refresh }));
  const reorder = useMutation(trpc.pipeline.reorderCriteria.mutationOptions({ onSettled: refresh }));
  const [label, setLabel] = useState("");
  const active = criteria.filter((c) => !c.archivedAt);
  const archived = criteria.filter((c) => c.archivedAt);
  const run = (p: Promise<unknown>, success?: string) => p.then(() => success && toast.success(success)).catch((e: unknown) => toast.error(errorMessage(e)));

  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("checklistTitle")}</CardTitle>
        <CardDescription>{t("checklistDescription")}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        <ol className="grid gap-2">
          {active.map((c, index) => (
            <li key={`${c.id}-${c.label}-${c.description ?? ""}`} className="flex items-center gap-2">
              <div className="flex flex-col">
                <Button variant="ghost" size="icon" className="size-6" aria-label={t("moveUp", { name: c.label })} disabled={index === 0} onClick={() => run(reorder.mutateAsync({ criterionIds: move(active, index, -1).map((x) => x.id) }))}>
                  <ArrowUp />
                </Button>
                <Button variant="ghost" size="icon" className="size-6" aria-label={t("moveDown", { name: c.label })} disabled={index === active.length - 1} onClick={() => run(reorder.mutateAsync({ criterionIds: move(active, index, 1).map((x) => x.id) }))}>
                  <ArrowDown />
                </Button>
              </div>
              <CriterionEditor
                criterion={c}
                saving={update.isPending}
                onSave={(patch) => run(update.mutateAsync({ criterionId: c.id, ...patch }), common("save"))}
              />
              <Button variant="ghost" size="sm" aria-label={t("archive", { name: c.label })} onClick={() => run(archive.mutateAsync({ criterionId: c.id, archived: true }), t("archived"))}>
                <Archive aria-hidden="true" />
              </Button>
            </li>
          ))}
        </ol>
        {archived.length > 0 ? (
          <div className="grid gap-1 border-t border-slate-100 pt-3">
            <p className="text-xs font-medium text-slate-500">{t("archivedTitle")}</p>
            {archived.map((c) => (
              <div key={c.id} className="flex items-center justify-between gap-2 text-sm text-slate-500">
                <span className="line-through">{c.label}</span>
                <Button variant="ghost" size="sm" onClick={() => run(archive.mutateAsync({ criterionId: c.id, archived: false }), t("restored"))}>
                  <ArchiveRestore aria-hidden="true" />
                  {t("restore")}
                </Button>
              </div>
            ))}
          </div>
        ) : null}
        <form
          className="flex flex-wrap items-end gap-2 border-t border-slate-100 pt-4"
          onSubmit={async (event) => {
            event.preventDefault();
            await run(create.mutateAsync({ label }).then(() => setLabel("")), t("criterionAdded"));
          }}
        >
          <div className="grid min-w-60 flex-1 gap-1.5">
            <Label htmlFor="new-criterion">{t("newCriterion")}</Label>
            <Input id="new-criterion" value={label} maxLength={80} placeholder={t("newCriterionPlaceholder")} onChange={(e) => setLabel(e.target.value)} />
          </div>
          <Button type="submit" variant="secondary" disabled={create.isPending || !label.trim()}>
            <Plus aria-hidden="true" />
            {t("addCriterion")}
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}

function CriterionEditor({
  criterion,
  saving,
  onSave,
}: {
  criterion: { id: string; label: string; description: string | null };
  saving: boolean;
  onSave: (patch: { label: string; description: string }) => void;
}) {
  const t = useTranslations("followUpSettings");
  const common = useTranslations("common");
  const [label, setLabel] = useState(criterion.label);
  const [description, setDescription] = useState(criterion.description ?? "");
  const dirty = label !== criterion.label || description !== (criterion.description ?? "");
  return (
    <form
      className="grid flex-1 gap-2 sm:grid-cols-[12rem_1fr_auto]"
      onSubmit={(event) => {
        event.preventDefault();
        onSave({ label, description });
      }}
    >
      <Input aria-label={t("criterionLabel")} value={label} maxLength={80} onChange={(e) => setLabel(e.target.value)} />
      <Input aria-label={t("criterionDescription")} value={description} maxLength={500} placeholder={t("criterionDescription")} onChange={(e) => setDescription(e.target.value)} />
      <Button type="submit" size="sm" variant="secondary" className={dirty ? undefined : "invisible"} disabled={!dirty || saving || !label.trim()}>
        {common("save")}
      </Button>
    </form>
  );
}

function AssignmentCard() {
  const t = useTranslations("followUpSettings");
  const common = useTranslations("common");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorMessage = useFollowUpError();
  const { data: settings } = useSuspenseQuery(trpc.pipeline.assignment.queryOptions());
  const { data: members } = useSuspenseQuery(trpc.members.list.queryOptions());
  const save = useMutation(trpc.pipeline.updateAssignment.mutationOptions({ onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.pipeline.assignment.queryKey() }) }));
  return <AssignmentForm key={`${settings.mode}-${settings.roundRobinUserIds.join(",")}`} initial={settings} members={members} saving={save.isPending} t={t} common={common} onSave={(input) => save.mutateAsync(input).then(() => toast.success(t("assignmentSaved"))).catch((e: unknown) => toast.error(errorMessage(e)))} />;
}

function AssignmentForm({
  initial,
  members,
  saving,
  onSave,
  t,
  common,
}: {
  initial: { mode: "MANUAL" | "ROUND_ROBIN" | "BY_OFFER"; roundRobinUserIds: string[] };
  members: { userId: string; name: string | null; email: string }[];
  saving: boolean;
  onSave: (input: { mode: "MANUAL" | "ROUND_ROBIN" | "BY_OFFER"; roundRobinUserIds: string[] }) => void;
  t: ReturnType<typeof useTranslations<"followUpSettings">>;
  common: ReturnType<typeof useTranslations<"common">>;
}) {
  const [mode, setMode] = useState(initial.mode);
  const [rotation, setRotation] = useState(initial.roundRobinUserIds);
  const nameOf = (id: string) => {
    const m = members.find((x) => x.userId === id);
    return m ? (m.name ?? m.email) : id;
  };
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("assignmentTitle")}</CardTitle>
        <CardDescription>{t("assignmentDescription")}</CardDescription>
      </CardHeader>
      <CardContent>
        <form
          className="grid gap-4"
          onSubmit={(event) => {
            event.preventDefault();
            onSave({ mode, roundRobinUserIds: rotation });
          }}
        >
          <fieldset className="grid gap-2">
            <legend className="sr-only">{t("assignmentTitle")}</legend>
            {(["MANUAL", "ROUND_ROBIN", "BY_OFFER"] as const).map((m) => (
              <label key={m} className="flex cursor-pointer items-start gap-2 rounded-md border border-slate-200 p-3 has-[:checked]:border-brand-500 has-[:checked]:bg-brand-50">
                <input type="radio" name="assignment-mode" className="mt-1 accent-brand-600" checked={mode === m} onChange={() => setMode(m)} />
                <span>
                  <span className="block text-sm font-medium">{t(`modes.${m}`)}</span>
                  <span className="block text-xs text-slate-500">{t(`modeHints.${m}`)}</span>
                </span>
              </label>
            ))}
          </fieldset>
          {mode !== "MANUAL" ? (
            <fieldset className="grid gap-2">
              <legend className="mb-1 text-sm font-medium">{t("rotation")}</legend>
              <div className="flex flex-wrap gap-2">
                {members.map((m) => (
                  <label key={m.userId} className="flex items-center gap-2 rounded-md border border-slate-200 px-3 py-1.5 text-sm">
                    <input
                      type="checkbox"
                      className="accent-brand-600"
                      checked={rotation.includes(m.userId)}
                      onChange={(e) => setRotation((r) => (e.target.checked ? [...r, m.userId] : r.filter((id) => id !== m.userId)))}
                    />
                    {m.name ?? m.email}
                  </label>
                ))}
              </div>
              {rotation.length > 0 ? <p className="text-xs text-slate-500">{t("rotationOrder", { names: rotation.map(nameOf).join(" → ") })}</p> : null}
            </fieldset>
          ) : null}
          <div className="flex justify-end">
            <Button type="submit" disabled={saving}>{common("save")}</Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
