import { describe, expect, it } from "vitest";
import { followUpDigestText } from "./digest";
import { bucketKeys, bucketStart, daysInRange, funnelFromFurthest, insightsBucket, stackSeries } from "./insights";

describe("insights calendar", () => {
  it("chooses days, weeks or months by the range's length", () => {
    expect(daysInRange("2025-01-01", "2025-01-01")).toBe(1);
    expect(daysInRange("2025-01-01", "2025-12-31")).toBe(365);
    expect(insightsBucket("2025-01-01", "2025-01-30")).toBe("day");
    expect(insightsBucket("2025-01-01", "2025-05-30")).toBe("week");
    expect(insightsBucket("2025-01-01", "2025-12-31")).toBe("month");
  });

  it("lists every bucket, as date_trunc starts them (weeks on Monday)", () => {
    expect(bucketStart("2025-05-22", "week")).toBe("2025-05-19");
    expect(bucketStart("2025-05-19", "week")).toBe("2025-05-19");
    expect(bucketStart("2025-05-25", "week")).toBe("2025-05-19");
    expect(bucketKeys("2025-05-30", "2025-06-02", "day")).toEqual(["2025-05-30", "2025-05-31", "2025-06-01", "2025-06-02"]);
    expect(bucketKeys("2025-05-22", "2025-06-02", "week")).toEqual(["2025-05-19", "2025-05-26", "2025-06-02"]);
    expect(bucketKeys("2024-11-15", "2025-02-01", "month")).toEqual(["2024-11-01", "2024-12-01", "2025-01-01", "2025-02-01"]);
  });

  it("stacks series, keeping the largest and summing the rest as other", () => {
    const points = [
      { bucket: "2025-01-01", key: "AzureMarketplace", count: 5 },
      { bucket: "2025-01-02", key: "AzureMarketplace", count: 1 },
      { bucket: "2025-01-01", key: "AppSource (SPZA)", count: 3 },
      { bucket: "2025-01-02", key: null, count: 2 },
      { bucket: "2025-01-02", key: "AzurePortal", count: 1 },
    ];
    const stacked = stackSeries(points, ["2025-01-01", "2025-01-02", "2025-01-03"], 3);
    expect(stacked.keys).toEqual(["AzureMarketplace", "AppSource (SPZA)", "other"]);
    expect(stacked.rows).toEqual([
      { bucket: "2025-01-01", AzureMarketplace: 5, "AppSource (SPZA)": 3, other: 0 },
      { bucket: "2025-01-02", AzureMarketplace: 1, "AppSource (SPZA)": 0, other: 3 },
      { bucket: "2025-01-03", AzureMarketplace: 0, "AppSource (SPZA)": 0, other: 0 },
    ]);
    expect(stackSeries(points, ["2025-01-01", "2025-01-02"]).keys).toEqual(["AzureMarketplace", "AppSource (SPZA)", "(none)", "AzurePortal"]);
  });

  it("computes funnel conversion from each lead's furthest step", () => {
    // 10 leads: 4 stayed new, 3 got to contacted, 2 to qualified, 1 won.
    const funnel = funnelFromFurthest(["new", "contacted", "qualified", "won"], new Map([[0, 4], [1, 3], [2, 2], [3, 1]]));
    expect(funnel).toEqual([
      { stageId: "new", reached: 10, conversionFromPrevious: null },
      { stageId: "contacted", reached: 6, conversionFromPrevious: 0.6 },
      { stageId: "qualified", reached: 3, conversionFromPrevious: 0.5 },
      { stageId: "won", reached: 1, conversionFromPrevious: 1 / 3 },
    ]);
    expect(funnelFromFurthest(["a", "b"], new Map())).toEqual([
      { stageId: "a", reached: 0, conversionFromPrevious: null },
      { stageId: "b", reached: 0, conversionFromPrevious: null },
    ]);
  });
});

describe("digest text", () => {
  const input = {
    overdue: 2,
    dueToday: 1,
    nurtureDue: 0,
    leads: [{ name: "Ada Lovelace (Contoso)", status: "overdue" as const, dueAt: "2025-05-19 09:00" }],
    more: 2,
    tenantName: "Contoso",
  };

  it("says what is due in English", () => {
    expect(followUpDigestText(input, "en")).toEqual({
      title: "Your follow-ups in Contoso: 2 overdue, 1 due today",
      body: "• Ada Lovelace (Contoso) — overdue since 2025-05-19 09:00\n…and 2 more",
    });
  });

  it("and in Russian", () => {
    const ru = followUpDigestText({ ...input, unassigned: true }, "ru");
    expect(ru.title).toBe("Лиды без ответственного в Contoso: 2 просрочено, 1 на сегодня");
    expect(ru.body).toContain("…и ещё 2");
  });
});
