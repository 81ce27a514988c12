"use client";

import { useEffect, useState, type ComponentType } from "react";

/**
 * A dialog (trigger included) whose code loads right after the page instead of with it, so
 * first-load JS stays small. Until it arrives, `Placeholder` renders the trigger with the same
 * look; a click on it opens the dialog as soon as the code is there.
 */
export function lazyDialog<P extends object>(
  load: () => Promise<ComponentType<P & { defaultOpen?: boolean }>>,
  Placeholder: ComponentType<P & { onOpen: () => void }>,
): ComponentType<P> {
  let loaded: ComponentType<P & { defaultOpen?: boolean }> | null = null;
  let loading: Promise<ComponentType<P & { defaultOpen?: boolean }>> | null = null;
  const get = () => (loading ??= load().then((component) => (loaded = component)));

  function LazyDialog(props: P) {
    const [Dialog, setDialog] = useState(() => loaded);
    const [openOnLoad, setOpenOnLoad] = useState(false);
    useEffect(() => {
      if (!Dialog) void get().then((component) => setDialog(() => component));
    }, [Dialog]);
    if (Dialog) return <Dialog {...props} defaultOpen={openOnLoad} />;
    return <Placeholder {...props} onOpen={() => setOpenOnLoad(true)} />;
  }
  return LazyDialog;
}
