import * as React from "react";
import { cn } from "~/lib/utils";

/** A multi-line input styled like the kit's Input. */
export function Textarea({ className, ...props }: React.TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <textarea
      className={cn(
        "flex min-h-24 w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-xs placeholder:text-slate-400 focus-visible:border-brand-500 focus-visible:outline-none focus-visible:ring-3 focus-visible:ring-brand-100 disabled:opacity-50 aria-invalid:border-red-500 aria-invalid:ring-red-100",
        className,
      )}
      {...props}
    />
  );
}
