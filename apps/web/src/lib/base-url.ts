import { env } from "~/env";

/** The origin for links we hand out: the configured public URL, else the request's own. */
export function publicBaseUrl(headers: Headers): string {
  if (env.LEADRELAY_PUBLIC_URL) return env.LEADRELAY_PUBLIC_URL.replace(/\/$/, "");
  const host = headers.get("x-forwarded-host") ?? headers.get("host") ?? "localhost:3000";
  const proto = headers.get("x-forwarded-proto") ?? (host.startsWith("localhost") || host.startsWith("127.") ? "http" : "https");
  return `${proto}://${host}`;
}
