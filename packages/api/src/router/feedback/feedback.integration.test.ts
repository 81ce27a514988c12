import { describe, expect, it } from "vitest";
import {
  addMember,
  createPlatformAdmin,
  db,
  expectAppError,
  expectInvalidInput,
  signUp,
  tokenCaller,
  uid,
  type SignedUpUser,
} from "../../test/factories";
import { FEEDBACK_SUBMITS_PER_HOUR } from "./feedback.handler";

const MESSAGE = "Leads from the Azure portal arrive without a company name.";

async function createOffer(tenantId: string, title = `Offer ${uid()}`) {
  return db().offer.create({
    data: { tenantId, publisherId: `pub${uid()}`, offerId: `offer${uid()}`, title, type: "SAAS" },
    select: { id: true, title: true },
  });
}

async function createLead(tenantId: string) {
  const now = new Date();
  return db().lead.create({
    data: { tenantId, firstName: "Lena", lastName: `Lead ${uid()}`, funnelStage: "INITIAL", firstReceivedAt: now, lastReceivedAt: now },
    select: { id: true },
  });
}

const submit = (user: SignedUpUser, input: Partial<Parameters<SignedUpUser["caller"]["feedback"]["submit"]>[0]> = {}) =>
  user.caller.feedback.submit({ category: "MISSING_DATA", message: MESSAGE, satisfaction: 3, ...input });

describe("feedback.submit", () => {
  it("stores the feedback as NEW with its offer and leads; list and get show it to the tenant", async () => {
    const owner = await signUp({ label: "fb-submit" });
    const offer = await createOffer(owner.tenant.id, "Contoso CRM");
    const [lead1, lead2] = [await createLead(owner.tenant.id), await createLead(owner.tenant.id)];

    const created = await submit(owner, { category: "LEAD_QUALITY", satisfaction: 2, offerId: offer.id, leadIds: [lead1.id, lead2.id, lead1.id] });
    expect(created).toMatchObject({
      tenantId: owner.tenant.id,
      category: "LEAD_QUALITY",
      status: "NEW",
      message: MESSAGE,
      satisfaction: 2,
      offer: { id: offer.id, title: "Contoso CRM" },
      author: { email: owner.email },
      replies: [],
    });
    expect(created.leadIds.sort()).toEqual([lead1.id, lead2.id].sort()); // duplicates dropped

    const listed = await owner.caller.feedback.list();
    expect(listed.map((f) => f.id)).toEqual([created.id]);
    expect(await owner.caller.feedback.get({ feedbackId: created.id })).toEqual(listed[0]);
  });

  it("keeps the message as plain text: markup stays literal, line breaks are kept, control characters dropped", async () => {
    const owner = await signUp({ label: "fb-text" });
    const message = "  <script>alert('x')</script>\r\nSecond line\u0007 & <b>bold</b>\n\n\tIndented  ";
    const created = await submit(owner, { message });
    expect(created.message).toBe("<script>alert('x')</script>\nSecond line & <b>bold</b>\n\n\tIndented");
    expect((await db().feedback.findUniqueOrThrow({ where: { id: created.id } })).message).toBe(created.message);
  });

  it("any member may send feedback, without an offer or leads", async () => {
    const owner = await signUp({ label: "fb-member" });
    const member = await addMember(owner.caller, { role: "MEMBER" });
    const created = await member.caller.feedback.submit({ category: "FEATURE_REQUEST", message: "Please add a HubSpot destination.", satisfaction: 5 });
    expect(created).toMatchObject({ offer: null, leadIds: [], author: { email: member.email } });
    expect((await owner.caller.feedback.list()).map((f) => f.id)).toContain(created.id);
  });

  it("refuses bad input with clear messages", async () => {
    const owner = await signUp({ label: "fb-invalid" });
    expect(await expectInvalidInput(submit(owner, { message: "too short" }), "message")).toEqual(["Write at least 10 characters."]);
    expect(await expectInvalidInput(submit(owner, { message: "          padded   " }), "message")).toEqual(["Write at least 10 characters."]);
    expect(await expectInvalidInput(submit(owner, { message: "x".repeat(5001) }), "message")).toEqual(["Keep the message under 5,000 characters."]);
    expect((await expectInvalidInput(submit(owner, { category: "PRAISE" as never }), "category"))[0]).toMatch(/^Choose a category: LEAD_QUALITY/);
    for (const satisfaction of [0, 6]) {
      expect(await expectInvalidInput(submit(owner, { satisfaction }), "satisfaction")).toEqual(["Choose a number from 1 to 5."]);
    }
    expect(await expectInvalidInput(submit(owner, { satisfaction: 2.5 }), "satisfaction")).toEqual(["Choose a whole number from 1 to 5."]);
    expect(await expectInvalidInput(submit(owner, { satisfaction: undefined as never }), "satisfaction")).toEqual([
      "Choose how satisfied you are, from 1 (very unhappy) to 5 (very happy).",
    ]);
    const tooMany = Array.from({ length: 51 }, (_, i) => `lead${i}`);
    expect((await expectInvalidInput(submit(owner, { leadIds: tooMany }), "leadIds"))[0]).toMatch(/at most 50 leads/);
    expect(await db().feedback.count({ where: { tenantId: owner.tenant.id } })).toBe(0);
  });

  it("refuses another tenant's offer and leads (NOT_FOUND) and stores nothing", async () => {
    const a = await signUp({ label: "fb-iso-a" });
    const b = await signUp({ label: "fb-iso-b" });
    const offerOfA = await createOffer(a.tenant.id);
    const leadOfA = await createLead(a.tenant.id);
    const leadOfB = await createLead(b.tenant.id);

    await expectAppError(submit(b, { offerId: offerOfA.id }), { code: "NOT_FOUND", reason: "feedbackOfferNotFound" });
    await expectAppError(submit(b, { leadIds: [leadOfA.id] }), { code: "NOT_FOUND", reason: "feedbackLeadNotFound" });
    await expectAppError(submit(b, { leadIds: [leadOfB.id, leadOfA.id] }), {
      code: "NOT_FOUND",
      reason: "feedbackLeadNotFound",
      message: "One or more of those leads are not in this publisher account.",
    });
    await expectAppError(submit(b, { offerId: `missing-${uid()}` }), { code: "NOT_FOUND", reason: "feedbackOfferNotFound" });
    expect(await db().feedback.count({ where: { tenantId: b.tenant.id } })).toBe(0);
    await expect(submit(b, { leadIds: [leadOfB.id] })).resolves.toMatchObject({ leadIds: [leadOfB.id] });
  });

  it(`is limited to ${FEEDBACK_SUBMITS_PER_HOUR} an hour per person (TOO_MANY_REQUESTS with Retry-After)`, async () => {
    const owner = await signUp({ label: "fb-rate" });
    const teammate = await addMember(owner.caller, { role: "MEMBER" });
    for (let i = 0; i < FEEDBACK_SUBMITS_PER_HOUR; i++) await submit(owner, { message: `${MESSAGE} #${i}` });
    const error = await expectAppError(submit(owner), { code: "TOO_MANY_REQUESTS", reason: "rateLimited", message: /10 pieces of feedback an hour/ });
    expect(error.retryAfterSeconds).toBeGreaterThan(0);
    expect(error.retryAfterSeconds).toBeLessThanOrEqual(3600);
    expect(await db().feedback.count({ where: { tenantId: owner.tenant.id } })).toBe(FEEDBACK_SUBMITS_PER_HOUR);
    // The limit is per person, not per tenant.
    await expect(teammate.caller.feedback.submit({ category: "OTHER", message: MESSAGE, satisfaction: 4 })).resolves.toBeTruthy();
  });
});

describe("feedback.list, feedback.get and feedback.reply across tenants", () => {
  it("tenant B neither lists, reads nor replies to tenant A's feedback", async () => {
    const a = await signUp({ label: "fb-read-a" });
    const b = await signUp({ label: "fb-read-b" });
    const ofA = await submit(a);
    const ofB = await submit(b);

    expect((await b.caller.feedback.list()).map((f) => f.id)).toEqual([ofB.id]);
    await expectAppError(b.caller.feedback.get({ feedbackId: ofA.id }), { code: "NOT_FOUND", reason: "feedbackNotFound" });
    await expectAppError(b.caller.feedback.reply({ feedbackId: ofA.id, message: "Not mine to answer" }), {
      code: "NOT_FOUND",
      reason: "feedbackNotFound",
      message: "No such feedback in this publisher account.",
    });
    expect(await db().feedbackReply.count({ where: { feedbackId: ofA.id } })).toBe(0);
    expect((await db().feedback.findUniqueOrThrow({ where: { id: ofA.id } })).status).toBe("NEW");
  });

  it("an API token reads and sends its own tenant's feedback with the feedback scopes, never another's", async () => {
    const a = await signUp({ label: "fb-token-a" });
    const b = await signUp({ label: "fb-token-b" });
    const ofB = await submit(b);
    const { token } = await a.caller.apiTokens.create({ name: `fb ${uid()}`, scopes: ["feedback:read", "feedback:write"] });
    const api = tokenCaller(token);
    const sent = await api.feedback.submit({ category: "WRONG_DATA", message: "Country codes are swapped for some leads.", satisfaction: 2 });
    expect(sent.tenantId).toBe(a.tenant.id);
    expect((await api.feedback.list()).map((f) => f.id)).toEqual([sent.id]);
    await expectAppError(api.feedback.get({ feedbackId: ofB.id }), { code: "NOT_FOUND", reason: "feedbackNotFound" });

    const { token: readOnly } = await a.caller.apiTokens.create({ name: `fb-ro ${uid()}`, scopes: ["feedback:read"] });
    await expectAppError(tokenCaller(readOnly).feedback.submit({ category: "OTHER", message: MESSAGE, satisfaction: 3 }), {
      code: "FORBIDDEN",
      reason: "missingScope",
    });
  });

  it("a follow-up from the publisher reopens answered feedback; closed feedback takes no more replies", async () => {
    const staff = await createPlatformAdmin();
    const owner = await signUp({ label: "fb-thread" });
    const sent = await submit(owner);

    const first = await owner.caller.feedback.reply({ feedbackId: sent.id, message: "Also: the phone number is empty.\nSee lead 42." });
    expect(first.status).toBe("NEW");
    expect(first.replies).toMatchObject([{ fromStaff: false, message: "Also: the phone number is empty.\nSee lead 42.", author: { email: owner.email } }]);

    await staff.caller.admin.feedback.reply({ feedbackId: sent.id, message: "Thanks, we are looking at the mapping." });
    const answered = await owner.caller.feedback.get({ feedbackId: sent.id });
    expect(answered.status).toBe("ANSWERED");
    // The publisher sees the team, not the staff member's account.
    expect(answered.replies.at(-1)).toMatchObject({ fromStaff: true, message: "Thanks, we are looking at the mapping.", author: null });
    expect(JSON.stringify(answered)).not.toContain(staff.email);

    const followUp = await owner.caller.feedback.reply({ feedbackId: sent.id, message: "It still happens today." });
    expect(followUp.status).toBe("IN_REVIEW");
    expect(followUp.replies.map((r) => r.fromStaff)).toEqual([false, true, false]);

    await staff.caller.admin.feedback.setStatus({ feedbackId: sent.id, status: "CLOSED" });
    await expectAppError(owner.caller.feedback.reply({ feedbackId: sent.id, message: "One more thing" }), {
      code: "BAD_REQUEST",
      reason: "feedbackClosed",
    });
    expect(await db().feedbackReply.count({ where: { feedbackId: sent.id } })).toBe(3);
  });

  it("refuses empty replies and unknown ids", async () => {
    const owner = await signUp({ label: "fb-reply-invalid" });
    const sent = await submit(owner);
    expect(await expectInvalidInput(owner.caller.feedback.reply({ feedbackId: sent.id, message: "  \n " }), "message")).toEqual(["Write a message."]);
    expect(await expectInvalidInput(owner.caller.feedback.get({ feedbackId: "" }), "feedbackId")).toEqual(["Give an id."]);
    await expectAppError(owner.caller.feedback.get({ feedbackId: `missing-${uid()}` }), { code: "NOT_FOUND", reason: "feedbackNotFound" });
  });
});

describe("feedback.formOptions", () => {
  it("offers only the tenant's own offers", async () => {
    const a = await signUp({ label: "fb-options-a" });
    const b = await signUp({ label: "fb-options-b" });
    const offerOfA = await createOffer(a.tenant.id, "Alpha analytics");
    await createOffer(b.tenant.id, "Beta backup");
    expect(await a.caller.feedback.formOptions()).toEqual({
      offers: [{ id: offerOfA.id, title: "Alpha analytics", publisherId: expect.any(String), offerId: expect.any(String) }],
    });
    expect((await signUp({ label: "fb-options-c" }).then((c) => c.caller.feedback.formOptions())).offers).toEqual([]);
  });
});
