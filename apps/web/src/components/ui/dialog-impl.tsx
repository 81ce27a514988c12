"use client";

import { Dialog as Primitive } from "radix-ui";
import * as React from "react";
import { cn } from "~/lib/utils";

export type DialogPanelProps = React.ComponentProps<typeof Primitive.Content> & {
  title: string;
  description?: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  triggerRef: React.RefObject<HTMLElement | null>;
};

/** The open dialog, loaded on demand by ./dialog: Radix root, overlay and content. */
export function DialogPanel({ open, onOpenChange, triggerRef, className, title, description, children, onCloseAutoFocus, ...props }: DialogPanelProps) {
  return (
    <Primitive.Root open={open} onOpenChange={onOpenChange}>
      <Primitive.Portal>
        <Primitive.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <Primitive.Content
          className={cn("fixed left-1/2 top-1/2 z-50 w-[calc(100%-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 rounded-xl bg-white p-6 shadow-xl", className)}
          onCloseAutoFocus={(event) => {
            onCloseAutoFocus?.(event);
            // Focus goes back to the trigger, as with a Radix trigger.
            if (!event.defaultPrevented && triggerRef.current) {
              event.preventDefault();
              triggerRef.current.focus();
            }
          }}
          {...props}
        >
          <Primitive.Title className="text-base font-semibold">{title}</Primitive.Title>
          {description ? <Primitive.Description className="mt-1 text-sm text-slate-500">{description}</Primitive.Description> : null}
          <div className="mt-4">{children}</div>
        </Primitive.Content>
      </Primitive.Portal>
    </Primitive.Root>
  );
}
