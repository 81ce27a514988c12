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
  type DestinationTestResult,
  type DestinationWithSecretsDto,
  type UpdateDestinationInput,
} from "./repositories/destination.repository";
export {
  DeliveryRepository,
  destinationQueueName,
  releaseHeldDeliveries,
  type DeliveryAttemptDto,
  type DeliveryDto,
  type DeliveryPage,
  type DeliveryWorkItem,
  type DestinationDeliveryDto,
  type LeadDeliveryDto,
  type ReplayResult,
} from "./repositories/delivery.repository";
export { customerOf, toCanonicalLead, type CanonicalLeadDto } from "./repositories/canonical-lead";
export { captureLead, resolveCaptureOffer, type CaptureLeadInput, type CaptureLeadResult, type CaptureOffer, type CapturePolicy } from "./capture";
export {
  CAPTURE_TOKEN_PREFIX,
  CaptureEndpointRepository,
  captureUrl,
  ensureCaptureEndpoint,
  REJECTION_EXCERPT_CHARS,
  rotateCaptureEndpoint,
  type CaptureEndpointDto,
  type CaptureRejectionDto,
  type CaptureTarget,
  type CaptureTargetForLead,
} from "./repositories/capture-endpoint.repository";
export {
  InvalidLeadCursorError,
  LEAD_CSV_COLUMNS,
  leadCsvRecord,
  leadJsonRecord,
  LeadRepository,
  leadSearchText,
  type LeadCsvRecord,
  type LeadDetailDto,
  type LeadExportDto,
  type LeadFilter,
  type LeadJsonRecord,
  type LeadListItemDto,
  type LeadPage,
  type LeadPageRequest,
  type LeadSortField,
  type SortDirection,
  type TouchpointDto,
} from "./repositories/lead.repository";
export { OfferRepository, type CreateOfferInput, type OfferDto, type OfferReadinessFacts, type UpdateOfferInput } from "./repositories/offer.repository";
export {
  AZURE_TABLE_IMPORT_SCHEDULER_TASK,
  AZURE_TABLE_IMPORT_TASK,
  AzureTableImportRepository,
  azureTableImportJobKey,
  type AzureTableImportDto,
  type AzureTableImportJobState,
  type AzureTableImportWithSecretsDto,
  type CreateAzureTableImportInput,
  type UpdateAzureTableImportInput,
} from "./repositories/azure-table-import.repository";
export type { FeedbackCategory, FeedbackStatus } from "./generated/prisma/enums";
export {
  FeedbackRepository,
  InvalidFeedbackCursorError,
  type CreateFeedbackInput,
  type FeedbackDto,
  type FeedbackInboxDetailDto,
  type FeedbackInboxFilter,
  type FeedbackInboxItemDto,
  type FeedbackInboxPage,
  type FeedbackLeadDto,
  type FeedbackOfferDto,
  type FeedbackPersonDto,
  type FeedbackReplyDto,
} from "./repositories/feedback.repository";
export {
  AdminRepository,
  InvalidAuditCursorError,
  type AdminAuditEventDto,
  type AdminAuditPage,
  type AdminDestinationDto,
  type AdminFailingDeliveryDto,
  type AdminTenantDetailDto,
  type AdminTenantListItemDto,
  type DeliveryHealthDto,
  type JobQueueStatsDto,
  type UnhealthyDestinationDto,
} from "./repositories/admin.repository";
export {
  assignOwnerForNewLead,
  ensurePipeline,
  recordNewLeadAssignment,
  PipelineRepository,
  type AssignmentSettingsDto,
  type CriterionDto,
  type NewLeadAssignment,
  type StageDto,
  type StageInput,
} from "./repositories/pipeline.repository";
export {
  FollowUpRepository,
  type ActivityDto,
  type BoardColumn,
  type DueLists,
  type FollowUpLeadDto,
  type FollowUpLeadPatch,
  type FollowUpListFilter,
  type FollowUpListFlag,
  type FollowUpPage,
  type OwnerFilter,
  type StageScope,
} from "./repositories/followup.repository";
export { TimelineRepository, type TimelineEventDto, type TimelineEventInput, type TimelineKind, type TimelinePage } from "./repositories/timeline.repository";
export { INSIGHTS_COMPACT_TASK, InsightsRollupRepository } from "./repositories/insights-rollup.repository";
export {
  InsightsRepository,
  type DestinationRowDto,
  type InsightsScope,
  type OwnerRollupRowDto,
  type StageRollupRowDto,
  type StageSets,
  type InsightsTotalsDto,
  type LeadSeriesRowDto,
  type OwnerRowDto,
} from "./repositories/insights.repository";
export {
  FOLLOW_UP_DIGEST_KIND,
  NotificationRepository,
  type DigestLeadDto,
  type DigestRecipientDto,
  type NotificationDto,
  type NotificationInput,
} from "./repositories/notification.repository";
export type { ActivityType, AssignmentMode, StageKind } from "./generated/prisma/enums";
