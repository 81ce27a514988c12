import type { DbTx } from "../client";

export interface UserDto {
  id: string;
  email: string;
  name: string | null;
  isPlatformAdmin: boolean;
  locale: string;
  activeTenantId: string | null;
}

const userSelect = {
  id: true,
  email: true,
  name: true,
  isPlatformAdmin: true,
  locale: true,
  activeTenantId: true,
} as const;

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export class UserRepository {
  constructor(private readonly db: DbTx) {}

  findById(id: string): Promise<UserDto | null> {
    return this.db.user.findUnique({ where: { id }, select: userSelect });
  }

  findByEmail(email: string): Promise<UserDto | null> {
    return this.db.user.findUnique({ where: { email: normaliseEmail(email) }, select: userSelect });
  }

  /** Only the sign-in path needs the hash; nothing else selects it. */
  findCredentials(email: string): Promise<{ id: string; passwordHash: string | null } | null> {
    return this.db.user.findUnique({
      where: { email: normaliseEmail(email) },
      select: { id: true, passwordHash: true },
    });
  }

  create(input: { email: string; name?: string | null; passwordHash?: string | null; isPlatformAdmin?: boolean; locale?: string }): Promise<UserDto> {
    return this.db.user.create({
      data: {
        email: normaliseEmail(input.email),
        name: input.name ?? null,
        passwordHash: input.passwordHash ?? null,
        isPlatformAdmin: input.isPlatformAdmin ?? false,
        locale: input.locale ?? "en",
      },
      select: userSelect,
    });
  }

  update(id: string, data: { name?: string | null; locale?: string; activeTenantId?: string | null; isPlatformAdmin?: boolean; passwordHash?: string }): Promise<UserDto> {
    return this.db.user.update({ where: { id }, data, select: userSelect });
  }

  async linkAccount(input: { userId: string; provider: string; providerAccountId: string; type: string }): Promise<void> {
    await this.db.account.upsert({
      where: { provider_providerAccountId: { provider: input.provider, providerAccountId: input.providerAccountId } },
      create: input,
      update: {},
    });
  }
}
