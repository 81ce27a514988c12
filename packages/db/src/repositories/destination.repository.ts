import type { DbTx } from "../client";
import type { Prisma } from "../generated/prisma/client";
import type { DeliveryStatus, DestinationKind, DestinationState } from "../generated/prisma/enums";
import { DeliveryRepository } from "./delivery.repository";

export interface DestinationOfferDto {
  id: string;
  publisherId: string;
  offerId: string;
  title: string;
}

/** A destination as the UI and API see it: config, health, never the secrets. */
export interface DestinationDto {
  id: string;
  tenantId: string;
  /** Null: the tenant-wide default. */
  offerId: string | null;
  offer: DestinationOfferDto | null;
  kind: DestinationKind;
  name: string;
  config: Record<string, unknown>;
  hasSecrets: boolean;
  state: DestinationState;
  consecutiveFailures: number;
  lastSuccessAt: Date | null;
  lastFailureAt: Date | null;
  lastFailureReason: string | null;
  pausedAt: Date | null;
  /** First failure of the current run of failures; null while the destination succeeds. */
  failingSince: Date | null;
  /** When "Send test lead" last ran, and what came of it. */
  lastTestAt: Date | null;
  lastTestResult: DestinationTestResult | null;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * What is kept of the last "Send test lead": the outcome, never the lead or the request
 * (no secrets, no auth headers); the excerpt is the adapter's, already redacted and cut.
 */
export interface DestinationTestResult {
  ok: boolean;
  outcome: string;
  httpStatus: number | null;
  durationMs: number;
  /** At most 500 characters of the receiver's answer. */
  responseExcerpt: string | null;
  /** The failure's reason, or the note of an accepted (unconfirmed) delivery. */
  message: string | null;
}

/** For the worker and the API's own use (decrypting, masking): never returned to a client as is. */
export interface DestinationWithSecretsDto extends DestinationDto {
  secretsCiphertext: string | null;
}

export type DeliveryStatusCounts = Record<DeliveryStatus, number>;

export interface DestinationHealth {
  state: DestinationState;
  consecutiveFailures: number;
  lastSuccessAt: Date | null;
  lastFailureAt: Date | null;
  pausedAt: Date | null;
  failingSince: Date | null;
}

const destinationSelect = {
  id: true,
  tenantId: true,
  offerId: true,
  offer: { select: { id: true, publisherId: true, offerId: true, title: true } },
  kind: true,
  name: true,
  config: true,
  secretsCiphertext: true,
  state: true,
  consecutiveFailures: true,
  lastSuccessAt: true,
  lastFailureAt: true,
  lastFailureReason: true,
  pausedAt: true,
  failingSince: true,
  lastTestAt: true,
  lastTestResult: true,
  createdAt: true,
  updatedAt: true,
} as const satisfies Prisma.DestinationSelect;

type DestinationRow = Prisma.DestinationGetPayload<{ select: typeof destinationSelect }>;

function asObject(value: Prisma.JsonValue): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

const TEST_RESULT_EXCERPT_LENGTH = 500;

/** The stored JSON read defensively: a row written by an older version never breaks a page. */
export function toTestResult(value: Prisma.JsonValue | null): DestinationTestResult | null {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return null;
  const v = value as Record<string, unknown>;
  const text = (x: unknown) => (typeof x === "string" ? x : null);
  return {
    ok: v.ok === true,
    outcome: text(v.outcome) ?? (v.ok === true ? "delivered" : "permanent_failure"),
    httpStatus: typeof v.httpStatus === "number" ? v.httpStatus : null,
    durationMs: typeof v.durationMs === "number" ? v.durationMs : 0,
    responseExcerpt: text(v.responseExcerpt)?.slice(0, TEST_RESULT_EXCERPT_LENGTH) ?? null,
    message: text(v.message),
  };
}

function toDtoWithSecrets(row: DestinationRow): DestinationWithSecretsDto {
  return { ...row, config: asObject(row.config), hasSecrets: row.secretsCiphertext !== null, lastTestResult: toTestResult(row.lastTestResult) };
}

function toDto(row: DestinationRow): DestinationDto {
  const { secretsCiphertext: _secrets, ...dto } = toDtoWithSecrets(row);
  return dto;
}

export const EMPTY_STATUS_COUNTS: DeliveryStatusCounts = { PENDING: 0, DELIVERED: 0, ACCEPTED: 0, RETRYING: 0, FAILED: 0, HELD: 0 };

export interface CreateDestinationInput {
  tenantId: string;
  offerId: string | null;
  kind: DestinationKind;
  name: string;
  config: Prisma.InputJsonObject;
  secretsCiphertext: string | null;
}

export interface UpdateDestinationInput {
  name?: string;
  offerId?: string | null;
  config?: Prisma.InputJsonObject;
  /** Undefined keeps the stored secrets. */
  secretsCiphertext?: string | null;
}

/** Every query is scoped by tenant id: a destination id from another tenant finds nothing. */
export class DestinationRepository {
  constructor(private readonly db: DbTx) {}

  /** The tenant's destinations (optionally one offer's, or `null` for the defaults only), defaults first. */
  async list(tenantId: string, filter: { offerId?: string | null } = {}): Promise<DestinationDto[]> {
    const rows = await this.db.destination.findMany({
      where: { tenantId, ...(filter.offerId !== undefined ? { offerId: filter.offerId } : {}) },
      orderBy: [{ offerId: { sort: "asc", nulls: "first" } }, { createdAt: "asc" }, { id: "asc" }],
      select: destinationSelect,
    });
    return rows.map(toDto);
  }

  async findById(tenantId: string, id: string): Promise<DestinationDto | null> {
    const row = await this.db.destination.findFirst({ where: { id, tenantId }, select: destinationSelect });
    return row ? toDto(row) : null;
  }

  async findWithSecrets(tenantId: string, id: string): Promise<DestinationWithSecretsDto | null> {
    const row = await this.db.destination.findFirst({ where: { id, tenantId }, select: destinationSelect });
    return row ? toDtoWithSecrets(row) : null;
  }

  /** Deliveries per status for each destination (destinations without any get all zeros). */
  async statusCounts(tenantId: string, destinationIds: string[]): Promise<Map<string, DeliveryStatusCounts>> {
    const counts = new Map(destinationIds.map((id) => [id, { ...EMPTY_STATUS_COUNTS }]));
    if (destinationIds.length === 0) return counts;
    const groups = await this.db.delivery.groupBy({
      by: ["destinationId", "status"],
      where: { tenantId, destinationId: { in: destinationIds } },
      _count: { _all: true },
    });
    for (const group of groups) {
      const entry = counts.get(group.destinationId);
      if (entry) entry[group.status] = group._count._all;
    }
    return counts;
  }

  async offerBelongsToTenant(tenantId: string, offerId: string): Promise<DestinationOfferDto | null> {
    return this.db.offer.findFirst({ where: { id: offerId, tenantId }, select: { id: true, publisherId: true, offerId: true, title: true } });
  }

  async create(input: CreateDestinationInput): Promise<DestinationDto> {
    const row = await this.db.destination.create({
      data: {
        tenantId: input.tenantId,
        offerId: input.offerId,
        kind: input.kind,
        name: input.name.trim(),
        config: input.config,
        secretsCiphertext: input.secretsCiphertext,
      },
      select: destinationSelect,
    });
    return toDto(row);
  }

  async update(tenantId: string, id: string, input: UpdateDestinationInput): Promise<DestinationDto | null> {
    const { count } = await this.db.destination.updateMany({
      where: { id, tenantId },
      data: {
        ...(input.name !== undefined ? { name: input.name.trim() } : {}),
        ...(input.offerId !== undefined ? { offerId: input.offerId } : {}),
        ...(input.config !== undefined ? { config: input.config } : {}),
        ...(input.secretsCiphertext !== undefined ? { secretsCiphertext: input.secretsCiphertext } : {}),
      },
    });
    return count === 0 ? null : this.findById(tenantId, id);
  }

  /** Deletes the destination with its deliveries and their attempts (the schema cascades); their jobs find nothing and end. */
  async delete(tenantId: string, id: string): Promise<boolean> {
    await new DeliveryRepository(this.db).removeJobsForDestination(id);
    const { count } = await this.db.destination.deleteMany({ where: { id, tenantId } });
    return count > 0;
  }

  /**
   * Locks the destination's row for the rest of the transaction, so that health
   * updates from concurrent deliveries (several workers) do not overwrite each other.
   * NO KEY: capture's inserts of deliveries referencing this row are not blocked.
   */
  async lockHealth(id: string): Promise<DestinationHealth | null> {
    const rows = await this.db.$queryRaw<DestinationHealth[]>`
      SELECT state, "consecutiveFailures", "lastSuccessAt", "lastFailureAt", "pausedAt", "failingSince"
      FROM "Destination" WHERE id = ${id} FOR NO KEY UPDATE`;
    return rows[0] ?? null;
  }

  async saveHealth(
    id: string,
    health: Partial<Pick<DestinationDto, "state" | "consecutiveFailures" | "lastSuccessAt" | "lastFailureAt" | "lastFailureReason" | "pausedAt" | "failingSince">>,
  ): Promise<void> {
    await this.db.destination.update({ where: { id }, data: health, select: { id: true } });
  }

  /**
   * A delivery's success, as one atomic statement without a prior lock (`nextHealth`'s
   * success rule, decided on the row as it is when written): the failure count and
   * `failingSince` cleared, FAILING back to ACTIVE (a paused or disabled destination stays
   * so), `lastSuccessAt` moved forward to `at`. Only when that changes something, with
   * `lastSuccessAt` counted as current while less than `freshForMs` older than `at`, so a
   * busy healthy destination's row is not rewritten by every delivery. Returns whether it changed.
   */
  async recordSuccess(id: string, at: Date, freshForMs = 0): Promise<boolean> {
    const staleBefore = new Date(at.getTime() - freshForMs);
    const changed = await this.db.$executeRaw`
      UPDATE "Destination"
         SET "consecutiveFailures" = 0,
             "failingSince" = NULL,
             state = CASE WHEN state = 'FAILING' THEN 'ACTIVE'::"DestinationState" ELSE state END,
             "lastSuccessAt" = GREATEST("lastSuccessAt", ${at}::timestamp(3)),
             "updatedAt" = ${new Date()}::timestamp(3)
       WHERE id = ${id}
         AND (state = 'FAILING' OR "consecutiveFailures" <> 0 OR "failingSince" IS NOT NULL
              OR "lastSuccessAt" IS NULL OR "lastSuccessAt" < ${staleBefore}::timestamp(3))`;
    return changed > 0;
  }

  /** Keeps the outcome of a "Send test lead" (the excerpt cut to 500 characters). */
  async saveTestResult(id: string, at: Date, result: DestinationTestResult): Promise<void> {
    const stored: DestinationTestResult = {
      ok: result.ok,
      outcome: result.outcome,
      httpStatus: result.httpStatus,
      durationMs: result.durationMs,
      responseExcerpt: result.responseExcerpt?.slice(0, TEST_RESULT_EXCERPT_LENGTH) ?? null,
      message: result.message,
    };
    await this.db.destination.update({ where: { id }, data: { lastTestAt: at, lastTestResult: { ...stored } }, select: { id: true } });
  }

  /**
   * Pauses or disables: the destination's queued deliveries are HELD (their jobs removed)
   * until it is resumed. Returns how many were held; null when there is no such destination.
   */
  async stop(tenantId: string, id: string, state: "PAUSED" | "DISABLED", at = new Date()): Promise<{ held: number } | null> {
    const { count } = await this.db.destination.updateMany({
      where: { id, tenantId },
      data: { state, ...(state === "PAUSED" ? { pausedAt: at } : {}) },
    });
    if (count === 0) return null;
    const held = await new DeliveryRepository(this.db).holdQueuedForDestination(id);
    return { held };
  }

  /**
   * Resumes or enables: state ACTIVE with a clean failure count, and every HELD delivery
   * is queued again in capture order ("re-enabling replays what it missed"), unless the
   * tenant is suspended (then they stay HELD until reactivation). Returns how many were queued.
   */
  async start(tenantId: string, id: string): Promise<{ released: number } | null> {
    const { count } = await this.db.destination.updateMany({
      where: { id, tenantId },
      // A clean slate: the days it failed before are not held against it again.
      data: { state: "ACTIVE", consecutiveFailures: 0, pausedAt: null, failingSince: null },
    });
    if (count === 0) return null;
    const tenant = await this.db.tenant.findUnique({ where: { id: tenantId }, select: { status: true } });
    if (tenant?.status !== "ACTIVE") return { released: 0 };
    const released = await new DeliveryRepository(this.db).releaseHeldForDestination(id);
    return { released };
  }

  /** Tenant admins' e-mail addresses, for notices about a failing or paused destination. */
  async adminEmails(tenantId: string): Promise<string[]> {
    const rows = await this.db.membership.findMany({
      where: { tenantId, role: { in: ["OWNER", "ADMIN"] } },
      select: { user: { select: { email: true } } },
      orderBy: { createdAt: "asc" },
    });
    return rows.map((r) => r.user.email);
  }
}
