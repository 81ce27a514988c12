"use client";

import { DropdownMenu as Primitive } from "radix-ui";
import * as React from "react";
import { cn } from "~/lib/utils";

/** Loaded on demand by ./dropdown-menu (the first open, or when the browser is idle). */
export const DropdownMenu = Primitive.Root;
export const DropdownMenuTrigger = Primitive.Trigger;
export const DropdownMenuLabel = ({ className, ...props }: React.ComponentProps<typeof Primitive.Label>) => (
  <Primitive.Label className={cn("px-2 py-1.5 text-xs font-medium text-slate-500", className)} {...props} />
);
export const DropdownMenuSeparator = () => <Primitive.Separator className="my-1 h-px bg-slate-100" />;

export function DropdownMenuContent({ className, ...props }: React.ComponentProps<typeof Primitive.Content>) {
  return (
    <Primitive.Portal>
      <Primitive.Content
        sideOffset={6}
        className={cn("z-50 min-w-52 rounded-lg border border-slate-200 bg-white p-1 shadow-lg", className)}
        {...props}
      />
    </Primitive.Portal>
  );
}

export function DropdownMenuItem({ className, ...props }: React.ComponentProps<typeof Primitive.Item>) {
  return (
    <Primitive.Item
      className={cn(
        "flex cursor-pointer select-none items-center gap-2 rounded-md px-2 py-1.5 text-sm text-slate-700 outline-none data-[highlighted]:bg-slate-100 data-[disabled]:opacity-50",
        className,
      )}
      {...props}
    />
  );
}
