import { BarChart3 } from "lucide-react";
import type { Metadata } from "next";
import { AreaPlaceholder } from "~/components/area-placeholder";

export const metadata: Metadata = { title: "Insights" };

export default function Page() {
  return <AreaPlaceholder area="insights" icon={BarChart3} />;
}
