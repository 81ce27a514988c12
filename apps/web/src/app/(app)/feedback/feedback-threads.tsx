"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { RouterOutputs } from "@leadrelay/api";
import { MessageSquareText } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { Label } from "~/components/ui/input";
import { cn } from "~/lib/utils";
import { useTRPC } from "~/trpc/react";
import { FeedbackStatusBadge, MetaLine, PlainText, SatisfactionLabel } from "./feedback-labels";
import { Textarea } from "./textarea";
import { useFeedbackErrorMessage } from "./use-feedback-error";

type Feedback = RouterOutputs["feedback"]["list"][number];

export function FeedbackThreads() {
  const t = useTranslations("feedback");
  const trpc = useTRPC();
  const list = useQuery(trpc.feedback.list.queryOptions());

  return (
    <section aria-labelledby="your-feedback" className="grid gap-4">
      <h2 id="your-feedback" className="text-base font-semibold text-slate-900">
        {t("yourFeedback")}
      </h2>
      {list.isPending ? (
        <ThreadSkeleton />
      ) : list.isError ? (
        <Card className="p-6 text-sm text-red-700" role="alert">
          {t("loadFailed")}
        </Card>
      ) : list.data.length === 0 ? (
        <div className="grid place-items-center rounded-xl border border-dashed border-slate-300 bg-white px-6 py-14 text-center">
          <span className="grid size-12 place-items-center rounded-full bg-brand-50 text-brand-600">
            <MessageSquareText className="size-6" aria-hidden="true" />
          </span>
          <h3 className="mt-4 text-base font-semibold">{t("emptyTitle")}</h3>
          <p className="mt-2 max-w-sm text-sm text-slate-500">{t("emptyBody")}</p>
        </div>
      ) : (
        <ol className="grid gap-4">
          {list.data.map((feedback) => (
            <li key={feedback.id}>
              <Thread feedback={feedback} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function Thread({ feedback }: { feedback: Feedback }) {
  const t = useTranslations("feedback");
  const format = useFormatter();
  const title = t(`categories.${feedback.category}`);
  return (
    <Card id={`feedback-${feedback.id}`} data-testid="feedback-thread" className="scroll-mt-20 overflow-hidden">
      <div className="flex flex-wrap items-start justify-between gap-3 border-b border-slate-100 px-5 py-4">
        <div className="min-w-0">
          <h3 className="font-medium text-slate-900">{title}</h3>
          <MetaLine
            className="mt-0.5"
            items={[
              <time key="at" dateTime={feedback.createdAt.toISOString()}>
                {format.dateTime(feedback.createdAt, { dateStyle: "medium", timeStyle: "short" })}
              </time>,
              feedback.author ? (feedback.author.name ?? feedback.author.email) : null,
              feedback.satisfaction !== null ? <SatisfactionLabel key="sat" value={feedback.satisfaction} /> : null,
              feedback.offer ? t("aboutOffer", { offer: feedback.offer.title }) : null,
              feedback.leadIds.length > 0 ? t("aboutLeads", { count: feedback.leadIds.length }) : null,
            ]}
          />
        </div>
        <FeedbackStatusBadge status={feedback.status} />
      </div>
      <div className="px-5 py-4">
        <PlainText text={feedback.message} />
      </div>
      {feedback.replies.length > 0 ? (
        <ol className="grid gap-3 border-t border-slate-100 bg-slate-50/60 px-5 py-4" aria-label={t("conversation")}>
          {feedback.replies.map((reply) => (
            <li
              key={reply.id}
              data-testid={reply.fromStaff ? "staff-reply" : "publisher-reply"}
              className={cn(
                "rounded-lg border px-4 py-3",
                reply.fromStaff ? "mr-6 border-brand-100 bg-brand-50/70" : "ml-6 border-slate-200 bg-white",
              )}
            >
              <p className="mb-1 flex flex-wrap items-baseline justify-between gap-x-3 text-xs">
                <span className={cn("font-medium", reply.fromStaff ? "text-brand-700" : "text-slate-700")}>
                  {reply.fromStaff ? t("team") : (reply.author?.name ?? reply.author?.email ?? t("formerMember"))}
                </span>
                <time className="text-slate-500" dateTime={reply.createdAt.toISOString()}>
                  {format.dateTime(reply.createdAt, { dateStyle: "medium", timeStyle: "short" })}
                </time>
              </p>
              <PlainText text={reply.message} />
            </li>
          ))}
        </ol>
      ) : null}
      <div className="border-t border-slate-100 px-5 py-4">
        {feedback.status === "CLOSED" ? <p className="text-sm text-slate-500">{t("closedNote")}</p> : <ReplyForm feedbackId={feedback.id} />}
      </div>
    </Card>
  );
}

function ReplyForm({ feedbackId }: { feedbackId: string }) {
  const t = useTranslations("feedback");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorMessage = useFeedbackErrorMessage();
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState("");
  const reply = useMutation(
    trpc.feedback.reply.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.feedback.list.queryKey() }) }),
  );
  const id = `reply-${feedbackId}`;

  if (!open) {
    return (
      <Button variant="secondary" size="sm" onClick={() => setOpen(true)}>
        {t("addReply")}
      </Button>
    );
  }
  return (
    <form
      className="grid gap-2"
      onSubmit={async (event) => {
        event.preventDefault();
        try {
          await reply.mutateAsync({ feedbackId, message });
          setMessage("");
          setOpen(false);
          toast.success(t("replySent"));
        } catch (error) {
          toast.error(errorMessage(error));
        }
      }}
    >
      <Label htmlFor={id}>{t("replyLabel")}</Label>
      <Textarea id={id} rows={3} maxLength={5000} value={message} onChange={(e) => setMessage(e.target.value)} autoFocus />
      <div className="flex justify-end gap-2">
        <Button type="button" variant="ghost" size="sm" onClick={() => setOpen(false)}>
          {t("cancel")}
        </Button>
        <Button type="submit" size="sm" disabled={reply.isPending || message.trim().length === 0}>
          {reply.isPending ? t("sending") : t("sendReply")}
        </Button>
      </div>
    </form>
  );
}

function ThreadSkeleton() {
  return (
    <div className="grid gap-4" aria-busy="true">
      {[0, 1].map((i) => (
        <Card key={i} className="animate-pulse p-5">
          <div className="h-4 w-40 rounded bg-slate-200" />
          <div className="mt-2 h-3 w-64 rounded bg-slate-100" />
          <div className="mt-5 h-3 w-full rounded bg-slate-100" />
          <div className="mt-2 h-3 w-5/6 rounded bg-slate-100" />
        </Card>
      ))}
    </div>
  );
}
