import { notFound } from "next/navigation";
import { serverCaller } from "~/trpc/server";
import { AdminNav } from "./admin-nav";

/** Platform staff only: everyone else gets a plain 404 (the console's existence is not advertised). */
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const me = await (await serverCaller()).account.me();
  if (!me.user.isPlatformAdmin) notFound();
  return (
    <div className="grid gap-6">
      <AdminNav />
      <div className="min-w-0">{children}</div>
    </div>
  );
}
