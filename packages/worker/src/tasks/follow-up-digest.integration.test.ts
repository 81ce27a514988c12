/**
 * The daily digest against a database of its own: it reads every tenant's leads, so it
 * must not see (or notify) the other test files' tenants.
 */
import { randomBytes } from "node:crypto";
import { createDb, type Db } from "@leadrelay/db";
import type { MailMessage } from "@leadrelay/mail";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createIsolatedDatabase } from "../testing";
import { runFollowUpDigest } from "./follow-up-digest";

let database: { url: string; drop: () => Promise<void> };
let db: Db;

beforeAll(async () => {
  database = await createIsolatedDatabase(process.env.DATABASE_URL, "digest");
  db = createDb(database.url, 3);
});

afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

const id = () => randomBytes(4).toString("hex");
const hours = (h: number) => new Date(Date.now() + h * 3_600_000);

/** Later today in UTC, or null in the last minutes of the day. */
function laterTodayUtc(): Date | null {
  const midnight = new Date().setUTCHours(24, 0, 0, 0);
  const at = Math.min(Date.now() + 10 * 60_000, midnight - 60_000);
  return at > Date.now() + 60_000 ? new Date(at) : null;
}

async function user(label: string, locale = "en") {
  return db.user.create({ data: { email: `${label}-${id()}@example.test`, name: label, locale } });
}

async function tenantWith(members: { userId: string; role: "OWNER" | "ADMIN" | "MEMBER" }[], status: "ACTIVE" | "SUSPENDED" = "ACTIVE") {
  const tenant = await db.tenant.create({ data: { name: `Contoso ${id()}`, slug: `contoso-${id()}`, status } });
  for (const m of members) await db.membership.create({ data: { tenantId: tenant.id, userId: m.userId, role: m.role } });
  return tenant;
}

async function lead(tenantId: string, data: Record<string, unknown>) {
  const now = new Date();
  return db.lead.create({
    data: { tenantId, firstName: "Ada", lastName: `L${id()}`, company: "Fabrikam", funnelStage: "ACTIVE", firstReceivedAt: now, lastReceivedAt: now, ...data },
  });
}

describe("runFollowUpDigest", () => {
  it("notifies each owner of their overdue, today's and nurture-due leads, admins of unassigned ones; e-mails when SMTP is set; once a day", async () => {
    const olivia = await user("olivia");
    const ivan = await user("ivan", "ru");
    const adam = await user("adam");
    const tenant = await tenantWith([
      { userId: olivia.id, role: "OWNER" },
      { userId: ivan.id, role: "MEMBER" },
      { userId: adam.id, role: "ADMIN" },
    ]);
    const won = await db.pipelineStage.create({ data: { tenantId: tenant.id, name: "Won", position: 4, kind: "WON" } });
    const overdue = await lead(tenant.id, { ownerId: olivia.id, nextFollowUpAt: hours(-26), lastName: "Overdue" });
    const later = laterTodayUtc();
    if (later) await lead(tenant.id, { ownerId: olivia.id, nextFollowUpAt: later });
    await lead(tenant.id, { ownerId: olivia.id, nurtureUntil: hours(-1), nurtureCadenceDays: 30 });
    // Not due: upcoming, closed, do-not-contact, test.
    await lead(tenant.id, { ownerId: olivia.id, nextFollowUpAt: hours(50) });
    await lead(tenant.id, { ownerId: olivia.id, nextFollowUpAt: hours(-5), stageId: won.id });
    await lead(tenant.id, { ownerId: olivia.id, nextFollowUpAt: hours(-5), funnelStage: "DO_NOT_CONTACT", action: "DNC" });
    await lead(tenant.id, { ownerId: olivia.id, nextFollowUpAt: hours(-5), isTest: true });
    await lead(tenant.id, { ownerId: ivan.id, nextFollowUpAt: hours(-3) });
    await lead(tenant.id, { nextFollowUpAt: hours(-3) });
    // A suspended tenant gets nothing.
    const suspended = await tenantWith([{ userId: olivia.id, role: "OWNER" }], "SUSPENDED");
    await lead(suspended.id, { ownerId: olivia.id, nextFollowUpAt: hours(-3) });

    const sent: MailMessage[] = [];
    const result = await runFollowUpDigest(db, { publicUrl: "https://app.leadrelay.test/", sendMail: async (m) => (sent.push(m), true) });
    expect(result).toEqual({ notifications: 3, emails: 4, skipped: 0 });

    const notices = await db.notification.findMany({ where: { tenantId: tenant.id }, orderBy: { createdAt: "asc" } });
    const byUser = new Map(notices.map((n) => [n.userId, n]));
    expect(byUser.get(olivia.id)).toMatchObject({
      kind: "followup.digest",
      link: "/follow-up",
      title: `Your follow-ups in ${tenant.name}: 1 overdue, ${later ? "1 due today, " : ""}1 back from nurture`,
    });
    expect(byUser.get(olivia.id)!.body.split("\n")[0]).toMatch(new RegExp(`^• Ada ${overdue.lastName} \\(Fabrikam\\) — overdue since \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}$`));
    expect(byUser.get(ivan.id)!.title).toBe(`Ваши лиды в ${tenant.name}: 1 просрочен`);
    expect(byUser.get(null)!.title).toBe(`Unassigned follow-ups in ${tenant.name}: 1 overdue`);
    expect(await db.notification.count({ where: { tenantId: suspended.id } })).toBe(0);

    expect(sent.map((m) => m.to).sort()).toEqual([olivia.email, ivan.email, olivia.email, adam.email].sort());
    const toOlivia = sent.find((m) => m.to === olivia.email && m.subject.startsWith("Your"))!;
    expect(toOlivia.text).toContain("https://app.leadrelay.test/follow-up");
    expect(toOlivia.html).toContain("<strong>Your follow-ups in");

    // The scheduler may run twice: nothing is sent twice the same day.
    const again = await runFollowUpDigest(db, { sendMail: async (m) => (sent.push(m), true) });
    expect(again.notifications).toBe(0);
    expect(again.skipped).toBeGreaterThanOrEqual(3);
    expect(sent).toHaveLength(4);
  });

  it("writes the in-app notice without SMTP, and a failing mailbox stops nobody else's digest", async () => {
    const owner = await user("owner");
    const member = await user("member");
    const tenant = await tenantWith([
      { userId: owner.id, role: "OWNER" },
      { userId: member.id, role: "MEMBER" },
    ]);
    await lead(tenant.id, { ownerId: owner.id, nextFollowUpAt: hours(-2) });
    await lead(tenant.id, { ownerId: member.id, nextFollowUpAt: hours(-2) });
    const logged: string[] = [];
    const result = await runFollowUpDigest(db, {
      sendMail: async (m) => {
        if (m.to === owner.email) throw new Error("mailbox full");
        return false; // SMTP not configured
      },
      log: (line) => logged.push(line),
    });
    expect(result.emails).toBe(0);
    expect(await db.notification.count({ where: { tenantId: tenant.id } })).toBe(2);
    expect(logged).toEqual([`Could not e-mail the follow-up digest to ${owner.email}: mailbox full`]);
  });

  it("treats leads of someone who left the tenant as unassigned", async () => {
    const owner = await user("owner");
    const gone = await user("gone");
    const tenant = await tenantWith([{ userId: owner.id, role: "OWNER" }]);
    await lead(tenant.id, { ownerId: gone.id, nextFollowUpAt: hours(-2) });
    await runFollowUpDigest(db, { sendMail: async () => false });
    const notices = await db.notification.findMany({ where: { tenantId: tenant.id } });
    expect(notices.map((n) => [n.userId, n.title])).toEqual([[null, `Unassigned follow-ups in ${tenant.name}: 1 overdue`]]);
  });
});
