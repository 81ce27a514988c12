"use client";

import { useFormatter } from "next-intl";
import { useEffect, useState } from "react";

/**
 * "in 29 minutes", kept current. The server and the first client render show the absolute
 * time (both agree on it); the relative form appears once mounted, so hydration never
 * sees two different clocks.
 */
export function RelativeTime({ date }: { date: Date }) {
  const format = useFormatter();
  const [now, setNow] = useState<Date | null>(null);
  useEffect(() => {
    setNow(new Date());
    const timer = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(timer);
  }, []);
  const absolute = format.dateTime(date, { dateStyle: "medium", timeStyle: "short" });
  return (
    <time dateTime={date.toISOString()} title={absolute}>
      {now ? format.relativeTime(date, now) : absolute}
    </time>
  );
}
