import {
  FakeHttpServer,
  type FakeResponse,
  type RecordedRequest,
} from "../testing/fake-http-server";

/**
 * Salesforce's Web-to-Lead servlet: takes a form post, answers 200 with an empty HTML page
 * whatever happens, and creates the lead only when the org exists, the required fields and
 * picklists are satisfied and the daily limit is not reached. `leads` holds what Salesforce
 * really created, `requests` what it was sent: the gap is why deliveries are "accepted".
 */
export interface SalesforceFakeOptions {
  orgId: string;
  /** Fields the org made required, with the values a picklist allows (undefined: any text). */
  requiredFields?: Record<string, readonly string[] | undefined>;
  /** Leads a day before further ones are dropped; 500 in Salesforce. */
  dailyLimit?: number;
}

export interface SalesforceFake extends FakeHttpServer {
  /** The fields of each lead Salesforce created, in order. */
  readonly leads: Record<string, string>[];
  /** Why each dropped submission was dropped (Salesforce tells only the admin, by email). */
  readonly dropped: string[];
  /** The servlet URL to configure as the destination's endpoint. */
  readonly endpoint: string;
}

const OK_PAGE: FakeResponse = {
  status: 200,
  headers: { "content-type": "text/html;charset=UTF-8" },
  body: '<html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8"></head><body></body></html>',
};

export async function startSalesforceFake(options: SalesforceFakeOptions): Promise<SalesforceFake> {
  const leads: Record<string, string>[] = [];
  const dropped: string[] = [];

  const webToLead = (request: RecordedRequest): FakeResponse => {
    const fields: Record<string, string> = {};
    for (const [name, value] of new URLSearchParams(request.body)) fields[name] ??= value;
    const reason = dropReason(fields);
    if (reason === undefined) leads.push(fields);
    else dropped.push(reason);
    return OK_PAGE;
  };

  const dropReason = (fields: Record<string, string>): string | undefined => {
    if (fields.oid !== options.orgId) return `unknown org ${fields.oid ?? "(none)"}`;
    for (const [name, allowed] of Object.entries(options.requiredFields ?? {})) {
      const value = fields[name];
      if (value === undefined || value === "") return `required field ${name} missing`;
      if (allowed !== undefined && !allowed.includes(value))
        return `${name} "${value}" is not a picklist value`;
    }
    if (options.dailyLimit !== undefined && leads.length >= options.dailyLimit)
      return "daily Web-to-Lead limit reached";
    return undefined;
  };

  const server = await FakeHttpServer.start([
    {
      name: "webToLead",
      method: "POST",
      path: /^\/servlet\/servlet\.WebToLead$/u,
      handle: webToLead,
    },
  ]);
  return Object.assign(server, {
    leads,
    dropped,
    endpoint: `${server.url}/servlet/servlet.WebToLead?encoding=UTF-8`,
  });
}
