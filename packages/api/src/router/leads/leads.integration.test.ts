import { captureLead } from "@leadrelay/db";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import {
  addMember,
  anonymous,
  auditEvents,
  callerFor,
  db,
  expectAppError,
  expectInvalidInput,
  signUp,
  uid,
  type Caller,
} from "../../test/factories";

const T = (iso: string) => new Date(iso);
const TEST_TOKEN = "MSFT_TEST_636573304831318844";

interface PersonOptions {
  email?: string;
  firstName?: string;
  lastName?: string;
  company?: string;
  phone?: string;
  source?: string;
  action?: string;
  offerTitle?: string;
  offer?: { publisherId: string; offerId: string };
  receivedAt?: Date;
}

function lead(options: PersonOptions = {}) {
  return {
    customer: {
      firstName: options.firstName ?? "Ada",
      lastName: options.lastName ?? "Lovelace",
      email: options.email ?? `ada-${uid()}@contoso.example`,
      company: options.company ?? "Contoso",
      ...(options.phone ? { phone: options.phone } : {}),
    },
    source: options.source ?? "AzureMarketplace",
    action: options.action ?? "INS",
    ...(options.offerTitle ? { offerTitle: options.offerTitle } : {}),
    ...(options.offer ? { offer: options.offer } : {}),
    receivedAt: options.receivedAt ?? T("2026-11-20T10:00:00Z"),
  };
}

const capture = (caller: Caller, options: PersonOptions = {}) => caller.leads.capture({ lead: lead(options), idempotencyKey: uid() });

const testLead = (receivedAt = T("2026-11-20T12:00:00Z")) => ({
  customer: { firstName: TEST_TOKEN, lastName: TEST_TOKEN, email: `${TEST_TOKEN}@test.com`, company: TEST_TOKEN, phone: "1234567890", country: "US" },
  source: "AzureMarketplace",
  action: "INS",
  description: TEST_TOKEN,
  receivedAt,
});

describe("leads.capture (API channel)", () => {
  it("runs the capture pipeline: created, then merged for the same person, duplicate for the same key", async () => {
    const owner = await signUp();
    const email = `grace-${uid()}@navy.example`;
    const first = await owner.caller.leads.capture({ lead: lead({ email, action: "PLT" }), idempotencyKey: "k1" });
    expect(first).toEqual({ id: expect.any(String), status: "created" });
    expect(await owner.caller.leads.capture({ lead: lead({ email: email.toUpperCase(), action: "ins" }), idempotencyKey: "k2" })).toEqual({ id: first.id, status: "merged" });
    expect(await owner.caller.leads.capture({ lead: lead({ email }), idempotencyKey: "k2" })).toEqual({ id: first.id, status: "duplicate" });

    const stored = await owner.caller.leads.get({ id: first.id });
    expect(stored).toMatchObject({ funnelStage: "ACTIVE", action: "INS", touchpointCount: 2 });
    expect(stored.touchpoints.map((t) => [t.channel, t.action])).toEqual([
      ["API", "PLT"],
      ["API", "INS"],
    ]);
  });

  it("defaults receivedAt to now, ties the lead to the tenant's offer it names, and redacts .edu leads", async () => {
    const owner = await signUp();
    const offer = await owner.caller.offers.create({ publisherId: "contoso", offerId: "crm", title: "Contoso CRM", type: "SAAS" });
    const before = Date.now();
    const { customer, source, action } = lead();
    const { id } = await owner.caller.leads.capture({ lead: { customer, source, action, offer: { publisherId: "Contoso", offerId: "CRM" } }, idempotencyKey: uid() });
    const stored = await owner.caller.leads.get({ id });
    expect(stored.offer).toMatchObject({ id: offer.id });
    expect(stored.lastReceivedAt.getTime()).toBeGreaterThanOrEqual(before - 1000);

    const edu = await capture(owner.caller, { email: "prof@cs.berkeley.edu" });
    expect(await owner.caller.leads.get({ id: edu.id })).toMatchObject({ isPrivacyRedacted: true, email: null, firstName: null, company: "Contoso" });
  });

  it("refuses input outside the canonical schema with field errors, never a 500", async () => {
    const owner = await signUp();
    await expectInvalidInput(owner.caller.leads.capture({ lead: lead(), idempotencyKey: "" }), "idempotencyKey");
    await expectInvalidInput(owner.caller.leads.capture({ lead: { ...lead(), unknownField: 1 } as never, idempotencyKey: uid() }), "lead");
    await expectInvalidInput(owner.caller.leads.capture({ lead: { ...lead(), receivedAt: "yesterday" } as never, idempotencyKey: uid() }), "lead");
    await expectInvalidInput(owner.caller.leads.capture({ lead: { ...lead(), offer: { publisherId: "a.b", offerId: "x" } }, idempotencyKey: uid() }), "lead");
  });

  it("is open to API tokens with the leads:write scope only", async () => {
    const owner = await signUp();
    const { token } = await owner.caller.apiTokens.create({ name: "reader", scopes: ["leads:read"] });
    const reader = anonymous({ headers: new Headers({ authorization: `Bearer ${token}` }) });
    expect((await reader.leads.list({})).items).toEqual([]);
    await expectAppError(reader.leads.capture({ lead: lead(), idempotencyKey: uid() }), { code: "FORBIDDEN", reason: "missingScope" });

    const { token: writerToken } = await owner.caller.apiTokens.create({ name: "writer", scopes: ["leads:write", "leads:read"] });
    const writer = anonymous({ headers: new Headers({ authorization: `Bearer ${writerToken}` }) });
    const { id } = await writer.leads.capture({ lead: lead(), idempotencyKey: uid() });
    expect((await owner.caller.leads.list({})).items.map((l) => l.id)).toEqual([id]);
  });
});

describe("owner assignment on capture", () => {
  it("gives new real leads the next owner of the round robin, on their timeline; merges, test leads and do-not-contact take no turn", async () => {
    const owner = await signUp();
    const ann = await addMember(owner.caller, { label: "ann" });
    const bob = await addMember(owner.caller, { label: "bob" });
    await owner.caller.pipeline.updateAssignment({ mode: "ROUND_ROBIN", roundRobinUserIds: [ann.userId, bob.userId] });

    const email = `ada-${uid()}@contoso.example`;
    const first = await capture(owner.caller, { email, action: "PLT" });
    await capture(owner.caller, { email, action: "INS" });
    await owner.caller.leads.capture({ lead: testLead(), idempotencyKey: uid() });
    const dnc = await capture(owner.caller, { action: "DNC" });
    const second = await capture(owner.caller);

    const ownerOf = async (id: string) => (await db().lead.findUniqueOrThrow({ where: { id } })).ownerId;
    expect(await ownerOf(first.id)).toBe(ann.userId);
    expect(await ownerOf(second.id)).toBe(bob.userId);
    expect(await ownerOf(dnc.id)).toBeNull();
    const timeline = await db().timelineEvent.findMany({ where: { leadId: first.id } });
    expect(timeline).toEqual([expect.objectContaining({ kind: "owner.changed", actorId: null, data: expect.objectContaining({ toUserId: ann.userId, rule: "round_robin" }) })]);

    const ids = async (owner_: string) => (await owner.caller.leads.list({ owner: owner_ })).items.map((l) => l.id);
    expect(await ids(ann.userId)).toEqual([first.id]);
    expect(await ids(bob.userId)).toEqual([second.id]);
    expect(await ids("unassigned")).toEqual([dnc.id]);
  });

  it("by offer: the offer's default owner gets its new leads; without one (or once they leave) the round robin does", async () => {
    const owner = await signUp();
    const ann = await addMember(owner.caller, { label: "ann" });
    const bob = await addMember(owner.caller, { label: "bob" });
    const owned = await owner.caller.offers.create({ publisherId: "contoso", offerId: "crm", title: "Contoso CRM", type: "SAAS", defaultOwnerId: bob.userId });
    await owner.caller.offers.create({ publisherId: "contoso", offerId: "erp", title: "Contoso ERP", type: "SAAS" });
    await owner.caller.pipeline.updateAssignment({ mode: "BY_OFFER", roundRobinUserIds: [ann.userId] });
    const ownerOf = async (id: string) => (await db().lead.findUniqueOrThrow({ where: { id } })).ownerId;

    const crm = await capture(owner.caller, { offer: { publisherId: "contoso", offerId: "crm" } });
    const crmByTitle = await capture(owner.caller, { offerTitle: "Contoso CRM" });
    const erp = await capture(owner.caller, { offer: { publisherId: "contoso", offerId: "erp" } });
    const noOffer = await capture(owner.caller);
    expect(await ownerOf(crm.id)).toBe(bob.userId);
    expect(await ownerOf(crmByTitle.id)).toBe(bob.userId);
    expect(await ownerOf(erp.id)).toBe(ann.userId);
    expect(await ownerOf(noOffer.id)).toBe(ann.userId);
    expect(await db().timelineEvent.findMany({ where: { leadId: crm.id } })).toEqual([
      expect.objectContaining({ kind: "owner.changed", actorId: null, data: expect.objectContaining({ toUserId: bob.userId, rule: "by_offer" }) }),
    ]);

    // Bob leaves: the offer loses its default owner and its next lead goes to the round robin.
    await owner.caller.members.remove({ userId: bob.userId });
    expect((await owner.caller.offers.get({ id: owned.id })).defaultOwnerId).toBeNull();
    const afterBob = await capture(owner.caller, { offer: { publisherId: "contoso", offerId: "crm" } });
    expect(await ownerOf(afterBob.id)).toBe(ann.userId);
    // Bob's earlier leads now count as unassigned in the inbox.
    const unassigned = (await owner.caller.leads.list({ owner: "unassigned" })).items;
    expect(unassigned.map((l) => l.id).sort()).toEqual([crm.id, crmByTitle.id].sort());
    expect(unassigned.every((l) => l.owner === null)).toBe(true);
  });

  it("by offer with an empty rotation: a lead whose offer has no default owner stays unassigned", async () => {
    const owner = await signUp();
    const ann = await addMember(owner.caller, { label: "ann" });
    await owner.caller.offers.create({ publisherId: "contoso", offerId: "crm", title: "Contoso CRM", type: "SAAS", defaultOwnerId: ann.userId });
    await owner.caller.offers.create({ publisherId: "contoso", offerId: "erp", title: "Contoso ERP", type: "SAAS" });
    await owner.caller.pipeline.updateAssignment({ mode: "BY_OFFER", roundRobinUserIds: [] });
    const crm = await capture(owner.caller, { offer: { publisherId: "contoso", offerId: "crm" } });
    const erp = await capture(owner.caller, { offer: { publisherId: "contoso", offerId: "erp" } });
    const ownerOf = async (id: string) => (await db().lead.findUniqueOrThrow({ where: { id } })).ownerId;
    expect(await ownerOf(crm.id)).toBe(ann.userId);
    expect(await ownerOf(erp.id)).toBeNull();
  });
});

describe("leads.list: owner and pipeline stage", () => {
  async function teamWithLeads() {
    const owner = await signUp({ name: "Olivia Owner" });
    const ann = await addMember(owner.caller, { label: "ann" });
    const stages = await owner.caller.pipeline.stages();
    const [entry, contacted] = [stages.find((s) => s.isEntry)!, stages.find((s) => s.name === "Contacted")!];
    const leads = [];
    for (let i = 0; i < 7; i++) leads.push(await capture(owner.caller, { receivedAt: new Date(Date.UTC(2026, 10, 1 + i)) }));
    // Newest first: leads[6] … leads[0]. Ann works 0–3, the owner 4, nobody 5–6.
    for (const lead of leads.slice(0, 4)) await owner.caller.pipeline.assignOwner({ leadId: lead.id, ownerId: ann.userId });
    await owner.caller.pipeline.assignOwner({ leadId: leads[4]!.id, ownerId: owner.userId });
    for (const lead of [leads[1]!, leads[2]!, leads[5]!]) await owner.caller.pipeline.moveLead({ leadId: lead.id, stageId: contacted.id });
    return { owner, ann, entry, contacted, ids: leads.map((l) => l.id) };
  }

  it("shows each lead's owner and stage, and filters by a member, me, unassigned and stage", async () => {
    const { owner, ann, entry, contacted, ids } = await teamWithLeads();
    const page = await owner.caller.leads.list({});
    const row = (id: string) => page.items.find((l) => l.id === id)!;
    expect(row(ids[0]!)).toMatchObject({ owner: { userId: ann.userId, name: "Test ann", email: ann.email }, stage: { id: entry.id, name: "New" } });
    expect(row(ids[1]!)).toMatchObject({ owner: { userId: ann.userId }, stage: { id: contacted.id, name: "Contacted", kind: "OPEN" } });
    expect(row(ids[4]!)).toMatchObject({ owner: { userId: owner.userId, name: "Olivia Owner" } });
    expect(row(ids[6]!)).toMatchObject({ owner: null, ownerId: null, stageId: null, stage: { id: entry.id } });

    const list = async (filter: Parameters<Caller["leads"]["list"]>[0]) => (await owner.caller.leads.list(filter)).items.map((l) => l.id);
    const newestFirst = (...indexes: number[]) => indexes.sort((a, b) => b - a).map((i) => ids[i]);
    expect(await list({ owner: ann.userId })).toEqual(newestFirst(0, 1, 2, 3));
    expect(await list({ owner: "me" })).toEqual(newestFirst(4));
    expect(await ann.caller.leads.list({ owner: "me" }).then((p) => p.items.map((l) => l.id))).toEqual(newestFirst(0, 1, 2, 3));
    expect(await list({ owner: "unassigned" })).toEqual(newestFirst(5, 6));
    expect(await list({ owner: "any" })).toEqual(newestFirst(0, 1, 2, 3, 4, 5, 6));
    // The entry stage holds the leads that have no stage yet.
    expect(await list({ stageId: contacted.id })).toEqual(newestFirst(1, 2, 5));
    expect(await list({ stageId: entry.id })).toEqual(newestFirst(0, 3, 4, 6));
    expect(await list({ stageId: contacted.id, owner: ann.userId })).toEqual(newestFirst(1, 2));
    expect(await list({ stageId: entry.id, owner: "unassigned", order: "asc" })).toEqual(newestFirst(6).reverse());
  });

  it("pages through owner and stage filters with keyset cursors in both orders", async () => {
    const { owner, ann, entry, ids } = await teamWithLeads();
    const all = async (filter: Parameters<Caller["leads"]["list"]>[0]) => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Awaited<ReturnType<Caller["leads"]["list"]>> = await owner.caller.leads.list({ ...filter, limit: 2, cursor });
        seen.push(...page.items.map((l) => l.id));
        cursor = page.nextCursor;
      } while (cursor);
      return seen;
    };
    expect(await all({ owner: ann.userId })).toEqual([ids[3], ids[2], ids[1], ids[0]]);
    expect(await all({ owner: ann.userId, order: "asc" })).toEqual([ids[0], ids[1], ids[2], ids[3]]);
    expect(await all({ stageId: entry.id })).toEqual([ids[6], ids[4], ids[3], ids[0]]);
    expect(await all({ stageId: entry.id, order: "asc", sort: "createdAt" })).toEqual([ids[0], ids[3], ids[4], ids[6]]);
  });

  it("refuses owner and stage ids of other tenants or unknown ones with NOT_FOUND, in the list and the export", async () => {
    const { owner } = await teamWithLeads();
    const other = await signUp({ label: "other" });
    const otherStage = (await other.caller.pipeline.stages())[0]!;
    await expectAppError(owner.caller.leads.list({ owner: other.userId }), { code: "NOT_FOUND", reason: "memberNotFound" });
    await expectAppError(owner.caller.leads.list({ owner: "nobody-like-this" }), { code: "NOT_FOUND", reason: "memberNotFound" });
    await expectAppError(owner.caller.leads.list({ stageId: otherStage.id }), { code: "NOT_FOUND", reason: "stageNotFound" });
    await expectAppError(owner.caller.leads.export({ format: "csv", owner: other.userId }), { code: "NOT_FOUND", reason: "memberNotFound" });
    await expectAppError(owner.caller.leads.export({ format: "csv", stageId: otherStage.id }), { code: "NOT_FOUND", reason: "stageNotFound" });
    // The other tenant's "me" is themselves: their own (empty) inbox.
    expect((await other.caller.leads.list({ owner: "me" })).items).toEqual([]);
    await expectInvalidInput(owner.caller.leads.list({ owner: "" }), "owner");
  });

  it("exports the same filtered set, with owner and pipeline stage columns", async () => {
    const { owner, ann, contacted, ids } = await teamWithLeads();
    const csv = await owner.caller.leads.export({ format: "csv", owner: ann.userId, stageId: contacted.id });
    expect(csv.count).toBe(2);
    const rows = Papa.parse<Record<string, string>>(csv.content, { header: true }).data;
    expect(rows.map((r) => r.id)).toEqual([ids[2], ids[1]]);
    expect(rows[0]).toMatchObject({ owner: "Test ann", ownerEmail: ann.email, pipelineStage: "Contacted" });
    const unassigned = Papa.parse<Record<string, string>>((await owner.caller.leads.export({ format: "csv", owner: "unassigned" })).content, { header: true }).data;
    expect(unassigned.map((r) => [r.id, r.owner, r.pipelineStage])).toEqual([
      [ids[6], "", "New"],
      [ids[5], "", "Contacted"],
    ]);
    const json = JSON.parse((await owner.caller.leads.export({ format: "json", owner: "me" })).content) as { id: string; owner: unknown; pipelineStage: string }[];
    expect(json).toEqual([expect.objectContaining({ id: ids[4], owner: { name: "Olivia Owner", email: owner.email }, pipelineStage: "New" })]);
    // The export's own columns are not capture data: importing it elsewhere skips them.
    const other = await signUp({ label: "importer" });
    const imported = await other.caller.leads.importCsv({ csv: csv.content, preview: true });
    expect(imported.columns.skipped).toEqual(expect.arrayContaining(["owner", "ownerEmail", "pipelineStage"]));
  });
});

describe("leads.list", () => {
  it("filters by offer, source, action, stage, date range and test flag", async () => {
    const owner = await signUp();
    const offer = await owner.caller.offers.create({ publisherId: "contoso", offerId: "crm", title: "Contoso CRM", type: "SAAS" });
    const contactMe = await capture(owner.caller, { action: "PLT", source: "AppSource (SPZA)", receivedAt: T("2026-11-01T00:00:00Z") });
    const install = await capture(owner.caller, { action: "INS", offer: { publisherId: "contoso", offerId: "crm" }, receivedAt: T("2026-11-10T00:00:00Z") });
    const trial = await capture(owner.caller, { action: "StartTestDrive", source: "AzurePortal", receivedAt: T("2026-11-20T00:00:00Z") });
    const test = await owner.caller.leads.capture({ lead: testLead(), idempotencyKey: uid() });

    const ids = async (filter: Parameters<Caller["leads"]["list"]>[0]) => (await owner.caller.leads.list(filter)).items.map((l) => l.id);
    expect(await ids({})).toEqual([trial.id, install.id, contactMe.id]);
    expect(await ids({ showTest: true })).toEqual([test.id, trial.id, install.id, contactMe.id]);
    expect(await ids({ offerId: offer.id })).toEqual([install.id]);
    expect(await ids({ offerId: null })).toEqual([trial.id, contactMe.id]);
    expect(await ids({ source: "appsource (spza)" })).toEqual([contactMe.id]);
    expect(await ids({ action: "ins" })).toEqual([install.id]);
    expect(await ids({ funnelStage: "TRIAL" })).toEqual([trial.id]);
    expect(await ids({ funnelStage: "INITIAL" })).toEqual([contactMe.id]);
    expect(await ids({ receivedFrom: T("2026-11-05T00:00:00Z"), receivedTo: T("2026-11-15T00:00:00Z") })).toEqual([install.id]);
    expect(await ids({ receivedFrom: T("2026-11-10T00:00:00Z") })).toEqual([trial.id, install.id]);
    await expectInvalidInput(owner.caller.leads.list({ receivedFrom: T("2026-11-10T00:00:00Z"), receivedTo: T("2026-11-01T00:00:00Z") }), "receivedTo");
    await expectInvalidInput(owner.caller.leads.list({ limit: 101 }), "limit");

    const page = await owner.caller.leads.list({ offerId: offer.id });
    expect(page.items[0]).toMatchObject({ offer: { id: offer.id, publisherId: "contoso", offerId: "crm", title: "Contoso CRM" }, touchpointCount: 1, isTest: false });
  });

  it("searches name, e-mail and company ignoring case; MSFT_TEST finds test leads even when they are hidden", async () => {
    const owner = await signUp();
    const email = `Hopper_${uid()}@Navy.example`;
    const grace = await capture(owner.caller, { email, firstName: "Grace", lastName: "Hopper", company: "US Navy" });
    const other = await capture(owner.caller, { firstName: "Alan", lastName: "Turing", company: "Bletchley 100%" });
    const test = await owner.caller.leads.capture({ lead: testLead(), idempotencyKey: uid() });

    const ids = async (q: string) => (await owner.caller.leads.list({ q })).items.map((l) => l.id);
    expect(await ids(email.toLowerCase())).toEqual([grace.id]);
    // A whole address: by the e-mail index, ignoring case and spaces; one no lead has exactly
    // (still being typed, say) is searched as a substring.
    expect(await ids(` ${email.toUpperCase()} `)).toEqual([grace.id]);
    expect(await ids(`x${email}`)).toEqual([]);
    expect(await ids(email.slice(0, -3))).toEqual([grace.id]);
    expect(await ids("NAVY")).toEqual([grace.id]);
    expect(await ids("grace hopper")).toEqual([grace.id]);
    expect(await ids("turing")).toEqual([other.id]);
    // LIKE wildcards are searched for literally.
    expect(await ids("100%")).toEqual([other.id]);
    expect(await ids("%")).toEqual([other.id]);
    expect(await ids("hopper_")).toEqual([grace.id]);
    expect(await ids("h_pper")).toEqual([]);
    expect(await ids("MSFT_TEST")).toEqual([test.id]);
    expect(await ids("msft_test_6365")).toEqual([test.id]);

    // An address some lead has exactly finds that lead, not the ones whose address merely contains it.
    const longer = await capture(owner.caller, { email: `ex-${email}`, firstName: "Ex", lastName: "Hopper", company: "Navy" });
    expect(await ids(email)).toEqual([grace.id]);
    expect(await ids(`EX-${email}`)).toEqual([longer.id]);
    expect((await ids(email.slice(1))).sort()).toEqual([grace.id, longer.id].sort());
  });

  it("pages with keyset cursors without gaps or repeats, ties on the sort key included, in every sort", async () => {
    const owner = await signUp();
    const created: string[] = [];
    for (let i = 0; i < 23; i++) {
      // Groups of three share a timestamp, so pages must break ties by id.
      const receivedAt = new Date(Date.UTC(2026, 10, 1 + Math.floor(i / 3)));
      created.push((await capture(owner.caller, { receivedAt })).id);
    }
    const rows = await db().lead.findMany({ where: { tenantId: owner.tenant.id }, select: { id: true, lastReceivedAt: true, createdAt: true } });
    const expected = {
      lastReceivedAt: [...rows].sort((a, b) => b.lastReceivedAt.getTime() - a.lastReceivedAt.getTime() || (a.id < b.id ? 1 : -1)).map((r) => r.id),
      createdAt: [...rows].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1)).map((r) => r.id),
    };

    for (const sort of ["lastReceivedAt", "createdAt"] as const) {
      for (const order of ["desc", "asc"] as const) {
        const seen: string[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const page: Awaited<ReturnType<Caller["leads"]["list"]>> = await owner.caller.leads.list({ sort, order, limit: 5, cursor });
          seen.push(...page.items.map((l) => l.id));
          cursor = page.nextCursor;
          pages++;
        } while (cursor);
        const want = order === "desc" ? expected[sort] : [...expected[sort]].reverse();
        expect(seen, `${sort} ${order}`).toEqual(want);
        expect(pages).toBe(5);
      }
    }
    expect(new Set(created).size).toBe(23);

    const first = await owner.caller.leads.list({ limit: 5 });
    await expectAppError(owner.caller.leads.list({ limit: 5, cursor: "not-a-cursor" }), { code: "BAD_REQUEST", reason: "invalidCursor" });
    await expectAppError(owner.caller.leads.list({ limit: 5, sort: "createdAt", cursor: first.nextCursor }), { code: "BAD_REQUEST", reason: "invalidCursor", message: /different sort/ });
    await expectAppError(owner.caller.leads.list({ limit: 5, order: "asc", cursor: first.nextCursor }), { code: "BAD_REQUEST", reason: "invalidCursor", message: /different sort/ });
  });

  it("sorts by `order`; the `direction` tRPC's infinite queries add to the input does not change it", async () => {
    const owner = await signUp();
    const older = await capture(owner.caller, { receivedAt: T("2026-11-01T00:00:00Z") });
    const newer = await capture(owner.caller, { receivedAt: T("2026-11-02T00:00:00Z") });
    const ids = async (input: Parameters<Caller["leads"]["list"]>[0]) => (await owner.caller.leads.list(input)).items.map((l) => l.id);
    expect(await ids({})).toEqual([newer.id, older.id]);
    expect(await ids({ order: "asc" })).toEqual([older.id, newer.id]);
    // What useInfiniteQuery sends: { ...input, cursor, direction: "forward" | "backward" }.
    expect(await ids({ order: "asc", cursor: null, direction: "backward" } as never)).toEqual([older.id, newer.id]);
    expect(await ids({ direction: "forward" } as never)).toEqual([newer.id, older.id]);
    await expectInvalidInput(owner.caller.leads.list({ order: "up" as never }), "order");
  });
});

describe("leads.get", () => {
  it("returns the lead with its touchpoints (raw bodies verbatim) and deliveries with attempts", async () => {
    const owner = await signUp();
    const destination = await db().destination.create({ data: { tenantId: owner.tenant.id, kind: "WEBHOOK", name: "Hook", config: {} } });
    const raw = '{"UserDetails":{"FirstName":"Ada"},"LeadSource":"AzureMarketplace","Extra":1}';
    const result = await captureLead(db(), {
      tenantId: owner.tenant.id,
      channel: "HTTPS",
      offer: null,
      lead: { customer: { firstName: "Ada", email: `ada-${uid()}@x.example` }, source: "AzureMarketplace", receivedAt: new Date(), isTest: false, isPrivacyRedacted: false, extraFields: { Extra: 1 } },
      rawBody: raw,
      idempotencyKey: uid(),
      receivedAt: new Date(),
    });
    const delivery = await db().delivery.findFirstOrThrow({ where: { leadId: result.leadId } });
    await db().deliveryAttempt.create({ data: { deliveryId: delivery.id, tenantId: owner.tenant.id, durationMs: 42, outcome: "retryable", httpStatus: 503 } });

    const lead = await owner.caller.leads.get({ id: result.leadId });
    expect(lead.touchpoints).toEqual([expect.objectContaining({ id: result.touchpointId, rawBody: raw, extraFields: { Extra: 1 }, channel: "HTTPS" })]);
    expect(lead.deliveries).toEqual([
      expect.objectContaining({
        id: delivery.id,
        destination: expect.objectContaining({ id: destination.id, name: "Hook" }),
        attempts: [expect.objectContaining({ outcome: "retryable", httpStatus: 503, durationMs: 42 })],
      }),
    ]);
  });

  it("never shows another tenant's lead (NOT_FOUND), to members as to owners", async () => {
    const owner = await signUp();
    const member = await addMember(owner.caller);
    const { id } = await capture(owner.caller);
    expect((await member.caller.leads.get({ id })).id).toBe(id);

    const stranger = await signUp({ label: "stranger" });
    await expectAppError(stranger.caller.leads.get({ id }), { code: "NOT_FOUND", reason: "leadNotFound" });
    expect((await stranger.caller.leads.list({ showTest: true })).items).toEqual([]);
    expect((await stranger.caller.leads.export({ format: "json" })).count).toBe(0);
    await expectAppError(callerFor(null).leads.get({ id }), { code: "UNAUTHORIZED", reason: "signedOut" });
  });
});

describe("leads.create (manual entry)", () => {
  it("stores a typed-in lead through the pipeline, once per idempotency key", async () => {
    const owner = await signUp();
    const offer = await owner.caller.offers.create({ publisherId: "contoso", offerId: "crm", title: "Contoso CRM", type: "SAAS" });
    const input = { firstName: "Ana", lastName: "Lima", email: `ana-${uid()}@contoso.example`, company: "Contoso", offerId: offer.id, action: "plt", idempotencyKey: "form-1" };
    const created = await owner.caller.leads.create(input);
    expect(created.status).toBe("created");
    expect(await owner.caller.leads.create(input)).toEqual({ id: created.id, status: "duplicate" });
    const stored = await owner.caller.leads.get({ id: created.id });
    expect(stored).toMatchObject({ firstName: "Ana", action: "PLT", funnelStage: "INITIAL", offer: { id: offer.id }, offerTitle: "Contoso CRM" });
    expect(stored.touchpoints).toEqual([expect.objectContaining({ channel: "MANUAL", rawBody: null })]);
  });

  it("asks for at least one identifying field and a valid e-mail", async () => {
    const owner = await signUp();
    expect((await expectInvalidInput(owner.caller.leads.create({ country: "US" }), "email"))[0]).toMatch(/at least a name/);
    await expectInvalidInput(owner.caller.leads.create({ email: "not an email" }), "email");
    await expectAppError(owner.caller.leads.create({ firstName: "X", offerId: "nope" }), { code: "NOT_FOUND", reason: "offerNotFound" });
  });
});

describe("leads.importCsv", () => {
  const header = "First Name,last_name,Email,Phone,Country,Company,Title,Lead Source,ActionCode,Offer,Offer Title,Description,receivedAt,Campaign";

  it("previews per-row errors without storing anything, then imports the valid rows and reports the rest", async () => {
    const owner = await signUp();
    const email = `ada-${uid()}@contoso.example`;
    const csv = [
      header,
      `Ada,Lovelace,${email},+44 20 7946 0958,GB,Contoso,CTO,AzureMarketplace,INS,contoso.crm,,"Hello, world",2026-11-20,fall`,
      `Grace,Hopper,not-an-email,,,Navy,,AzureMarketplace,PLT,,,,,`,
      `Alan,Turing,alan@bletchley.example,,,,,AzureMarketplace-PLT|contoso.crm,,,,,2026-11-21T09:00:00+01:00,`,
      `Bad,Offer,bad@x.example,,,,,AzureMarketplace,INS,not an offer,,,,`,
      `Bad,Date,date@x.example,,,,,AzureMarketplace,INS,,,,yesterday,`,
      `,,,,,,,,,,,,,only-extra`,
      `Too,Many,fields@x.example,,,,,,,,,,,,extra-cell`,
      `Student,One,s@cs.mit.edu,,,MIT,,AzureMarketplace,INS,,,,,`,
    ].join("\n");

    const preview = await owner.caller.leads.importCsv({ csv, preview: true });
    expect(preview).toMatchObject({ preview: true, totalRows: 8, validRows: 3, invalidRows: 5, imported: null });
    expect(preview.columns.extra).toEqual(["Campaign"]);
    expect(preview.errors).toEqual([
      { row: 2, errors: [{ field: "email", message: expect.stringMatching(/not an e-mail/) }] },
      { row: 4, errors: [{ field: "offer", message: expect.stringMatching(/publisherid\.offerid/) }] },
      { row: 5, errors: [{ field: "receivedAt", message: expect.stringMatching(/not a date/) }] },
      { row: 6, errors: [{ field: "row", message: expect.stringMatching(/no customer details/) }] },
      { row: 7, errors: [{ field: "row", message: expect.stringMatching(/fields/i) }] },
    ]);
    expect(preview.sample.map((s) => s.row)).toEqual([1, 3, 8]);
    expect(await db().lead.count({ where: { tenantId: owner.tenant.id } })).toBe(0);

    const result = await owner.caller.leads.importCsv({ csv });
    expect(result).toMatchObject({ preview: false, validRows: 3, invalidRows: 5, imported: { created: 3, merged: 0, duplicate: 0 }, failed: [] });
    const leads = (await owner.caller.leads.list({})).items;
    expect(leads).toHaveLength(3);
    const ada = leads.find((l) => l.email === email)!;
    expect(ada).toMatchObject({ firstName: "Ada", phone: "+44 20 7946 0958", action: "INS", offerRef: "contoso.crm", lastReceivedAt: T("2026-11-20T00:00:00Z") });
    const alan = leads.find((l) => l.firstName === "Alan")!;
    expect(alan).toMatchObject({ source: "AzureMarketplace", action: "PLT", offerRef: "contoso.crm", lastReceivedAt: T("2026-11-21T08:00:00Z") });
    expect(leads.find((l) => l.company === "MIT")).toMatchObject({ isPrivacyRedacted: true, email: null });
    const adaDetail = await owner.caller.leads.get({ id: ada.id });
    expect(adaDetail.description).toBe("Hello, world");
    expect(adaDetail.touchpoints[0]).toMatchObject({ channel: "CSV", extraFields: { Campaign: "fall" } });
    expect(adaDetail.touchpoints[0]!.rawBody).toContain(`Ada,Lovelace,${email}`);
    expect(await auditEvents(owner.tenant.id, "leads.imported")).toHaveLength(1);

    const again = await owner.caller.leads.importCsv({ csv });
    expect(again.imported).toEqual({ created: 0, merged: 0, duplicate: 3 });
    expect(await db().touchpoint.count({ where: { tenantId: owner.tenant.id } })).toBe(3);
  });

  it("refuses a file without a known column, too large a file, and an offer of another tenant", async () => {
    const owner = await signUp();
    await expectAppError(owner.caller.leads.importCsv({ csv: "foo,bar\n1,2" }), { code: "BAD_REQUEST", reason: "invalidCsv", message: /firstName/ });
    await expectInvalidInput(owner.caller.leads.importCsv({ csv: "email\n" + "a".repeat(5 * 1024 * 1024) }), "csv");
    await expectInvalidInput(owner.caller.leads.importCsv({ csv: "" }), "csv");
    const stranger = await signUp({ label: "stranger" });
    const offer = await stranger.caller.offers.create({ publisherId: "x", offerId: "y", title: "Y", type: "SAAS" });
    await expectAppError(owner.caller.leads.importCsv({ csv: "email\na@b.example", offerId: offer.id }), { code: "NOT_FOUND", reason: "offerNotFound" });
  });

  it("ties every row to the chosen offer", async () => {
    const owner = await signUp();
    const offer = await owner.caller.offers.create({ publisherId: "contoso", offerId: "crm", title: "Contoso CRM", type: "SAAS" });
    await owner.caller.leads.importCsv({ csv: `email\nx-${uid()}@a.example\ny-${uid()}@b.example`, offerId: offer.id });
    expect((await owner.caller.leads.list({ offerId: offer.id })).items).toHaveLength(2);
  });
});

describe("leads.export", () => {
  it("exports the filtered list as CSV (one row per lead, spreadsheet-safe) and JSON (with touchpoints), and audits it", async () => {
    const owner = await signUp();
    const email = `ada-${uid()}@contoso.example`;
    await owner.caller.leads.capture({ lead: lead({ email, action: "PLT", phone: "+1 617 555 0100" }), idempotencyKey: uid() });
    await owner.caller.leads.capture({ lead: lead({ email, action: "INS", company: "=HYPERLINK(1)" }), idempotencyKey: uid() });
    await capture(owner.caller, { action: "DNC", email: `other-${uid()}@x.example` });
    await owner.caller.leads.capture({ lead: testLead(), idempotencyKey: uid() });

    const csv = await owner.caller.leads.export({ format: "csv", funnelStage: "ACTIVE" });
    expect(csv).toMatchObject({ format: "csv", count: 1, truncated: false, mimeType: "text/csv" });
    expect(csv.filename).toMatch(/^leads-.+\.csv$/);
    const rows = Papa.parse<Record<string, string>>(csv.content, { header: true }).data;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ email, funnelStage: "ACTIVE", action: "INS", touchpointCount: "2", phone: "'+1 617 555 0100", isTest: "false" });

    const json = await owner.caller.leads.export({ format: "json" });
    expect(json.count).toBe(2);
    const records = JSON.parse(json.content) as { customer: { email?: string }; touchpoints: { action: string }[]; funnelStage: string }[];
    expect(records.find((r) => r.customer.email === email)?.touchpoints.map((t) => t.action)).toEqual(["PLT", "INS"]);
    expect((await owner.caller.leads.export({ format: "json", showTest: true })).count).toBe(3);

    expect((await auditEvents(owner.tenant.id, "leads.exported")).map((e) => (e.data as { format: string }).format)).toEqual(["json", "json", "csv"]);
  });

  it("round-trips: an exported CSV imports into another tenant as the same leads", async () => {
    const owner = await signUp();
    await capture(owner.caller, { phone: "+44 20 7946 0958", offer: { publisherId: "contoso", offerId: "crm" }, action: "PLT" });
    await capture(owner.caller, { company: "-minus corp", action: "StartTestDrive" });
    const { content } = await owner.caller.leads.export({ format: "csv" });

    const other = await signUp({ label: "other" });
    const result = await other.caller.leads.importCsv({ csv: content });
    expect(result).toMatchObject({ invalidRows: 0, imported: { created: 2 } });
    const pick = (items: Awaited<ReturnType<Caller["leads"]["list"]>>["items"]) =>
      items.map(({ firstName, lastName, email, phone, company, source, action, funnelStage, offerRef, lastReceivedAt }) => ({
        firstName, lastName, email, phone, company, source, action, funnelStage, offerRef, lastReceivedAt,
      })).sort((a, b) => (a.email ?? "").localeCompare(b.email ?? ""));
    expect(pick((await other.caller.leads.list({})).items)).toEqual(pick((await owner.caller.leads.list({})).items));
  });
});

describe("leads.diagnostics", () => {
  it("says what is missing before anything is set up", async () => {
    const owner = await signUp();
    const offer = await owner.caller.offers.create({ publisherId: "contoso", offerId: "crm", title: "Contoso CRM", type: "CONSULTING_SERVICE" });
    const diagnostics = await owner.caller.leads.diagnostics({ offerId: offer.id });
    expect(diagnostics).toMatchObject({
      offer: { id: offer.id, ref: "contoso.crm" },
      capture: { configured: false, offerEndpoint: null, tenantEndpoint: null, verified: false, verifiedAt: null },
      lastRealLeadAt: null,
      lastTestLeadAt: null,
      recentRejections: [],
      destinations: { applicable: 0, active: 0, required: true },
    });
    expect(diagnostics.hints.join(" ")).toMatch(/No capture URL yet/);
    expect(diagnostics.hints.join(" ")).toMatch(/Consulting service offer must have a lead destination/);
  });

  it("reports the capture URL, its verification by the test lead, last leads, refusals and destinations", async () => {
    const owner = await signUp();
    const offer = await owner.caller.offers.create({ publisherId: "contoso", offerId: "crm", title: "Contoso CRM", type: "SAAS" });
    const { endpoint } = await owner.caller.captureEndpoints.create({ offerId: offer.id });
    await owner.caller.captureEndpoints.create({});
    await db().destination.create({ data: { tenantId: owner.tenant.id, kind: "WEBHOOK", name: "Default", config: {} } });
    await db().captureRejection.create({
      data: { tenantId: owner.tenant.id, captureEndpointId: endpoint.id, httpStatus: 415, reason: "Content-Type text/plain is not accepted", bodyExcerpt: "hello" },
    });
    const asOffer = { id: offer.id, publisherId: offer.publisherId, offerId: offer.offerId, title: offer.title };
    const testAt = T("2026-11-20T08:00:00Z");
    const realAt = T("2026-11-21T08:00:00Z");
    await captureLead(db(), {
      tenantId: owner.tenant.id, channel: "HTTPS", captureEndpointId: endpoint.id, offer: asOffer,
      lead: { ...testLead(testAt), isTest: true, isPrivacyRedacted: false, extraFields: {} }, idempotencyKey: uid(), receivedAt: testAt,
    });
    await captureLead(db(), {
      tenantId: owner.tenant.id, channel: "HTTPS", captureEndpointId: endpoint.id, offer: asOffer,
      lead: { customer: { email: `real-${uid()}@x.example` }, source: "AzureMarketplace", action: "INS", receivedAt: realAt, isTest: false, isPrivacyRedacted: false, extraFields: {} },
      idempotencyKey: uid(), receivedAt: realAt,
    });

    const diagnostics = await owner.caller.leads.diagnostics({ offerId: offer.id });
    expect(diagnostics).toMatchObject({
      capture: { configured: true, verified: true, verifiedAt: testAt, offerEndpoint: { id: endpoint.id, verifiedAt: testAt, lastLeadAt: realAt } },
      lastRealLeadAt: realAt,
      lastTestLeadAt: testAt,
      recentRejections: [expect.objectContaining({ httpStatus: 415, reason: expect.stringMatching(/Content-Type/), bodyExcerpt: "hello" })],
      destinations: { applicable: 1, active: 1, required: false },
    });
    expect(diagnostics.capture.offerEndpoint?.url).toMatch(/\/api\/capture\/lrc_/);
    expect(diagnostics.capture.tenantEndpoint).not.toBeNull();
    expect(diagnostics.hints.join(" ")).toMatch(/1 recent request/);

    const stranger = await signUp({ label: "stranger" });
    await expectAppError(stranger.caller.leads.diagnostics({ offerId: offer.id }), { code: "NOT_FOUND", reason: "offerNotFound" });
    expect((await stranger.caller.leads.diagnostics({ offerId: null })).recentRejections).toEqual([]);
  });
});
