import { createHash, randomBytes } from "node:crypto";
import {
  AuditRepository,
  InvitationRepository,
  MembershipRepository,
  UserRepository,
  type InvitationDto,
  type TenantDto,
  type TenantRole,
  type UserDto,
} from "@leadrelay/db";
import { escapeHtml, sendMail } from "@leadrelay/mail";
import { appError } from "../../errors";
import type { Context } from "../../trpc";
import type { CreateInvitationInput, InvitationIdInput, InvitationTokenInput } from "./invitations.schema";

type SignedInCtx = Context & { user: UserDto };
type TenantCtx = SignedInCtx & { tenant: TenantDto; role: TenantRole };

const INVITATION_DAYS = 7;
const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

function toListItem(inv: InvitationDto) {
  return { id: inv.id, email: inv.email, role: inv.role, expiresAt: inv.expiresAt, createdAt: inv.createdAt, invitedBy: inv.invitedBy };
}

export async function listInvitationsHandler({ ctx }: { ctx: TenantCtx }) {
  return (await new InvitationRepository(ctx.db).listPending(ctx.tenant.id)).map(toListItem);
}

/** The link is returned once to the inviter (and e-mailed when SMTP is set); only its hash is stored. */
export async function createInvitationHandler({ ctx, input }: { ctx: TenantCtx; input: CreateInvitationInput }) {
  if (input.role === "OWNER" && ctx.role !== "OWNER") {
    throw appError("FORBIDDEN", "ownerOnly", "Only owners can invite other owners.");
  }
  const existing = await new UserRepository(ctx.db).findByEmail(input.email);
  if (existing && (await new MembershipRepository(ctx.db).findRole(ctx.tenant.id, existing.id))) {
    throw appError("CONFLICT", "alreadyMember", `${input.email} is already a member of this publisher account.`);
  }
  const token = randomBytes(32).toString("base64url");
  const invitation = await ctx.db.$transaction(async (tx) => {
    const created = await new InvitationRepository(tx).create({
      tenantId: ctx.tenant.id,
      email: input.email,
      role: input.role,
      tokenHash: hashToken(token),
      invitedById: ctx.user.id,
      expiresAt: new Date(Date.now() + INVITATION_DAYS * 24 * 3600 * 1000),
    });
    await new AuditRepository(tx).record({
      tenantId: ctx.tenant.id, actorId: ctx.user.id, action: "member.invited",
      targetType: "invitation", targetId: created.id, data: { email: input.email, role: input.role },
    });
    return created;
  });
  const inviteUrl = `${ctx.baseUrl}/invite/${token}`;
  const inviter = ctx.user.name ?? ctx.user.email;
  const emailed = await sendMail({
    to: input.email,
    subject: `${inviter} invited you to ${ctx.tenant.name} on Leadrelay`,
    text: `${inviter} invited you to join ${ctx.tenant.name} on Leadrelay.\n\nAccept the invitation: ${inviteUrl}\n\nThe link expires in ${INVITATION_DAYS} days.`,
    html: `<p>${escapeHtml(inviter)} invited you to join <b>${escapeHtml(ctx.tenant.name)}</b> on Leadrelay.</p><p><a href="${escapeHtml(inviteUrl)}">Accept the invitation</a></p><p>The link expires in ${INVITATION_DAYS} days.</p>`,
  }).catch(() => false);
  return { invitation: toListItem(invitation), inviteUrl, emailed };
}

export async function revokeInvitationHandler({ ctx, input }: { ctx: TenantCtx; input: InvitationIdInput }) {
  const revoked = await new InvitationRepository(ctx.db).revoke(ctx.tenant.id, input.invitationId);
  if (!revoked) throw appError("NOT_FOUND", "invitationNotFound", "That invitation does not exist or was already used.");
  await new AuditRepository(ctx.db).record({ tenantId: ctx.tenant.id, actorId: ctx.user.id, action: "member.invitation_revoked", targetType: "invitation", targetId: input.invitationId });
  return { invitationId: input.invitationId };
}

type InvitationState = "valid" | "expired" | "used" | "revoked";
function stateOf(inv: InvitationDto, now = new Date()): InvitationState {
  if (inv.revokedAt) return "revoked";
  if (inv.acceptedAt) return "used";
  if (inv.expiresAt <= now) return "expired";
  return "valid";
}

/** What the invite page shows before the person signs in. Unknown tokens are NOT_FOUND. */
export async function previewInvitationHandler({ ctx, input }: { ctx: Context; input: InvitationTokenInput }) {
  const inv = await new InvitationRepository(ctx.db).findByTokenHash(hashToken(input.token));
  if (!inv) throw appError("NOT_FOUND", "invitationNotFound", "This invitation link is not valid. Ask for a new one.");
  return {
    tenantName: inv.tenant.name,
    email: inv.email,
    role: inv.role,
    invitedBy: inv.invitedBy.name ?? inv.invitedBy.email,
    expiresAt: inv.expiresAt,
    state: stateOf(inv),
    accountExists: !!(await new UserRepository(ctx.db).findByEmail(inv.email)),
  };
}

const refusals: Record<Exclude<InvitationState, "valid">, string> = {
  expired: "This invitation has expired. Ask for a new one.",
  used: "This invitation was already used.",
  revoked: "This invitation was withdrawn. Ask for a new one.",
};

export async function acceptInvitationHandler({ ctx, input }: { ctx: SignedInCtx; input: InvitationTokenInput }) {
  return ctx.db.$transaction(async (tx) => {
    const invitations = new InvitationRepository(tx);
    const inv = await invitations.findByTokenHash(hashToken(input.token));
    if (!inv) throw appError("NOT_FOUND", "invitationNotFound", "This invitation link is not valid. Ask for a new one.");
    const state = stateOf(inv);
    if (state !== "valid") throw appError("BAD_REQUEST", `invitation_${state}`, refusals[state]);
    if (inv.email !== ctx.user.email) {
      throw appError("FORBIDDEN", "invitationEmailMismatch", `This invitation is for ${inv.email}. Sign in with that address to accept it.`);
    }
    if (!(await invitations.markAccepted(inv.id))) throw appError("BAD_REQUEST", "invitation_used", refusals.used);
    await new MembershipRepository(tx).add(inv.tenantId, ctx.user.id, inv.role);
    await new UserRepository(tx).update(ctx.user.id, { activeTenantId: inv.tenantId });
    await new AuditRepository(tx).record({ tenantId: inv.tenantId, actorId: ctx.user.id, action: "member.joined", targetType: "user", targetId: ctx.user.id, data: { role: inv.role } });
    return { tenantId: inv.tenantId, tenantName: inv.tenant.name };
  });
}
