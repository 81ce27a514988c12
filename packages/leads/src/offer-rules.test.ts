import { describe, expect, it } from "vitest";
import { destinationRequirement, destinationRequirementReason } from "./offer-rules";

const offer = (type: string, listedAsContactMe = false, hasTestDrive = false) => ({ type, listedAsContactMe, hasTestDrive });

describe("destinationRequirementReason (Partner Center's lead destination rule)", () => {
  it("requires a destination for SaaS and Dynamics 365 Customer Engagement offers only when listed with Contact me", () => {
    expect(destinationRequirementReason(offer("SAAS"))).toBeNull();
    expect(destinationRequirementReason(offer("SAAS", true))).toBe("saasContactMe");
    expect(destinationRequirementReason(offer("DYNAMICS_365_CUSTOMER_ENGAGEMENT"))).toBeNull();
    expect(destinationRequirementReason(offer("DYNAMICS_365_CUSTOMER_ENGAGEMENT", true))).toBe("d365ceContactMe");
  });

  it("always requires one for Operations, Business Central and Consulting offers", () => {
    expect(destinationRequirementReason(offer("DYNAMICS_365_OPERATIONS"))).toBe("d365Operations");
    expect(destinationRequirementReason(offer("DYNAMICS_365_BUSINESS_CENTRAL"))).toBe("businessCentral");
    expect(destinationRequirementReason(offer("CONSULTING_SERVICE"))).toBe("consulting");
  });

  it("requires one for any offer with a test drive, and for no other type", () => {
    expect(destinationRequirementReason(offer("AZURE_VIRTUAL_MACHINE", false, true))).toBe("testDrive");
    expect(destinationRequirementReason(offer("SAAS", true, true))).toBe("testDrive");
    for (const type of ["AZURE_APPLICATION", "AZURE_VIRTUAL_MACHINE", "AZURE_CONTAINER", "MANAGED_SERVICE", "POWER_BI_APP", "IOT_EDGE_MODULE", "OTHER"]) {
      expect(destinationRequirementReason(offer(type, true)), type).toBeNull();
    }
  });

  it("says why in English", () => {
    expect(destinationRequirement(offer("CONSULTING_SERVICE"))).toBe("Every Consulting service offer must have a lead destination.");
    expect(destinationRequirement(offer("OTHER"))).toBeNull();
  });
});
