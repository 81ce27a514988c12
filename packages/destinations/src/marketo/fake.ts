import { randomUUID } from "node:crypto";

import { MARKETO_FORM_FIELDS } from "@leadrelay/leads";

import {
  bearerToken,
  FakeHttpServer,
  formParameters,
  json,
  type FakeResponse,
  type RecordedRequest,
} from "../testing/fake-http-server";

/**
 * Marketo's identity service and `POST /rest/v1/leads/submitForm.json`, answering as
 * Marketo documents: HTTP 200 with `success`, `errors[{code,message}]` and
 * `result[{id,status,reasons}]`; 601/602 for an invalid or expired token.
 */
export interface MarketoFakeOptions {
  clientId: string;
  clientSecret: string;
  formId: number;
  /** Fields the form has; Marketo skips a submission with others. Default: the fields Leadrelay submits. */
  formFields?: readonly string[];
  expiresIn?: number;
}

export interface MarketoFake extends FakeHttpServer {
  /** Leads in Marketo's database, by id. */
  readonly leads: Map<number, Record<string, string>>;
  /** Makes every issued token expired (602) from now on. */
  expireTokens(): void;
  /** The next submitForm calls answer with this response-level error (e.g. "606"). */
  failWith(code: string, message: string, times?: number): void;
}

function envelope(body: Record<string, unknown>): FakeResponse {
  return json(200, {
    requestId: `${Math.floor(Math.random() * 0xffff).toString(16)}#${Date.now().toString(16)}`,
    ...body,
  });
}

export async function startMarketoFake(options: MarketoFakeOptions): Promise<MarketoFake> {
  const leads = new Map<number, Record<string, string>>();
  const tokens = new Map<string, "valid" | "expired">();
  const formFields = new Set(
    (options.formFields ?? Object.values(MARKETO_FORM_FIELDS)).map((field) => field.toLowerCase()),
  );
  let nextId = 1001;
  let failure: { code: string; message: string; remaining: number } | undefined;

  const identity = (request: RecordedRequest): FakeResponse => {
    const parameters = formParameters(request);
    if (parameters.get("grant_type") !== "client_credentials") {
      return json(400, { error: "invalid_request", error_description: "Missing grant type" });
    }
    if (
      parameters.get("client_id") !== options.clientId ||
      parameters.get("client_secret") !== options.clientSecret
    ) {
      return json(401, { error: "unauthorized", error_description: "Bad client credentials" });
    }
    const accessToken = `${randomUUID()}:ab`;
    tokens.set(accessToken, "valid");
    return json(200, {
      access_token: accessToken,
      token_type: "bearer",
      expires_in: options.expiresIn ?? 3599,
      scope: "leadrelay@example.com",
    });
  };

  const submitForm = (request: RecordedRequest): FakeResponse => {
    const token = bearerToken(request);
    const state = token === undefined ? undefined : tokens.get(token);
    if (state === undefined)
      return envelope({
        success: false,
        errors: [{ code: "601", message: "Access token invalid" }],
      });
    if (state === "expired")
      return envelope({
        success: false,
        errors: [{ code: "602", message: "Access token expired" }],
      });
    if (failure && failure.remaining > 0) {
      failure.remaining -= 1;
      return envelope({
        success: false,
        errors: [{ code: failure.code, message: failure.message }],
      });
    }

    let body: { formId?: unknown; input?: { leadFormFields?: Record<string, string> }[] };
    try {
      body = JSON.parse(request.body) as typeof body;
    } catch {
      return envelope({ success: false, errors: [{ code: "609", message: "Invalid JSON" }] });
    }
    const fields = body.input?.[0]?.leadFormFields;
    if (body.input?.length !== 1 || fields === undefined) {
      return envelope({
        success: false,
        errors: [{ code: "1003", message: "Exactly one input with leadFormFields is required" }],
      });
    }
    if (body.formId !== options.formId) {
      return envelope({
        success: true,
        result: [
          {
            status: "skipped",
            reasons: [{ code: "1013", message: `Form ${String(body.formId)} not found` }],
          },
        ],
      });
    }
    const unknown = Object.keys(fields).find((field) => !formFields.has(field.toLowerCase()));
    if (unknown !== undefined) {
      return envelope({
        success: true,
        result: [
          {
            status: "skipped",
            reasons: [{ code: "1006", message: `Field '${unknown}' not found` }],
          },
        ],
      });
    }
    const existing = [...leads].find(
      ([, lead]) => lead.Email !== undefined && lead.Email === fields.Email,
    );
    if (existing) {
      leads.set(existing[0], { ...existing[1], ...fields });
      return envelope({ success: true, result: [{ id: existing[0], status: "updated" }] });
    }
    const id = nextId++;
    leads.set(id, { ...fields });
    return envelope({ success: true, result: [{ id, status: "created" }] });
  };

  const server = await FakeHttpServer.start([
    { name: "identity", method: "GET", path: /^\/identity\/oauth\/token$/u, handle: identity },
    { name: "identity", method: "POST", path: /^\/identity\/oauth\/token$/u, handle: identity },
    {
      name: "submitForm",
      method: "POST",
      path: /^\/rest\/v1\/leads\/submitForm\.json$/u,
      handle: submitForm,
    },
  ]);
  return Object.assign(server, {
    leads,
    expireTokens: () => {
      for (const token of tokens.keys()) tokens.set(token, "expired");
    },
    failWith: (code: string, message: string, times = 1) => {
      failure = { code, message, remaining: times };
    },
  });
}
