import { randomUUID } from "node:crypto";

import { DYNAMICS_LEAD_MAX_LENGTHS } from "@leadrelay/leads";

import {
  bearerToken,
  FakeHttpServer,
  formParameters,
  json,
  type FakeResponse,
  type RecordedRequest,
} from "../testing/fake-http-server";

/**
 * Microsoft Entra ID's v2 token endpoint and the Dataverse Web API's `leads` entity set, on
 * one local server, answering as documented (client credentials grant; create-only upsert
 * `PATCH /api/data/v9.2/leads(<id>)` with `If-None-Match: *`; OData error bodies).
 */
export interface DynamicsFakeOptions {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** The instance the token is for: the scope must be `<instanceUrl>/.default`. */
  instanceUrl: string;
  /** Seconds in the token response; 3599 as Entra ID says. */
  expiresIn?: number;
}

export interface DynamicsFake extends FakeHttpServer {
  readonly options: DynamicsFakeOptions;
  /** Leads Dataverse holds, by id. */
  readonly leads: Map<string, Record<string, unknown>>;
  /** Tokens handed out; `revokeTokens` empties it. */
  readonly issuedTokens: Set<string>;
  revokeTokens(): void;
}

const LEAD_ATTRIBUTES = new Set([...Object.keys(DYNAMICS_LEAD_MAX_LENGTHS), "leadsourcecode"]);

function entraError(status: number, error: string, description: string): FakeResponse {
  return json(status, {
    error,
    error_description: `${description}\r\nTrace ID: ${randomUUID()}\r\nCorrelation ID: ${randomUUID()}\r\nTimestamp: 2026-01-01 00:00:00Z`,
    error_codes: [Number(/AADSTS(\d+)/u.exec(description)?.[1] ?? 0)],
  });
}

function dataverseError(status: number, code: string, message: string): FakeResponse {
  return json(status, { error: { code, message } }, { "odata-version": "4.0" });
}

export async function startDynamicsFake(options: DynamicsFakeOptions): Promise<DynamicsFake> {
  const leads = new Map<string, Record<string, unknown>>();
  const issuedTokens = new Set<string>();
  let baseUrl = "";

  const token = (request: RecordedRequest): FakeResponse => {
    const tenant = decodeURIComponent(/^\/([^/]+)\//u.exec(request.url)?.[1] ?? "");
    const form = formParameters(request);
    if (tenant.toLowerCase() !== options.tenantId.toLowerCase()) {
      return entraError(
        400,
        "invalid_request",
        `AADSTS90002: Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
      );
    }
    if (form.get("grant_type") !== "client_credentials") {
      return entraError(
        400,
        "unsupported_grant_type",
        "AADSTS70003: The app requested an unsupported grant type.",
      );
    }
    if (form.get("client_id") !== options.clientId) {
      return entraError(
        400,
        "unauthorized_client",
        `AADSTS700016: Application with identifier '${form.get("client_id") ?? ""}' was not found in the directory '${tenant}'.`,
      );
    }
    if (form.get("client_secret") !== options.clientSecret) {
      return entraError(
        401,
        "invalid_client",
        `AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${options.clientId}'.`,
      );
    }
    if (form.get("scope") !== `${options.instanceUrl}/.default`) {
      return entraError(
        400,
        "invalid_scope",
        `AADSTS1002012: The provided value for scope ${form.get("scope") ?? ""} is not valid.`,
      );
    }
    const accessToken = `eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.${randomUUID()}`;
    issuedTokens.add(accessToken);
    const expiresIn = options.expiresIn ?? 3599;
    return json(200, {
      token_type: "Bearer",
      expires_in: expiresIn,
      ext_expires_in: expiresIn,
      access_token: accessToken,
    });
  };

  const upsertLead = (request: RecordedRequest): FakeResponse => {
    const presented = bearerToken(request);
    if (presented === undefined || !issuedTokens.has(presented)) {
      return {
        status: 401,
        headers: {
          "www-authenticate": `Bearer authorization_uri=https://login.microsoftonline.com/${options.tenantId}/oauth2/authorize`,
        },
      };
    }
    const id = /leads\(([^)]+)\)$/u.exec(request.url.split("?")[0] ?? "")?.[1] ?? "";
    let record: unknown;
    try {
      record = JSON.parse(request.body);
    } catch {
      return dataverseError(
        400,
        "0x80048d19",
        "Error identified in Payload provided by the user for Entity :'leads'",
      );
    }
    if (typeof record !== "object" || record === null || Array.isArray(record)) {
      return dataverseError(
        400,
        "0x80048d19",
        "Error identified in Payload provided by the user for Entity :'leads'",
      );
    }
    for (const [attribute, value] of Object.entries(record)) {
      if (!LEAD_ATTRIBUTES.has(attribute)) {
        return dataverseError(
          400,
          "0x80060888",
          `Invalid property '${attribute}' was found in entity 'Microsoft.Dynamics.CRM.lead'.`,
        );
      }
      const max = DYNAMICS_LEAD_MAX_LENGTHS[attribute as keyof typeof DYNAMICS_LEAD_MAX_LENGTHS] as
        number | undefined;
      if (max !== undefined && typeof value === "string" && value.length > max) {
        return dataverseError(
          400,
          "0x80044331",
          `A validation error occurred. The length of the '${attribute}' attribute of the 'lead' entity exceeded the maximum allowed length of '${max}'.`,
        );
      }
    }
    if (leads.has(id)) {
      if (request.headers["if-none-match"] === "*") {
        return dataverseError(
          412,
          "0x80060882",
          "A record with matching key values already exists.",
        );
      }
    }
    leads.set(id, record as Record<string, unknown>);
    return {
      status: 204,
      headers: {
        "odata-version": "4.0",
        "odata-entityid": `${baseUrl}/api/data/v9.2/leads(${id})`,
      },
    };
  };

  const server = await FakeHttpServer.start([
    { name: "token", method: "POST", path: /^\/[^/]+\/oauth2\/v2\.0\/token$/u, handle: token },
    {
      name: "leads",
      method: "PATCH",
      path: /^\/api\/data\/v9\.2\/leads\([0-9a-f-]{36}\)$/u,
      handle: upsertLead,
    },
  ]);
  baseUrl = server.url;
  return Object.assign(server, {
    options,
    leads,
    issuedTokens,
    revokeTokens: () => issuedTokens.clear(),
  });
}
