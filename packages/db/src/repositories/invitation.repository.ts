import type { DbTx } from "../client";
import type { TenantRole } from "../generated/prisma/enums";

export interface InvitationDto {
  id: string;
  tenantId: string;
  email: string;
  role: TenantRole;
  expiresAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
  invitedBy: { email: string; name: string | null };
  tenant: { name: string; slug: string; status: "ACTIVE" | "SUSPENDED" };
}

const invitationSelect = {
  id: true,
  tenantId: true,
  email: true,
  role: true,
  expiresAt: true,
  acceptedAt: true,
  revokedAt: true,
  createdAt: true,
  invitedBy: { select: { email: true, name: true } },
  tenant: { select: { name: true, slug: true, status: true } },
} as const;

export class InvitationRepository {
  constructor(private readonly db: DbTx) {}

  create(input: { tenantId: string; email: string; role: TenantRole; tokenHash: string; invitedById: string; expiresAt: Date }): Promise<InvitationDto> {
    return this.db.invitation.create({ data: input, select: invitationSelect });
  }

  findByTokenHash(tokenHash: string): Promise<InvitationDto | null> {
    return this.db.invitation.findUnique({ where: { tokenHash }, select: invitationSelect });
  }

  findPending(tenantId: string, id: string): Promise<InvitationDto | null> {
    return this.db.invitation.findFirst({
      where: { id, tenantId, acceptedAt: null, revokedAt: null },
      select: invitationSelect,
    });
  }

  listPending(tenantId: string, now = new Date()): Promise<InvitationDto[]> {
    return this.db.invitation.findMany({
      where: { tenantId, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
      orderBy: { createdAt: "desc" },
      select: invitationSelect,
    });
  }

  /** Marks the invitation used; false when it was accepted or revoked meanwhile (a race, or a reused link). */
  async markAccepted(id: string): Promise<boolean> {
    const { count } = await this.db.invitation.updateMany({
      where: { id, acceptedAt: null, revokedAt: null },
      data: { acceptedAt: new Date() },
    });
    return count === 1;
  }

  async revoke(tenantId: string, id: string): Promise<boolean> {
    const { count } = await this.db.invitation.updateMany({
      where: { id, tenantId, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    return count === 1;
  }
}
