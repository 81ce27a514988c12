import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "~/components/page-header";
import { HydrateClient, prefetch, trpc } from "~/trpc/server";
import { FeedbackForm } from "./feedback-form";
import { FeedbackThreads } from "./feedback-threads";

export const metadata: Metadata = { title: "Feedback" };

export default async function FeedbackPage() {
  const t = await getTranslations("feedback");
  prefetch(trpc.feedback.list.queryOptions());
  prefetch(trpc.feedback.formOptions.queryOptions());
  return (
    <HydrateClient>
      <PageHeader title={t("title")} description={t("subtitle")} />
      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,5fr)_minmax(0,7fr)]">
        <FeedbackForm />
        <FeedbackThreads />
      </div>
    </HydrateClient>
  );
}
