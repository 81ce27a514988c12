import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "~/components/page-header";
import { FEEDBACK_CATEGORIES, FEEDBACK_STATUSES, type FeedbackCategory, type FeedbackStatus } from "../../feedback/feedback-labels";
import { FeedbackInbox } from "./feedback-inbox";

export const metadata: Metadata = { title: "Feedback inbox · Admin" };

const pick = <T extends string>(value: string | string[] | undefined, allowed: readonly T[]): T | undefined =>
  typeof value === "string" && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;

export default async function FeedbackInboxPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const t = await getTranslations("adminConsole.inbox");
  const params = await searchParams;
  const initial = {
    status: pick<FeedbackStatus>(params.status, FEEDBACK_STATUSES),
    category: pick<FeedbackCategory>(params.category, FEEDBACK_CATEGORIES),
    tenantId: typeof params.tenant === "string" && params.tenant ? params.tenant : undefined,
    selectedId: typeof params.id === "string" && params.id ? params.id : undefined,
  };
  return (
    <>
      <PageHeader title={t("title")} description={t("subtitle")} />
      <FeedbackInbox initial={initial} />
    </>
  );
}
