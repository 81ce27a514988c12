import type { DbTx } from "../client";
import type { TenantRole, TenantStatus } from "../generated/prisma/enums";

export interface TenantDto {
  id: string;
  slug: string;
  name: string;
  status: TenantStatus;
  createdAt: Date;
}

export interface TenantMembershipDto {
  tenant: TenantDto;
  role: TenantRole;
}

const tenantSelect = { id: true, slug: true, name: true, status: true, createdAt: true } as const;

export function slugify(name: string): string {
  const base = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
  return base || "publisher";
}

export class TenantRepository {
  constructor(private readonly db: DbTx) {}

  findById(id: string): Promise<TenantDto | null> {
    return this.db.tenant.findUnique({ where: { id }, select: tenantSelect });
  }

  findBySlug(slug: string): Promise<TenantDto | null> {
    return this.db.tenant.findUnique({ where: { slug }, select: tenantSelect });
  }

  /** Creates the tenant with a unique slug derived from its name, owned by `ownerId`. */
  async createWithOwner(input: { name: string; ownerId: string }): Promise<TenantDto> {
    const base = slugify(input.name);
    const taken = await this.db.tenant.findMany({
      where: { slug: { startsWith: base } },
      select: { slug: true },
    });
    const used = new Set(taken.map((t) => t.slug));
    let slug = base;
    for (let n = 2; used.has(slug); n++) slug = `${base}-${n}`;
    return this.db.tenant.create({
      data: {
        name: input.name.trim(),
        slug,
        memberships: { create: { userId: input.ownerId, role: "OWNER" } },
      },
      select: tenantSelect,
    });
  }

  listForUser(userId: string): Promise<TenantMembershipDto[]> {
    return this.db.membership
      .findMany({
        where: { userId },
        orderBy: { createdAt: "asc" },
        select: { role: true, tenant: { select: tenantSelect } },
      })
      .then((rows) => rows.map((r) => ({ tenant: r.tenant, role: r.role })));
  }

  getPlanLimits(id: string): Promise<{ captureRateLimitPerMinute: number | null; apiRateLimitPerMinute: number | null } | null> {
    return this.db.tenant.findUnique({ where: { id }, select: { captureRateLimitPerMinute: true, apiRateLimitPerMinute: true } });
  }

  async setPlanLimits(id: string, limits: { captureRateLimitPerMinute: number | null; apiRateLimitPerMinute: number | null }): Promise<void> {
    await this.db.tenant.update({ where: { id }, data: limits });
  }

  /** Row lock held until the surrounding transaction ends. */
  async lockForUpdate(id: string): Promise<void> {
    await this.db.$queryRaw`SELECT 1 FROM "Tenant" WHERE id = ${id} FOR UPDATE`;
  }

  rename(id: string, name: string): Promise<TenantDto> {
    return this.db.tenant.update({ where: { id }, data: { name: name.trim() }, select: tenantSelect });
  }

  setStatus(id: string, status: TenantStatus): Promise<TenantDto> {
    return this.db.tenant.update({
      where: { id },
      data: { status, suspendedAt: status === "SUSPENDED" ? new Date() : null },
      select: tenantSelect,
    });
  }

  /**
   * Deletes the tenant and, by cascade, everything it holds (offers, leads, destinations,
   * memberships, audit events). Users stay; an `activeTenantId` pointing here is the
   * caller's to clear. For the demo seed's `--reset`.
   */
  async delete(id: string): Promise<void> {
    await this.db.tenant.delete({ where: { id } });
  }

  listAll(search?: string): Promise<(TenantDto & { memberCount: number })[]> {
    return this.db.tenant
      .findMany({
        where: search
          ? { OR: [{ name: { contains: search, mode: "insensitive" } }, { slug: { contains: search.toLowerCase() } }] }
          : undefined,
        orderBy: { createdAt: "desc" },
        take: 200,
        select: { ...tenantSelect, _count: { select: { memberships: true } } },
      })
      .then((rows) => rows.map(({ _count, ...t }) => ({ ...t, memberCount: _count.memberships })));
  }
}
