"use client";

import { Copy } from "lucide-react";
import { useTranslations } from "next-intl";
import { toast } from "sonner";
import { Button } from "~/components/ui/button";
import { Input } from "~/components/ui/input";

export function CopyField({ value, label }: { value: string; label: string }) {
  const t = useTranslations("common");
  return (
    <div className="flex gap-2">
      <Input readOnly value={value} aria-label={label} onFocus={(e) => e.currentTarget.select()} className="font-mono text-xs" />
      <Button
        type="button"
        variant="secondary"
        onClick={async () => {
          await navigator.clipboard?.writeText(value).catch(() => undefined);
          toast.success(t("copied"));
        }}
      >
        <Copy aria-hidden="true" />
        {t("copy")}
      </Button>
    </div>
  );
}
