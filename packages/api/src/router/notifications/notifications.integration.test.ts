import { NotificationRepository } from "@leadrelay/db";
import { describe, expect, it } from "vitest";
import { addMember, db, expectAppError, signUp } from "../../test/factories";

const notify = (tenantId: string, userId: string | null, title: string) =>
  new NotificationRepository(db()).create({ tenantId, userId, kind: "followup.digest", title, body: "• Ada — overdue", link: "/follow-up" });

describe("notifications", () => {
  it("a member sees their own notices; owners and admins also those for every admin", async () => {
    const owner = await signUp();
    const member = await addMember(owner.caller, { role: "MEMBER" });
    await notify(owner.tenant.id, member.userId, "For the member");
    await notify(owner.tenant.id, owner.userId, "For the owner");
    await notify(owner.tenant.id, null, "For admins");
    expect((await member.caller.notifications.list()).map((n) => n.title)).toEqual(["For the member"]);
    expect((await owner.caller.notifications.list()).map((n) => n.title)).toEqual(["For admins", "For the owner"]);
    expect(await owner.caller.notifications.unreadCount()).toEqual({ unread: 2 });
  });

  it("marks read only what the user may see; another tenant's or member's ids change nothing", async () => {
    const owner = await signUp();
    const member = await addMember(owner.caller, { role: "MEMBER" });
    const other = await signUp({ label: "other" });
    const mine = await notify(owner.tenant.id, owner.userId, "Mine");
    const members = await notify(owner.tenant.id, member.userId, "Member's");
    const theirs = await notify(other.tenant.id, other.userId, "Theirs");
    expect(await owner.caller.notifications.markRead({ ids: [mine.id, members.id, theirs.id] })).toEqual({ updated: 1 });
    expect(await member.caller.notifications.unreadCount()).toEqual({ unread: 1 });
    expect(await other.caller.notifications.unreadCount()).toEqual({ unread: 1 });
    expect((await owner.caller.notifications.list({ unreadOnly: true })).map((n) => n.id)).toEqual([]);
    await notify(owner.tenant.id, null, "Shared");
    expect(await owner.caller.notifications.markAllRead()).toEqual({ updated: 1 });
    expect(await member.caller.notifications.markAllRead()).toEqual({ updated: 1 });
  });

  it("needs a tenant", async () => {
    const owner = await signUp();
    const member = await addMember(owner.caller, { role: "MEMBER" });
    await member.caller.members.leave();
    await expectAppError(member.caller.notifications.list(), { code: "FORBIDDEN", reason: "noTenant" });
  });
});
