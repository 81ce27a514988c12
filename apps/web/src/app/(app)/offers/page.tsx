import { Waypoints } from "lucide-react";
import type { Metadata } from "next";
import { AreaPlaceholder } from "~/components/area-placeholder";

export const metadata: Metadata = { title: "Offers & destinations" };

export default function Page() {
  return <AreaPlaceholder area="offers" icon={Waypoints} />;
}
