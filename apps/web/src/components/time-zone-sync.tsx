"use client";

import { useRouter } from "next/navigation";
import { useTimeZone } from "next-intl";
import { useEffect } from "react";
import { TIME_ZONE_COOKIE } from "~/i18n/config";

/**
 * Tells the server the browser's time zone (a cookie), so the days, "today" and the insights'
 * buckets the server renders are the user's own; refreshes once when the zone changes. A zone
 * the server does not know stays UTC: the cookie then already holds it, so no refresh loop.
 */
export function TimeZoneSync() {
  const router = useRouter();
  const serverZone = useTimeZone();
  useEffect(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!zone || zone === serverZone) return;
    const current = document.cookie
      .split("; ")
      .find((pair) => pair.startsWith(`${TIME_ZONE_COOKIE}=`))
      ?.slice(TIME_ZONE_COOKIE.length + 1);
    if (current !== undefined && decodeURIComponent(current) === zone) return;
    document.cookie = `${TIME_ZONE_COOKIE}=${encodeURIComponent(zone)}; path=/; max-age=${365 * 24 * 3600}; samesite=lax`;
    router.refresh();
  }, [serverZone, router]);
  return null;
}
