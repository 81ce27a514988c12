import { MessageSquareText } from "lucide-react";
import type { Metadata } from "next";
import { AreaPlaceholder } from "~/components/area-placeholder";

export const metadata: Metadata = { title: "Feedback" };

export default function Page() {
  return <AreaPlaceholder area="feedback" icon={MessageSquareText} />;
}
