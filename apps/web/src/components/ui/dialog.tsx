"use client";

import type { Dialog as Primitive } from "radix-ui";
import { Slot } from "radix-ui";
import * as React from "react";
import { lazyModule } from "~/lib/lazy-module";
import type { DialogPanelProps } from "./dialog-impl";

/*
 * The dialog's state and trigger are rendered here; Radix Dialog and the panel load on the
 * first open (or on hover/focus of a trigger), so pages do not ship them in first-load JS.
 */
const panel = lazyModule(() => import("./dialog-impl"));
const load = panel.load;
const useImpl = panel.useLoaded;

interface DialogState {
  open: boolean;
  setOpen: (open: boolean) => void;
  triggerRef: React.RefObject<HTMLElement | null>;
  contentId: string;
}
const DialogContext = React.createContext<DialogState | null>(null);
function useDialog(component: string): DialogState {
  const state = React.useContext(DialogContext);
  if (!state) throw new Error(`<${component}> must be used within <Dialog>`);
  return state;
}

export function Dialog({ open: openProp, defaultOpen = false, onOpenChange, children }: Pick<React.ComponentProps<typeof Primitive.Root>, "open" | "defaultOpen" | "onOpenChange" | "children">) {
  const [uncontrolled, setUncontrolled] = React.useState(defaultOpen);
  const open = openProp ?? uncontrolled;
  const triggerRef = React.useRef<HTMLElement | null>(null);
  const contentId = React.useId();
  const setOpen = React.useCallback(
    (next: boolean) => {
      if (openProp === undefined) setUncontrolled(next);
      onOpenChange?.(next);
    },
    [openProp, onOpenChange],
  );
  const state = React.useMemo(() => ({ open, setOpen, triggerRef, contentId }), [open, setOpen, contentId]);
  return <DialogContext value={state}>{children}</DialogContext>;
}

type ButtonProps = React.ComponentProps<"button"> & { asChild?: boolean };

export function DialogTrigger({ asChild, onClick, onPointerEnter, onFocus, ref, ...props }: ButtonProps) {
  const { open, setOpen, triggerRef, contentId } = useDialog("DialogTrigger");
  const Comp = asChild ? Slot.Root : "button";
  return (
    <Comp
      type="button"
      aria-haspopup="dialog"
      aria-expanded={open}
      aria-controls={open ? contentId : undefined}
      data-state={open ? "open" : "closed"}
      {...props}
      ref={(node: HTMLButtonElement | null) => {
        triggerRef.current = node;
        if (typeof ref === "function") return ref(node);
        if (ref) ref.current = node;
      }}
      onPointerEnter={(event: React.PointerEvent<HTMLButtonElement>) => {
        onPointerEnter?.(event);
        void load();
      }}
      onFocus={(event: React.FocusEvent<HTMLButtonElement>) => {
        onFocus?.(event);
        void load();
      }}
      onClick={(event: React.MouseEvent<HTMLButtonElement>) => {
        onClick?.(event);
        if (!event.defaultPrevented) setOpen(!open);
      }}
    />
  );
}

export function DialogClose({ asChild, onClick, ...props }: ButtonProps) {
  const { setOpen } = useDialog("DialogClose");
  const Comp = asChild ? Slot.Root : "button";
  return (
    <Comp
      type="button"
      {...props}
      onClick={(event: React.MouseEvent<HTMLButtonElement>) => {
        onClick?.(event);
        if (!event.defaultPrevented) setOpen(false);
      }}
    />
  );
}

export function DialogContent(props: Omit<DialogPanelProps, "open" | "onOpenChange" | "triggerRef">) {
  const { open, setOpen, triggerRef, contentId } = useDialog("DialogContent");
  const loaded = useImpl();
  React.useEffect(() => {
    if (open) void load();
  }, [open]);
  if (!open || !loaded) return null;
  return <loaded.DialogPanel id={contentId} {...props} open={open} onOpenChange={setOpen} triggerRef={triggerRef} />;
}
