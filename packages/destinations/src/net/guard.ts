import http from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";

import { Agent, buildConnector, type Dispatcher } from "undici";

import { resolvePublicAddresses, type LookupAll } from "./ssrf";

/**
 * The SSRF check at connect time. `assertPublicUrl` vets a URL before a request, but the
 * HTTP client would resolve the host again when it opens the socket, and a hostile DNS
 * server can answer differently the second time (DNS rebinding: first a public address,
 * then 127.0.0.1 or 169.254.169.254). Here the host is resolved once more as the socket is
 * opened, every address is checked, and the socket goes to a vetted address, never to
 * whatever a later lookup says. TLS still verifies the certificate against the host name.
 */
export interface ConnectGuardOptions {
  /** LEADRELAY_ALLOW_PRIVATE_NETWORK_DESTINATIONS: no check (local testing only). */
  allowPrivateNetwork: boolean;
  /** Injectable resolver for tests; defaults to dns.lookup with every address. */
  lookup?: LookupAll;
}

/** An undici connector that resolves, vets and connects to the vetted address. */
export function guardedConnector(
  options: ConnectGuardOptions,
  /** What opens the socket once the address is vetted (undici's own connector). */
  connect: buildConnector.connector = buildConnector({}),
): buildConnector.connector {
  if (options.allowPrivateNetwork) return connect;
  return (target, callback) => {
    const hostname = target.hostname.replace(/^\[(.*)\]$/u, "$1");
    resolvePublicAddresses(hostname, options).then(
      ([address]) => {
        connect(
          {
            ...target,
            hostname: address ?? hostname,
            // SNI and the certificate check use the name, not the address connected to.
            ...(target.protocol === "https:" && isIP(hostname) === 0
              ? { servername: target.servername ?? hostname }
              : {}),
          },
          callback,
        );
      },
      (error: Error) => callback(error, null),
    );
  };
}

const dispatchers = new Map<boolean, Dispatcher>();

/**
 * The dispatcher every adapter request goes through. One shared agent per setting (its
 * pooled sockets stay bound to the address they were vetted for); a custom resolver (tests)
 * gets an agent of its own.
 */
export function guardedDispatcher(options: ConnectGuardOptions): Dispatcher {
  if (options.lookup) return new Agent({ connect: guardedConnector(options) });
  let dispatcher = dispatchers.get(options.allowPrivateNetwork);
  if (!dispatcher) {
    dispatcher = new Agent({ connect: guardedConnector(options) });
    dispatchers.set(options.allowPrivateNetwork, dispatcher);
  }
  return dispatcher;
}

/**
 * The same check as a `lookup` for Node's own sockets (http/https agents, which the Azure
 * SDK uses): the host's addresses are vetted before the socket connects to them. Node skips
 * `lookup` for IP literals, so literal hosts must be vetted before the request
 * (`assertPublicUrl` does: a literal cannot change between check and connect).
 */
export function guardedLookup(options: ConnectGuardOptions): LookupFunction {
  return (hostname, lookupOptions, callback) => {
    resolvePublicAddresses(hostname, options).then(
      (addresses) => {
        const family =
          lookupOptions.family === "IPv4"
            ? 4
            : lookupOptions.family === "IPv6"
              ? 6
              : lookupOptions.family;
        const wanted =
          family === 4 || family === 6 ? addresses.filter((a) => isIP(a) === family) : addresses;
        if (wanted.length === 0) {
          callback(
            Object.assign(new Error(`${hostname} has no IPv${family} address`), {
              code: "ENOTFOUND",
            }),
            "",
            0,
          );
        } else if (lookupOptions.all) {
          const all = wanted.map((address) => ({ address, family: isIP(address) }));
          (
            callback as unknown as (
              error: null,
              addresses: { address: string; family: number }[],
            ) => void
          )(null, all);
        } else {
          callback(null, wanted[0]!, isIP(wanted[0]!));
        }
      },
      (error: Error) => callback(error, "", 0),
    );
  };
}

const nodeAgents = new Map<string, http.Agent>();

/** A keep-alive Node agent for the protocol whose sockets only reach vetted addresses. */
export function guardedNodeAgent(
  protocol: "http:" | "https:",
  options: ConnectGuardOptions,
): http.Agent {
  const agentOptions = {
    keepAlive: true,
    ...(options.allowPrivateNetwork ? {} : { lookup: guardedLookup(options) }),
  };
  const make = () =>
    protocol === "https:" ? new https.Agent(agentOptions) : new http.Agent(agentOptions);
  if (options.lookup) return make();
  const key = `${protocol}${options.allowPrivateNetwork}`;
  let agent = nodeAgents.get(key);
  if (!agent) {
    agent = make();
    nodeAgents.set(key, agent);
  }
  return agent;
}
