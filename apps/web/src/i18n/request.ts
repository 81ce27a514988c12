import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { defaultLocale, isLocale, knownTimeZone, LOCALE_COOKIE, TIME_ZONE_COOKIE, type Locale } from "./config";
import { loadMessages } from "./messages";

/** The user's chosen locale (cookie), else the browser's preference, else English. */
async function pickLocale(): Promise<Locale> {
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(chosen)) return chosen;
  const accepted = (await headers()).get("accept-language") ?? "";
  const preferred = accepted.split(",").map((part) => part.split(";")[0]?.trim().slice(0, 2).toLowerCase());
  return preferred.find(isLocale) ?? defaultLocale;
}

export default getRequestConfig(async () => {
  const locale = await pickLocale();
  return {
    locale,
    messages: loadMessages(locale),
    // The browser's zone once <TimeZoneSync> has told us (first visit: UTC, then one refresh).
    timeZone: knownTimeZone((await cookies()).get(TIME_ZONE_COOKIE)?.value) ?? "UTC",
  };
});
