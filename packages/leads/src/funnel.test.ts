import { describe, expect, it } from "vitest";

import {
  KNOWN_ACTION_CODES,
  canonicalActionCode,
  canonicalLeadSource,
  isKnownActionCode,
  isKnownLeadSource,
} from "./codes";
import { advancesFunnelStage, classifyFunnelStage } from "./funnel";

describe("classifyFunnelStage", () => {
  it.each([
    ["PLT", "initial"],
    ["ContactMe", "initial"],
    ["INS", "active"],
    ["Create", "active"],
    ["StartTestDrive", "trial"],
    ["FreeTrial", "trial"],
    ["DNC", "do_not_contact"],
  ] as const)("puts %s in stage %s", (action, stage) => {
    expect(classifyFunnelStage(action)).toEqual({ stage });
  });

  it("matches codes without regard to case or padding", () => {
    expect(classifyFunnelStage(" ins ")).toEqual({ stage: "active" });
    expect(classifyFunnelStage("dnc")).toEqual({ stage: "do_not_contact" });
  });

  it("defaults unknown and missing actions to initial interest, flagged", () => {
    expect(classifyFunnelStage("SaaSTrial")).toEqual({ stage: "initial", flag: "unknown_action" });
    expect(classifyFunnelStage(undefined)).toEqual({ stage: "initial", flag: "missing_action" });
  });

  it("never suppresses outreach for anything but DNC", () => {
    const suppressing = Object.keys(KNOWN_ACTION_CODES).filter(
      (code) => classifyFunnelStage(code).stage === "do_not_contact",
    );
    expect(suppressing).toEqual(["DNC"]);
  });
});

describe("code vocabularies", () => {
  it("spells known values Microsoft's way and keeps unknown ones verbatim", () => {
    expect(canonicalLeadSource("appsource (spza)")).toBe("AppSource (SPZA)");
    expect(canonicalLeadSource("SPZA")).toBe("SPZA");
    expect(canonicalActionCode("starttestdrive")).toBe("StartTestDrive");
    expect(canonicalActionCode("Renew")).toBe("Renew");
  });

  it("tells known from unknown in canonical spelling", () => {
    expect(isKnownLeadSource("AzurePortal")).toBe(true);
    expect(isKnownLeadSource("toString")).toBe(false);
    expect(isKnownActionCode("DNC")).toBe(true);
    expect(isKnownActionCode("dnc")).toBe(false);
  });
});

describe("advancesFunnelStage", () => {
  it("moves a merged lead only further along: do-not-contact < initial < trial < active", () => {
    expect(advancesFunnelStage("initial", "trial")).toBe(true);
    expect(advancesFunnelStage("trial", "active")).toBe(true);
    expect(advancesFunnelStage("active", "trial")).toBe(false);
    expect(advancesFunnelStage("trial", "trial")).toBe(false);
    expect(advancesFunnelStage("do_not_contact", "initial")).toBe(true);
    expect(advancesFunnelStage("initial", "do_not_contact")).toBe(false);
  });

  it("accepts the database's upper-case spelling", () => {
    expect(advancesFunnelStage("DO_NOT_CONTACT", "ACTIVE")).toBe(true);
    expect(advancesFunnelStage("ACTIVE", "INITIAL")).toBe(false);
  });
});
