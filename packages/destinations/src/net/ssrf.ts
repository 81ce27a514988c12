import { lookup as dnsLookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";

/**
 * Server-side request forgery guard: a tenant-supplied URL must not reach Leadrelay's own
 * network (loopback, private ranges, the cloud metadata endpoint at 169.254.169.254, …).
 * Every address the hostname resolves to is checked, since a client may connect to any.
 */

export const UNSAFE_DESTINATION_CODE = "ELEADRELAY_UNSAFE_DESTINATION";

export class UnsafeDestinationUrlError extends Error {
  override readonly name = "UnsafeDestinationUrlError";
  /** SDKs that wrap network errors (Azure's RestError) keep the code: the refusal stays recognisable. */
  readonly code = UNSAFE_DESTINATION_CODE;
}

export type LookupAll = (hostname: string) => Promise<{ address: string; family: number }[]>;

export interface PublicUrlOptions {
  /** LEADRELAY_ALLOW_PRIVATE_NETWORK_DESTINATIONS: private hosts and plain http allowed (development, tests). */
  allowPrivateNetwork: boolean;
  /** Injectable for tests; defaults to dns.lookup with every address. */
  lookup?: LookupAll;
}

interface Range {
  name: string;
  ranges: readonly (readonly [network: string, prefix: number, family: "ipv4" | "ipv6"])[];
}

const REFUSED_RANGES: readonly Range[] = [
  {
    name: "a loopback address",
    ranges: [
      ["127.0.0.0", 8, "ipv4"],
      ["::1", 128, "ipv6"],
    ],
  },
  {
    name: "a private network address",
    ranges: [
      ["10.0.0.0", 8, "ipv4"],
      ["172.16.0.0", 12, "ipv4"],
      ["192.168.0.0", 16, "ipv4"],
      ["fc00::", 7, "ipv6"],
    ],
  },
  {
    name: "a link-local address (this includes cloud metadata endpoints)",
    ranges: [
      ["169.254.0.0", 16, "ipv4"],
      ["fe80::", 10, "ipv6"],
    ],
  },
  { name: "a carrier-grade NAT address", ranges: [["100.64.0.0", 10, "ipv4"]] },
  {
    name: "an unspecified or reserved address",
    ranges: [
      ["0.0.0.0", 8, "ipv4"],
      ["192.0.0.0", 24, "ipv4"],
      ["198.18.0.0", 15, "ipv4"],
      ["240.0.0.0", 4, "ipv4"],
      // ::/96 holds the unspecified address and the deprecated IPv4-compatible forms (::127.0.0.1).
      ["::", 96, "ipv6"],
    ],
  },
  {
    name: "a multicast address",
    ranges: [
      ["224.0.0.0", 4, "ipv4"],
      ["ff00::", 8, "ipv6"],
    ],
  },
];

// BlockList also matches IPv4-mapped IPv6 addresses (::ffff:127.0.0.1) against IPv4 ranges.
const BLOCK_LISTS = REFUSED_RANGES.map(({ name, ranges }) => {
  const list = new BlockList();
  for (const [network, prefix, family] of ranges) list.addSubnet(network, prefix, family);
  return { name, list };
});

/** Why the address may not be contacted, or undefined when it is a public address. */
export function refusedAddressReason(address: string): string | undefined {
  const family = isIP(address);
  if (family === 0) return "not an IP address";
  const type = family === 4 ? "ipv4" : "ipv6";
  return BLOCK_LISTS.find(({ list }) => list.check(address, type))?.name;
}

const defaultLookup: LookupAll = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/**
 * Every address the host stands for, after checking each: an IP literal is judged as
 * itself, a name is resolved (all addresses) and refused when any address is not public.
 * Called before each request and again by the connection guard when the socket is opened
 * (net/guard.ts), so a DNS answer that changes in between (rebinding) is caught.
 */
export async function resolvePublicAddresses(
  hostname: string,
  options: Pick<PublicUrlOptions, "lookup">,
): Promise<string[]> {
  const host = hostname.replace(/^\[(.*)\]$/u, "$1");
  let addresses: string[];
  if (isIP(host) !== 0) {
    addresses = [host];
  } else {
    try {
      addresses = (await (options.lookup ?? defaultLookup)(host)).map((entry) => entry.address);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      throw new UnsafeDestinationUrlError(
        `The host ${host} could not be resolved${typeof code === "string" ? ` (${code})` : ""}`,
      );
    }
    if (addresses.length === 0)
      throw new UnsafeDestinationUrlError(`The host ${host} has no address`);
  }
  for (const address of addresses) {
    const reason = refusedAddressReason(address);
    if (reason !== undefined) {
      const subject = address === host ? `${host} is` : `${host} resolves to ${address},`;
      throw new UnsafeDestinationUrlError(
        `${subject} ${reason}: destinations must be on the public internet`,
      );
    }
  }
  return addresses;
}

/**
 * Throws `UnsafeDestinationUrlError` unless the URL is http(s), https when private networks
 * are not allowed, carries no credentials, and every address its host resolves to is public.
 * Used when a destination is saved and again before each request (DNS answers change).
 */
export async function assertPublicUrl(url: string | URL, options: PublicUrlOptions): Promise<URL> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UnsafeDestinationUrlError(`"${String(url)}" is not a valid URL`);
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
    throw new UnsafeDestinationUrlError(
      `Only https URLs are allowed, not ${parsed.protocol.replace(/:$/u, "")}`,
    );
  }
  if (parsed.username !== "" || parsed.password !== "") {
    throw new UnsafeDestinationUrlError("The URL must not contain a user name or password");
  }
  if (options.allowPrivateNetwork) return parsed;
  if (parsed.protocol !== "https:") {
    throw new UnsafeDestinationUrlError(
      "Only https URLs are allowed: plain http would send leads unencrypted",
    );
  }

  // WHATWG URL has already normalised IP literals (0x7f.1 → 127.0.0.1); IPv6 keeps its brackets.
  await resolvePublicAddresses(parsed.hostname, options);
  return parsed;
}
