export { createDb, disconnectDb, getDb, type Db, type DbTx } from "./client";
export type { TenantRole, TenantStatus } from "./generated/prisma/enums";
export { AuditRepository, type AuditEventDto, type AuditEventInput } from "./repositories/audit.repository";
export { InvitationRepository, type InvitationDto } from "./repositories/invitation.repository";
export { MembershipRepository, type MemberDto } from "./repositories/membership.repository";
export { RateLimitRepository, type RateLimitState } from "./repositories/rate-limit.repository";
export { TenantRepository, slugify, type TenantDto, type TenantMembershipDto } from "./repositories/tenant.repository";
export { UserRepository, normaliseEmail, type UserDto } from "./repositories/user.repository";
