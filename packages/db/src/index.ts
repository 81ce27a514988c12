export { createDb, disconnectDb, getDb, type Db, type DbTx } from "./client";
export type { TenantRole, TenantStatus } from "./generated/prisma/enums";
export { ApiTokenRepository, type ApiTokenDto } from "./repositories/api-token.repository";
export { AuditRepository, type AuditEventDto, type AuditEventInput } from "./repositories/audit.repository";
export { InvitationRepository, type InvitationDto } from "./repositories/invitation.repository";
export { MembershipRepository, type MemberDto } from "./repositories/membership.repository";
export { RateLimitRepository, type RateLimitState } from "./repositories/rate-limit.repository";
export { TenantRepository, slugify, type TenantDto, type TenantMembershipDto } from "./repositories/tenant.repository";
export { UserRepository, normaliseEmail, type UserDto } from "./repositories/user.repository";
export { activeDestinationIds, DELIVER_TASK, enqueueDeliveryJob, queueDeliveries } from "./repositories/delivery-outbox";
export { Prisma } from "./generated/prisma/client";
export type { CaptureChannel, DeliveryStatus, DestinationKind, DestinationState, FunnelStage, OfferType } from "./generated/prisma/enums";
export {
  DestinationRepository,
  EMPTY_STATUS_COUNTS,
  type CreateDestinationInput,
  type DeliveryStatusCounts,
  type DestinationDto,
  type DestinationHealth,
  type DestinationOfferDto,
  type DestinationWithSecretsDto,
  type UpdateDestinationInput,
} from "./repositories/destination.repository";
export {
  DeliveryRepository,
  destinationQueueName,
  releaseHeldDeliveries,
  toCanonicalLead,
  type CanonicalLeadDto,
  type DeliveryAttemptDto,
  type DeliveryDto,
  type DeliveryPage,
  type DeliveryWorkItem,
  type DestinationDeliveryDto,
  type LeadDeliveryDto,
  type ReplayResult,
} from "./repositories/delivery.repository";
