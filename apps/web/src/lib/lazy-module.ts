"use client";

import { useSyncExternalStore } from "react";

/**
 * A client module loaded once, on demand (first use, hover, idle), so pages do not ship it
 * in first-load JS. Components re-render when it arrives.
 */
export function lazyModule<T>(importer: () => Promise<T>) {
  let loaded: T | null = null;
  let loading: Promise<T> | null = null;
  const listeners = new Set<() => void>();
  const subscribe = (listener: () => void) => {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  };
  return {
    load(): Promise<T> {
      return (loading ??= importer().then((module) => {
        loaded = module;
        for (const listener of listeners) listener();
        return module;
      }));
    },
    /** The module, or null until it has loaded. */
    current: (): T | null => loaded,
    /** The module in render; null until loaded (and on the server). */
    useLoaded: (): T | null => useSyncExternalStore(subscribe, () => loaded, () => null),
  };
}
