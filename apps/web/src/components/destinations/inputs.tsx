"use client";

import { Eye, EyeOff } from "lucide-react";
import { useTranslations } from "next-intl";
import * as React from "react";
import { Input } from "~/components/ui/input";
import { cn } from "~/lib/utils";

/** A multi-line input styled like the kit's Input. */
export function Textarea({ className, ...props }: React.TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <textarea
      className={cn(
        "flex min-h-20 w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-xs placeholder:text-slate-400 focus-visible:border-brand-500 focus-visible:outline-none focus-visible:ring-3 focus-visible:ring-brand-100 disabled:opacity-50 aria-invalid:border-red-500 aria-invalid:ring-red-100",
        className,
      )}
      {...props}
    />
  );
}

/** A secret typed or pasted in: hidden by default, with a button to look at what was pasted. */
export function SecretInput({ className, ...props }: React.InputHTMLAttributes<HTMLInputElement>) {
  const t = useTranslations("destinations.form");
  const [visible, setVisible] = React.useState(false);
  return (
    <div className="relative">
      <Input
        {...props}
        type={visible ? "text" : "password"}
        autoComplete="off"
        spellCheck={false}
        data-1p-ignore=""
        data-lpignore="true"
        className={cn("pr-10 font-mono", className)}
      />
      <button
        type="button"
        className="absolute inset-y-0 right-0 grid w-9 place-items-center text-slate-500 hover:text-slate-800"
        aria-label={visible ? t("hideSecret") : t("showSecret")}
        aria-pressed={visible}
        onClick={() => setVisible((v) => !v)}
      >
        {visible ? <EyeOff className="size-4" aria-hidden="true" /> : <Eye className="size-4" aria-hidden="true" />}
      </button>
    </div>
  );
}
