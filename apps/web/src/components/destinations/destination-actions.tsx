"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { MoreHorizontal, Pause, Pencil, Play, Power, PowerOff, Trash2 } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "~/components/ui/button";
import { Dialog, DialogClose, DialogContent } from "~/components/ui/dialog";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from "~/components/ui/dropdown-menu";
import { useTRPC } from "~/trpc/react";
import type { DestinationView } from "./types";
import { useDestinationErrorMessage } from "./use-destination-error";

/** Pause, resume, disable, enable and delete, each with its toast; lists and offers refresh after. */
export function useDestinationStateActions() {
  const t = useTranslations("destinations.actions");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorMessage = useDestinationErrorMessage();
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.destinations.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.offers.pathKey() }),
    ]);
  const pause = useMutation(trpc.destinations.pause.mutationOptions({ onSettled: refresh }));
  const resume = useMutation(trpc.destinations.resume.mutationOptions({ onSettled: refresh }));
  const disable = useMutation(trpc.destinations.disable.mutationOptions({ onSettled: refresh }));
  const enable = useMutation(trpc.destinations.enable.mutationOptions({ onSettled: refresh }));
  const remove = useMutation(trpc.destinations.delete.mutationOptions({ onSettled: refresh }));

  const run = async (action: "pause" | "resume" | "disable" | "enable", destination: Pick<DestinationView, "id" | "name">) => {
    const mutation = { pause, resume, disable, enable }[action];
    try {
      const result = await mutation.mutateAsync({ id: destination.id });
      toast.success(t(`${action}Done`, { name: destination.name, held: result.held, released: result.released }));
    } catch (error) {
      toast.error(errorMessage(error));
    }
  };
  const destroy = async (destination: Pick<DestinationView, "id" | "name">) => {
    try {
      await remove.mutateAsync({ id: destination.id });
      toast.success(t("deleted", { name: destination.name }));
      return true;
    } catch (error) {
      toast.error(errorMessage(error));
      return false;
    }
  };
  const pending = pause.isPending || resume.isPending || disable.isPending || enable.isPending || remove.isPending;
  return { run, destroy, pending };
}

/** The ⋯ menu of a destination: edit, pause or resume, disable or enable, delete (confirmed). */
export function DestinationMenu({ destination, onDeleted, showEdit = true }: { destination: DestinationView; onDeleted?: () => void; showEdit?: boolean }) {
  const t = useTranslations("destinations.actions");
  const common = useTranslations("common");
  const { run, destroy, pending } = useDestinationStateActions();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const { state } = destination;
  return (
    <>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button variant="ghost" size="icon" aria-label={t("menu", { name: destination.name })} disabled={pending}>
            <MoreHorizontal aria-hidden="true" />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end">
          {showEdit ? (
            <DropdownMenuItem asChild>
              <Link href={`/offers/destinations/${destination.id}#settings`}>
                <Pencil className="size-4" aria-hidden="true" />
                {t("edit")}
              </Link>
            </DropdownMenuItem>
          ) : null}
          {state === "PAUSED" ? (
            <DropdownMenuItem onSelect={() => void run("resume", destination)}>
              <Play className="size-4" aria-hidden="true" />
              {t("resume")}
            </DropdownMenuItem>
          ) : state !== "DISABLED" ? (
            <DropdownMenuItem onSelect={() => void run("pause", destination)}>
              <Pause className="size-4" aria-hidden="true" />
              {t("pause")}
            </DropdownMenuItem>
          ) : null}
          {state === "DISABLED" ? (
            <DropdownMenuItem onSelect={() => void run("enable", destination)}>
              <Power className="size-4" aria-hidden="true" />
              {t("enable")}
            </DropdownMenuItem>
          ) : (
            <DropdownMenuItem onSelect={() => void run("disable", destination)}>
              <PowerOff className="size-4" aria-hidden="true" />
              {t("disable")}
            </DropdownMenuItem>
          )}
          <DropdownMenuSeparator />
          <DropdownMenuItem className="text-red-700" onSelect={() => setConfirmDelete(true)}>
            <Trash2 className="size-4" aria-hidden="true" />
            {t("delete")}
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      <Dialog open={confirmDelete} onOpenChange={setConfirmDelete}>
        <DialogContent title={t("deleteTitle", { name: destination.name })} description={t("deleteBody")}>
          <div className="flex justify-end gap-2">
            <DialogClose asChild>
              <Button variant="secondary">{common("cancel")}</Button>
            </DialogClose>
            <Button
              variant="destructive"
              disabled={pending}
              onClick={async () => {
                if (await destroy(destination)) {
                  setConfirmDelete(false);
                  onDeleted?.();
                }
              }}
            >
              {t("delete")}
            </Button>
          </div>
        </DialogContent>
      </Dialog>
    </>
  );
}

/** Pause/resume or enable as a visible button, for the destination page's header. */
export function StateToggleButton({ destination }: { destination: DestinationView }) {
  const t = useTranslations("destinations.actions");
  const { run, pending } = useDestinationStateActions();
  if (destination.state === "DISABLED") {
    return (
      <Button variant="secondary" disabled={pending} onClick={() => void run("enable", destination)}>
        <Power aria-hidden="true" />
        {t("enable")}
      </Button>
    );
  }
  if (destination.state === "PAUSED") {
    return (
      <Button variant="secondary" disabled={pending} onClick={() => void run("resume", destination)}>
        <Play aria-hidden="true" />
        {t("resume")}
      </Button>
    );
  }
  return (
    <Button variant="secondary" disabled={pending} onClick={() => void run("pause", destination)}>
      <Pause aria-hidden="true" />
      {t("pause")}
    </Button>
  );
}
