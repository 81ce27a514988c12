import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";

/** One request exactly as a fake received it. */
export interface RecordedRequest {
  /** The route that handled it, e.g. "token", "leads". */
  route: string;
  method: string;
  /** Path and query, as sent. */
  url: string;
  /** Lower-cased header names, as Node gives them. */
  headers: IncomingHttpHeaders;
  body: string;
}

export interface FakeResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

/** Switchable misbehaviour of one route. */
export type FakeBehaviour =
  | { kind: "respond"; response: FakeResponse }
  /** Answers normally after the delay (longer than a test's timeout: "slow"). */
  | { kind: "slow"; delayMs: number }
  | { kind: "redirect"; status?: 301 | 302 | 307 | 308; location: string };

export interface FakeRoute {
  name: string;
  method: string;
  /** Matched against the path (without the query). */
  path: RegExp;
  handle(request: RecordedRequest): FakeResponse | Promise<FakeResponse>;
  /** Sees every request to the route as it arrives, misbehaviour or not (e.g. to verify a signature). */
  inspect?(request: RecordedRequest): void;
}

/**
 * A local HTTP server on 127.0.0.1 and a random port that answers like a vendor's API,
 * records every request, and can be told to misbehave per route.
 */
export class FakeHttpServer {
  readonly requests: RecordedRequest[] = [];
  private readonly overrides = new Map<string, { behaviour: FakeBehaviour; remaining: number }>();
  private readonly pending = new Set<NodeJS.Timeout>();

  private constructor(
    readonly url: string,
    private readonly close: () => Promise<void>,
  ) {}

  static async start(routes: readonly FakeRoute[]): Promise<FakeHttpServer> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const fake = new FakeHttpServer(`http://127.0.0.1:${port}`, () => {
      server.closeAllConnections();
      return new Promise((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    });
    server.on("request", (req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        void fake.handle(
          routes,
          req.method ?? "GET",
          req.url ?? "/",
          req.headers,
          Buffer.concat(chunks).toString("utf8"),
          res,
        );
      });
    });
    return fake;
  }

  /** Makes `route` misbehave for the next `times` requests (default: until `reset`). */
  override(route: string, behaviour: FakeBehaviour, times = Number.POSITIVE_INFINITY): void {
    this.overrides.set(route, { behaviour, remaining: times });
  }

  reset(): void {
    this.overrides.clear();
    this.requests.length = 0;
  }

  requestsTo(route: string): RecordedRequest[] {
    return this.requests.filter((request) => request.route === route);
  }

  async stop(): Promise<void> {
    for (const timer of this.pending) clearTimeout(timer);
    await this.close();
  }

  private async handle(
    routes: readonly FakeRoute[],
    method: string,
    url: string,
    headers: IncomingHttpHeaders,
    body: string,
    res: ServerResponse,
  ): Promise<void> {
    const path = url.split("?")[0] ?? url;
    const route = routes.find(
      (candidate) => candidate.method === method && candidate.path.test(path),
    );
    const request: RecordedRequest = {
      route: route?.name ?? "unmatched",
      method,
      url,
      headers,
      body,
    };
    this.requests.push(request);
    if (!route) return send(res, { status: 404, body: `No fake route for ${method} ${path}` });
    route.inspect?.(request);

    const override = this.overrides.get(route.name);
    if (override && override.remaining > 0) {
      override.remaining -= 1;
      const { behaviour } = override;
      if (behaviour.kind === "respond") return send(res, behaviour.response);
      if (behaviour.kind === "redirect") {
        return send(res, {
          status: behaviour.status ?? 302,
          headers: { location: behaviour.location },
        });
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          this.pending.delete(timer);
          resolve();
        }, behaviour.delayMs);
        this.pending.add(timer);
      });
      if (res.destroyed) return;
    }
    try {
      send(res, await route.handle(request));
    } catch (error) {
      send(res, { status: 500, body: String(error) });
    }
  }
}

function send(res: ServerResponse, response: FakeResponse): void {
  if (res.destroyed) return;
  res.writeHead(response.status, response.headers);
  res.end(response.body);
}

export function json(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): FakeResponse {
  return {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
    body: JSON.stringify(body),
  };
}

/** `application/x-www-form-urlencoded` fields from the query and the body, as a servlet reads them. */
export function formParameters(request: RecordedRequest): URLSearchParams {
  const parameters = new URLSearchParams(request.url.split("?")[1] ?? "");
  if (
    String(request.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded")
  ) {
    for (const [name, value] of new URLSearchParams(request.body)) parameters.append(name, value);
  }
  return parameters;
}

export function bearerToken(request: RecordedRequest): string | undefined {
  return /^Bearer (.+)$/u.exec(String(request.headers.authorization ?? ""))?.[1];
}
