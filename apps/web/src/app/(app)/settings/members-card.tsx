"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { toast } from "sonner";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "~/components/ui/card";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "~/components/ui/dialog";
import { NativeSelect } from "~/components/ui/input";
import { Table, Td, Th } from "~/components/ui/table";
import { useErrorMessage } from "~/lib/use-error-message";
import { useTRPC } from "~/trpc/react";

const ROLES = ["OWNER", "ADMIN", "MEMBER"] as const;

export function MembersCard({ currentUserId, role }: { currentUserId: string; role: "OWNER" | "ADMIN" | "MEMBER" }) {
  const t = useTranslations("settings");
  const roles = useTranslations("roles");
  const common = useTranslations("common");
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const { data: members } = useSuspenseQuery(trpc.members.list.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.members.list.queryKey() });
  const updateRole = useMutation(trpc.members.updateRole.mutationOptions({ onSettled: refresh }));
  const remove = useMutation(trpc.members.remove.mutationOptions({ onSettled: refresh }));
  const isOwner = role === "OWNER";

  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("members")}</CardTitle>
        <CardDescription>{t("membersDescription")}</CardDescription>
      </CardHeader>
      <CardContent className="px-0">
        <Table>
          <thead>
            <tr>
              <Th className="pl-6">{t("member")}</Th>
              <Th>{t("role")}</Th>
              <Th className="hidden sm:table-cell">{t("joined")}</Th>
              {isOwner ? <Th className="pr-6 text-right">{t("actions")}</Th> : null}
            </tr>
          </thead>
          <tbody>
            {members.map((member) => {
              const label = member.name ?? member.email;
              return (
                <tr key={member.userId} data-testid={`member-${member.email}`}>
                  <Td className="pl-6">
                    <div className="font-medium">
                      {label} {member.userId === currentUserId ? <span className="text-slate-400">({common("you")})</span> : null}
                    </div>
                    {member.name ? <div className="text-xs text-slate-500">{member.email}</div> : null}
                  </Td>
                  <Td>
                    {isOwner ? (
                      <NativeSelect
                        aria-label={`${t("role")}: ${label}`}
                        className="h-8 w-36"
                        value={member.role}
                        onChange={async (event) => {
                          try {
                            await updateRole.mutateAsync({ userId: member.userId, role: event.target.value as (typeof ROLES)[number] });
                            toast.success(t("roleChanged"));
                          } catch (error) {
                            toast.error(errorMessage(error));
                          }
                        }}
                      >
                        {ROLES.map((r) => (
                          <option key={r} value={r}>{roles(r)}</option>
                        ))}
                      </NativeSelect>
                    ) : (
                      <Badge variant={member.role === "OWNER" ? "brand" : "default"}>{roles(member.role)}</Badge>
                    )}
                  </Td>
                  <Td className="hidden text-slate-500 sm:table-cell">{format.dateTime(member.joinedAt, { dateStyle: "medium" })}</Td>
                  {isOwner ? (
                    <Td className="pr-6 text-right">
                      {member.userId !== currentUserId ? (
                        <Dialog>
                          <DialogTrigger asChild>
                            <Button variant="ghost" size="sm" className="text-red-700">{t("remove")}</Button>
                          </DialogTrigger>
                          <DialogContent title={t("removeConfirmTitle", { name: label })} description={t("removeConfirm")}>
                            <div className="flex justify-end gap-2">
                              <DialogClose asChild>
                                <Button variant="secondary">{common("cancel")}</Button>
                              </DialogClose>
                              <DialogClose asChild>
                                <Button
                                  variant="destructive"
                                  onClick={async () => {
                                    try {
                                      await remove.mutateAsync({ userId: member.userId });
                                      toast.success(t("removed", { name: label }));
                                    } catch (error) {
                                      toast.error(errorMessage(error));
                                    }
                                  }}
                                >
                                  {t("remove")}
                                </Button>
                              </DialogClose>
                            </div>
                          </DialogContent>
                        </Dialog>
                      ) : null}
                    </Td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </Table>
      </CardContent>
    </Card>
  );
}
