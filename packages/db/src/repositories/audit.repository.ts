import type { DbTx } from "../client";
import type { Prisma } from "../generated/prisma/client";

export interface AuditEventInput {
  tenantId?: string | null;
  actorId?: string | null;
  action: string;
  targetType?: string;
  targetId?: string;
  data?: Prisma.InputJsonValue;
}

export interface AuditEventDto {
  id: string;
  tenantId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  data: unknown;
  createdAt: Date;
  actor: { email: string; name: string | null } | null;
}

export class AuditRepository {
  constructor(private readonly db: DbTx) {}

  async record(event: AuditEventInput): Promise<void> {
    await this.db.auditEvent.create({ data: event });
  }

  async listForTenant(tenantId: string, take = 100): Promise<AuditEventDto[]> {
    const rows = await this.db.auditEvent.findMany({
      where: { tenantId },
      orderBy: { createdAt: "desc" },
      take,
      select: { id: true, tenantId: true, action: true, targetType: true, targetId: true, data: true, createdAt: true, actorId: true },
    });
    const actorIds = [...new Set(rows.map((r) => r.actorId).filter((id): id is string => !!id))];
    const actors = await this.db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, email: true, name: true } });
    const byId = new Map(actors.map((a) => [a.id, { email: a.email, name: a.name }]));
    return rows.map(({ actorId, ...r }) => ({ ...r, actor: actorId ? (byId.get(actorId) ?? null) : null }));
  }
}
