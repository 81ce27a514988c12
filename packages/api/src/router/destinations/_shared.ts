import { decryptJson, maskSecret } from "@leadrelay/crypto";
import {
  DestinationRepository,
  EMPTY_STATUS_COUNTS,
  type DbTx,
  type DeliveryStatusCounts,
  type DestinationDto,
  type DestinationKind,
  type DestinationWithSecretsDto,
  type TenantDto,
  type TenantRole,
  type UserDto,
} from "@leadrelay/db";
import { assertPublicUrl, getDestinationAdapter, RETIRED_DESTINATIONS, UnsafeDestinationUrlError, type DestinationAdapter } from "@leadrelay/destinations";
import { workerEnv } from "@leadrelay/worker";
import { ZodError, type z } from "zod";
import { AppError, appError } from "../../errors";
import type { Context } from "../../trpc";

export type TenantCtx = Context & { user: UserDto; tenant: TenantDto; role: TenantRole };

/** Microsoft retired Azure Blob as a lead destination; it is listed and accepted as input only to say so. */
export const AZURE_BLOB = "AZURE_BLOB";
export const AZURE_BLOB_RETIRED = RETIRED_DESTINATIONS.AZURE_BLOB;

export function adapterFor(kind: DestinationKind): DestinationAdapter {
  return getDestinationAdapter(kind);
}

/**
 * A BAD_REQUEST that carries the field-level messages of a validation: the error
 * formatter turns a ZodError cause into `data.fieldErrors` ({ url: ["Enter …"] }).
 */
export class FieldValidationError extends AppError {
  constructor(reason: string, message: string, issues: z.core.$ZodIssue[]) {
    super("BAD_REQUEST", reason, message);
    Object.defineProperty(this, "cause", { value: new ZodError(issues), enumerable: false, configurable: true, writable: true });
  }
}

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => (issue.path.length > 0 ? `${issue.path.map(String).join(".")}: ${issue.message}` : issue.message))
    .join("; ");
}

const allowPrivateNetwork = () => workerEnv().LEADRELAY_ALLOW_PRIVATE_NETWORK_DESTINATIONS;

/** Every string in the config that is an http(s) URL, with its path (e.g. `url`, `endpoint`). */
function urlFields(value: unknown, path: (string | number)[] = []): { path: (string | number)[]; url: string }[] {
  if (typeof value === "string") return /^https?:\/\//iu.test(value.trim()) ? [{ path, url: value.trim() }] : [];
  if (Array.isArray(value)) return value.flatMap((item, index) => urlFields(item, [...path, index]));
  if (value !== null && typeof value === "object") {
    return Object.entries(value).flatMap(([key, item]) => urlFields(item, [...path, key]));
  }
  return [];
}

/** A schema that throws while checking (a refinement choking on bad input) still gives a 400, never a 500. */
function safeParse(schema: z.ZodType, value: unknown) {
  try {
    return schema.safeParse(value);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    const issue: z.core.$ZodIssue = { code: "custom", path: [], message: `These settings could not be checked (${why}): check every field`, input: value };
    return { success: false as const, error: { issues: [issue] } };
  }
}

/**
 * Checks settings with the kind's own schemas (messages per field), and every URL in
 * them against the SSRF rules, so a destination is never saved pointing at Leadrelay's
 * own network. Returns the parsed settings (defaults filled in, values trimmed).
 */
export async function validateDestinationSettings(
  adapter: DestinationAdapter,
  input: { config: unknown; secrets: unknown },
): Promise<{ config: Record<string, unknown>; secrets: Record<string, unknown> }> {
  const config = safeParse(adapter.configSchema, input.config ?? {});
  const secrets = safeParse(adapter.secretsSchema, input.secrets ?? {});
  const issues = [...(config.success ? [] : config.error.issues), ...(secrets.success ? [] : secrets.error.issues)];
  if (issues.length > 0 || !config.success || !secrets.success) {
    throw new FieldValidationError("invalidDestinationSettings", `Check the ${adapter.label} settings: ${describeIssues(issues)}.`, issues);
  }
  const unsafe: z.core.$ZodIssue[] = [];
  for (const field of urlFields(config.data)) {
    try {
      await assertPublicUrl(field.url, { allowPrivateNetwork: allowPrivateNetwork() });
    } catch (error) {
      if (!(error instanceof UnsafeDestinationUrlError)) throw error;
      unsafe.push({ code: "custom", path: field.path, message: error.message, input: field.url });
    }
  }
  if (unsafe.length > 0) {
    throw new FieldValidationError("unsafeDestinationUrl", `This address cannot be used: ${describeIssues(unsafe)}.`, unsafe);
  }
  return { config: config.data as Record<string, unknown>, secrets: (secrets.data ?? {}) as Record<string, unknown> };
}

/** `••••last4` for every string in the secrets (nested headers too); the values themselves never leave the server. */
export function maskSecrets(value: unknown): unknown {
  if (typeof value === "string") return value === "" ? "" : maskSecret(value);
  if (Array.isArray(value)) return value.map(maskSecrets);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, maskSecrets(item)]));
  }
  return value === undefined ? null : value;
}

export function decryptSecrets(destination: Pick<DestinationWithSecretsDto, "secretsCiphertext">): Record<string, unknown> {
  if (!destination.secretsCiphertext) return {};
  try {
    return decryptJson<Record<string, unknown>>(destination.secretsCiphertext);
  } catch {
    // Unreadable (the encryption key changed): shown as unset, so the admin enters them again.
    return {};
  }
}

export async function requireDestination(db: DbTx, tenantId: string, id: string): Promise<DestinationWithSecretsDto> {
  const destination = await new DestinationRepository(db).findWithSecrets(tenantId, id);
  if (!destination) throw appError("NOT_FOUND", "destinationNotFound", "No such destination in this publisher account.");
  return destination;
}

export async function requireOffer(db: DbTx, tenantId: string, offerId: string) {
  const offer = await new DestinationRepository(db).offerBelongsToTenant(tenantId, offerId);
  if (!offer) throw appError("NOT_FOUND", "offerNotFound", "No such offer in this publisher account.");
  return offer;
}

/**
 * What clients see of a destination: settings and health, never secrets. `verified`: the
 * last "Send test lead" got through (its outcome is `lastTestResult`, from `lastTestAt`).
 */
export type DestinationView = Omit<DestinationDto, "tenantId"> & { kindLabel: string; deliveryCounts: DeliveryStatusCounts; verified: boolean };

export function toView(destination: DestinationDto | DestinationWithSecretsDto, counts?: DeliveryStatusCounts): DestinationView {
  const {
    tenantId: _tenantId,
    secretsCiphertext: _secrets,
    ...rest
  } = destination as DestinationWithSecretsDto;
  return {
    ...rest,
    kindLabel: adapterFor(rest.kind).label,
    deliveryCounts: counts ?? { ...EMPTY_STATUS_COUNTS },
    verified: rest.lastTestResult?.ok === true,
  };
}

export async function viewWithCounts(db: DbTx, destination: DestinationDto): Promise<DestinationView> {
  const counts = await new DestinationRepository(db).statusCounts(destination.tenantId, [destination.id]);
  return toView(destination, counts.get(destination.id));
}
