"use client";

import type { DropdownMenu as Primitive } from "radix-ui";
import { Slot } from "radix-ui";
import * as React from "react";
import { lazyModule } from "~/lib/lazy-module";

/*
 * Until Radix DropdownMenu has loaded (when the browser is idle, or on the first press of a
 * trigger), the trigger renders as itself with the same markup; a press then opens the menu
 * as soon as the module arrives. Pages do not ship the menu in first-load JS.
 */
const menu = lazyModule(() => import("./dropdown-menu-impl"));
const load = menu.load;
const useImpl = menu.useLoaded;
function loadedImpl() {
  const impl = menu.current();
  if (!impl) throw new Error("DropdownMenu parts render only inside a loaded menu");
  return impl;
}

/** Present while the menu is a placeholder; `request` opens it once loaded. */
const PlaceholderContext = React.createContext<{ request: () => void } | null>(null);

export function DropdownMenu(props: React.ComponentProps<typeof Primitive.Root>) {
  const loaded = useImpl();
  const [requested, setRequested] = React.useState(false);
  React.useEffect(() => {
    const idle = window.requestIdleCallback ?? ((callback: () => void) => window.setTimeout(callback, 200));
    const cancel = window.cancelIdleCallback ?? window.clearTimeout;
    const handle = idle(() => void load());
    return () => cancel(handle);
  }, []);
  const placeholder = React.useMemo(
    () => ({
      request: () => {
        setRequested(true);
        if (props.open === undefined) return void load();
        props.onOpenChange?.(true);
        void load();
      },
    }),
    [props],
  );
  if (loaded) return <loaded.DropdownMenu {...props} defaultOpen={props.defaultOpen ?? requested} />;
  return <PlaceholderContext value={placeholder}>{props.children}</PlaceholderContext>;
}

export function DropdownMenuTrigger({ asChild, onPointerDown, onKeyDown, onPointerEnter, onFocus, ...props }: React.ComponentProps<typeof Primitive.Trigger>) {
  const placeholder = React.useContext(PlaceholderContext);
  if (!placeholder) {
    const { DropdownMenuTrigger: Trigger } = loadedImpl();
    return <Trigger asChild={asChild} onPointerDown={onPointerDown} onKeyDown={onKeyDown} onPointerEnter={onPointerEnter} onFocus={onFocus} {...props} />;
  }
  const Comp = asChild ? Slot.Root : "button";
  return (
    <Comp
      type="button"
      aria-haspopup="menu"
      aria-expanded={false}
      data-state="closed"
      {...props}
      onPointerEnter={(event: React.PointerEvent<HTMLButtonElement>) => {
        onPointerEnter?.(event);
        void load();
      }}
      onFocus={(event: React.FocusEvent<HTMLButtonElement>) => {
        onFocus?.(event);
        void load();
      }}
      onPointerDown={(event: React.PointerEvent<HTMLButtonElement>) => {
        onPointerDown?.(event);
        if (!props.disabled && event.button === 0 && !event.ctrlKey && !event.defaultPrevented) {
          event.preventDefault();
          placeholder.request();
        }
      }}
      onKeyDown={(event: React.KeyboardEvent<HTMLButtonElement>) => {
        onKeyDown?.(event);
        if (!props.disabled && ["Enter", " ", "ArrowDown"].includes(event.key) && !event.defaultPrevented) {
          event.preventDefault();
          placeholder.request();
        }
      }}
    />
  );
}

export function DropdownMenuContent(props: React.ComponentProps<typeof Primitive.Content>) {
  const placeholder = React.useContext(PlaceholderContext);
  const impl = menu.current();
  if (placeholder || !impl) return null;
  return <impl.DropdownMenuContent {...props} />;
}

// Rendered only inside an open DropdownMenuContent, so the module has loaded.
export function DropdownMenuLabel(props: React.ComponentProps<typeof Primitive.Label>) {
  const { DropdownMenuLabel: Label } = loadedImpl();
  return <Label {...props} />;
}
export function DropdownMenuSeparator() {
  const { DropdownMenuSeparator: Separator } = loadedImpl();
  return <Separator />;
}
export function DropdownMenuItem(props: React.ComponentProps<typeof Primitive.Item>) {
  const { DropdownMenuItem: Item } = loadedImpl();
  return <Item {...props} />;
}
