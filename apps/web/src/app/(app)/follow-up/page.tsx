import { ListChecks } from "lucide-react";
import type { Metadata } from "next";
import { AreaPlaceholder } from "~/components/area-placeholder";

export const metadata: Metadata = { title: "Follow-up" };

export default function Page() {
  return <AreaPlaceholder area="followUp" icon={ListChecks} />;
}
