import type { DbTx } from "../client";
import type { TenantRole } from "../generated/prisma/enums";

export interface MemberDto {
  userId: string;
  email: string;
  name: string | null;
  role: TenantRole;
  joinedAt: Date;
}

export class MembershipRepository {
  constructor(private readonly db: DbTx) {}

  /** The caller's role in the tenant, or null when not a member. Checked on every tenant request. */
  async findRole(tenantId: string, userId: string): Promise<TenantRole | null> {
    const row = await this.db.membership.findUnique({
      where: { tenantId_userId: { tenantId, userId } },
      select: { role: true },
    });
    return row?.role ?? null;
  }

  list(tenantId: string): Promise<MemberDto[]> {
    return this.db.membership
      .findMany({
        where: { tenantId },
        orderBy: { createdAt: "asc" },
        select: { role: true, createdAt: true, user: { select: { id: true, email: true, name: true } } },
      })
      .then((rows) =>
        rows.map((r) => ({ userId: r.user.id, email: r.user.email, name: r.user.name, role: r.role, joinedAt: r.createdAt })),
      );
  }

  async add(tenantId: string, userId: string, role: TenantRole): Promise<void> {
    await this.db.membership.upsert({
      where: { tenantId_userId: { tenantId, userId } },
      create: { tenantId, userId, role },
      update: {},
    });
  }

  async setRole(tenantId: string, userId: string, role: TenantRole): Promise<void> {
    await this.db.membership.update({ where: { tenantId_userId: { tenantId, userId } }, data: { role } });
  }

  async remove(tenantId: string, userId: string): Promise<void> {
    await this.db.membership.delete({ where: { tenantId_userId: { tenantId, userId } } });
  }

  countOwners(tenantId: string): Promise<number> {
    return this.db.membership.count({ where: { tenantId, role: "OWNER" } });
  }
}
