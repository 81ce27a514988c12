import { describe, expect, it } from "vitest";

import { leadDedupKey, normalizeEmailForDedup, normalizePhoneForDedup } from "./dedup";
import { parseHttpsPayload } from "./formats/https";
import type { Lead } from "./lead";
import { F19_SEQUENCE } from "./test/reference-payloads";

const offer = { publisherId: "fabrikam", offerId: "fabrikam-hr" };

function key(
  customer: Lead["customer"],
  offerFields: Pick<Lead, "offer" | "offerTitle"> = { offer },
): string | null {
  return leadDedupKey({ customer, ...offerFields });
}

describe("leadDedupKey", () => {
  it("gives one key to one person's journey on one offer (F19)", () => {
    const keys = F19_SEQUENCE.map((payload) => {
      const result = parseHttpsPayload(payload, { receivedAt: new Date("2024-05-01T09:00:00Z") });
      return result.ok ? leadDedupKey(result.lead) : "parse failed";
    });
    expect(keys[0]).toBe(
      JSON.stringify(["offer", "fabrikam.fabrikam-hr", "email", "ivan.petrov@contoso.com"]),
    );
    expect(keys[1]).toBe(keys[0]);
  });

  it("keys per offer", () => {
    const customer = { email: "ivan@contoso.com" };
    expect(key(customer, { offer })).not.toBe(
      key(customer, { offer: { publisherId: "fabrikam", offerId: "other" } }),
    );
    expect(key(customer, { offerTitle: "Fabrikam HR" })).toBe(
      key(customer, { offerTitle: "  fabrikam   hr " }),
    );
    expect(key(customer, {})).toBe(JSON.stringify(["no-offer", "email", "ivan@contoso.com"]));
  });

  it("keeps email conservative: trim and lower case only", () => {
    expect(normalizeEmailForDedup("  Ivan.Petrov+Leads@GMail.com ")).toBe(
      "ivan.petrov+leads@gmail.com",
    );
    expect(key({ email: "ivan.petrov@gmail.com" })).not.toBe(
      key({ email: "ivanpetrov@gmail.com" }),
    );
    expect(key({ email: "ivan+a@gmail.com" })).not.toBe(key({ email: "ivan@gmail.com" }));
  });

  it("prefers email over phone and name", () => {
    expect(
      key({
        email: "a@b.example",
        phone: "+1 617 555 5555",
        firstName: "A",
        lastName: "B",
        company: "C",
      }),
    ).toBe(JSON.stringify(["offer", "fabrikam.fabrikam-hr", "email", "a@b.example"]));
  });

  it("falls back to phone digits with the country", () => {
    expect(normalizePhoneForDedup("+44 (20) 7946-0958")).toBe("442079460958");
    expect(key({ phone: "+44 20 7946 0958", country: "gb" })).toBe(
      JSON.stringify(["offer", "fabrikam.fabrikam-hr", "phone", "GB", "442079460958"]),
    );
    expect(key({ phone: "44-20-7946-0958", country: "GB" })).toBe(
      key({ phone: "+44 20 7946 0958", country: "GB" }),
    );
    expect(key({ phone: "442079460958", country: "GB" })).not.toBe(
      key({ phone: "442079460958", country: "US" }),
    );
    expect(key({ phone: "442079460958" })).toBe(
      JSON.stringify(["offer", "fabrikam.fabrikam-hr", "phone", "", "442079460958"]),
    );
  });

  it("falls back to full name and company", () => {
    expect(key({ firstName: " Ivan ", lastName: "PETROV", company: "Contoso  Ltd" })).toBe(
      JSON.stringify(["offer", "fabrikam.fabrikam-hr", "name", "ivan", "petrov", "contoso ltd"]),
    );
  });

  it("is null when nothing identifies the person, so such leads are never merged", () => {
    expect(key({})).toBeNull();
    expect(key({ country: "US", company: "Stanford University" })).toBeNull();
    expect(key({ firstName: "Ivan", company: "Contoso" })).toBeNull();
    expect(key({ phone: "12345" })).toBeNull();
    expect(key({ email: "   " })).toBeNull();
  });

  it("cannot be forged by separators inside values", () => {
    expect(key({ firstName: "a", lastName: "b c", company: "d" })).not.toBe(
      key({ firstName: "a b", lastName: "c", company: "d" }),
    );
  });
});
