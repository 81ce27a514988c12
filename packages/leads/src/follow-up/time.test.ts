import { describe, expect, it } from "vitest";
import {
  dayBounds,
  isValidTimeZone,
  localDateKey,
  parseDateKey,
  parseLocalDateTime,
  shiftDateKey,
  toLocalDateTimeValue,
  zonedTimeToInstant,
} from "./time";

describe("time zones", () => {
  it("accepts IANA names and refuses anything else", () => {
    expect(isValidTimeZone("UTC")).toBe(true);
    expect(isValidTimeZone("Europe/Moscow")).toBe(true);
    expect(isValidTimeZone("America/Argentina/Buenos_Aires")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus")).toBe(false);
    expect(isValidTimeZone("'; DROP TABLE")).toBe(false);
    expect(isValidTimeZone("")).toBe(false);
  });

  it("finds today's boundaries in the viewer's zone", () => {
    const now = new Date("2025-03-10T22:30:00Z");
    expect(dayBounds(now, "UTC")).toEqual({ key: "2025-03-10", start: new Date("2025-03-10T00:00:00Z"), end: new Date("2025-03-11T00:00:00Z") });
    // Already the 11th in Moscow (UTC+3).
    expect(dayBounds(now, "Europe/Moscow")).toEqual({
      key: "2025-03-11",
      start: new Date("2025-03-10T21:00:00Z"),
      end: new Date("2025-03-11T21:00:00Z"),
    });
  });

  it("has 23- and 25-hour days across daylight saving changes", () => {
    const spring = dayBounds(new Date("2025-03-30T12:00:00Z"), "Europe/Berlin");
    expect(spring.end.getTime() - spring.start.getTime()).toBe(23 * 3600_000);
    const autumn = dayBounds(new Date("2025-10-26T12:00:00Z"), "Europe/Berlin");
    expect(autumn.end.getTime() - autumn.start.getTime()).toBe(25 * 3600_000);
  });

  it("reads skipped and repeated wall times predictably", () => {
    // 02:30 does not exist on 2025-03-30 in Berlin: read with the winter offset (03:30 CEST).
    expect(zonedTimeToInstant({ year: 2025, month: 3, day: 30, hour: 2, minute: 30 }, "Europe/Berlin")).toEqual(new Date("2025-03-30T01:30:00Z"));
    // 02:30 happens twice on 2025-10-26: the first one (CEST) wins.
    expect(zonedTimeToInstant({ year: 2025, month: 10, day: 26, hour: 2, minute: 30 }, "Europe/Berlin")).toEqual(new Date("2025-10-26T00:30:00Z"));
  });

  it("round-trips datetime-local values in a zone", () => {
    const instant = parseLocalDateTime("2025-06-01T09:15", "America/New_York");
    expect(instant).toEqual(new Date("2025-06-01T13:15:00Z"));
    expect(toLocalDateTimeValue(instant!, "America/New_York")).toBe("2025-06-01T09:15");
    expect(parseLocalDateTime("2025-06-01 09:15", "UTC")).toBeNull();
    expect(parseLocalDateTime("2025-02-30T09:15", "UTC")).toBeNull();
    expect(parseLocalDateTime("2025-06-01T25:00", "UTC")).toBeNull();
  });

  it("parses and shifts calendar dates", () => {
    expect(parseDateKey("2024-02-29")).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parseDateKey("2025-02-29")).toBeNull();
    expect(parseDateKey("2025-1-01")).toBeNull();
    expect(shiftDateKey("2024-12-31", 1)).toBe("2025-01-01");
    expect(shiftDateKey("2025-03-01", -1)).toBe("2025-02-28");
    expect(localDateKey(new Date("2025-01-01T02:00:00Z"), "America/Los_Angeles")).toBe("2024-12-31");
  });
});
