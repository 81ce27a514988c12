import { Inbox } from "lucide-react";
import type { Metadata } from "next";
import { AreaPlaceholder } from "~/components/area-placeholder";

export const metadata: Metadata = { title: "Leads" };

export default function Page() {
  return <AreaPlaceholder area="leads" icon={Inbox} />;
}
