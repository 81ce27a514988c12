import { readFileSync } from "node:fs";
import path from "node:path";
import { DESTINATION_KINDS, destinationAdapters, RETIRED_DESTINATIONS } from "@leadrelay/destinations";
import { describe, expect, it } from "vitest";
import { KIND_FIELDS } from "./kind-fields";

/**
 * The destination guides are rendered from the messages (destinations.kinds.<KIND>), not
 * from the English texts the API returns: every kind, retired ones included, must have its
 * guide in every locale, step for step, and every form field its label.
 */
const root = path.resolve(import.meta.dirname, "../../../messages");
type Kinds = Record<string, { label?: string; description?: string; steps?: string[]; warnings?: string[]; requiredFieldsTitle?: string; retiredMessage?: string }>;
const load = (locale: string) =>
  JSON.parse(readFileSync(path.join(root, locale, "offers.json"), "utf8")) as { destinations: { kinds: Kinds; fields: Record<string, Record<string, { label?: string }>> } };
const en = load("en").destinations;
const ru = load("ru").destinations;

describe("destination guides in every locale", () => {
  it.each(DESTINATION_KINDS)("%s has a label, description, steps, warnings and a required-fields title in en and ru", (kind) => {
    for (const messages of [en, ru]) {
      const guide = messages.kinds[kind];
      expect(guide?.label, kind).toBeTruthy();
      expect(guide?.description, kind).toBeTruthy();
      expect(guide?.requiredFieldsTitle, kind).toBeTruthy();
      expect(guide?.steps?.length, kind).toBeGreaterThan(0);
      expect(guide?.warnings?.length, kind).toBeGreaterThan(0);
    }
    // As many steps and warnings as the adapter's own guide, and translated, not copied.
    const adapter = destinationAdapters[kind].setupGuide;
    expect(en.kinds[kind]!.steps).toHaveLength(adapter.steps.length);
    expect(ru.kinds[kind]!.steps).toHaveLength(adapter.steps.length);
    expect(ru.kinds[kind]!.warnings).toHaveLength(en.kinds[kind]!.warnings!.length);
    for (const [index, step] of ru.kinds[kind]!.steps!.entries()) expect(step).not.toBe(en.kinds[kind]!.steps![index]);
    expect(ru.kinds[kind]!.description).not.toBe(en.kinds[kind]!.description);
  });

  it.each(Object.keys(RETIRED_DESTINATIONS))("the retired %s says so in en and ru", (kind) => {
    expect(en.kinds[kind]?.retiredMessage).toContain("Azure Blob");
    expect(ru.kinds[kind]?.retiredMessage).toMatch(/Azure Blob/u);
    expect(ru.kinds[kind]?.retiredMessage).not.toBe(en.kinds[kind]?.retiredMessage);
  });

  it("every form field has a label in en and ru", () => {
    for (const [kind, fields] of Object.entries(KIND_FIELDS)) {
      for (const field of fields) {
        expect(en.fields[kind]?.[field.name]?.label, `${kind}.${field.name}`).toBeTruthy();
        expect(ru.fields[kind]?.[field.name]?.label, `${kind}.${field.name}`).toBeTruthy();
      }
    }
  });

  it("the Salesforce picklist warning reads in Russian", () => {
    expect(ru.kinds.SALESFORCE!.warnings![0]).toContain("picklist");
    expect(ru.kinds.SALESFORCE!.warnings![0]).toMatch(/молча отбрасывать лиды/u);
  });
});
