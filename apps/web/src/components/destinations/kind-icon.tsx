import { Archive, Building2, Cloud, Mail, Megaphone, Table2, Webhook, type LucideIcon } from "lucide-react";
import { cn } from "~/lib/utils";

const ICONS: Record<string, LucideIcon> = {
  WEBHOOK: Webhook,
  DYNAMICS_365: Building2,
  SALESFORCE: Cloud,
  MARKETO: Megaphone,
  AZURE_TABLE: Table2,
  EMAIL: Mail,
  AZURE_BLOB: Archive,
};

export function KindIcon({ kind, className }: { kind: string; className?: string }) {
  const Icon = ICONS[kind] ?? Webhook;
  return (
    <span className={cn("grid size-9 shrink-0 place-items-center rounded-lg bg-brand-50 text-brand-600", className)} aria-hidden="true">
      <Icon className="size-4.5" />
    </span>
  );
}
