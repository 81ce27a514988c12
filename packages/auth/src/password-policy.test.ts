import { describe, expect, it } from "vitest";
import { emailSchema, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordMessages, passwordProblems, type PasswordProblem } from "./password-policy";

describe("passwordProblems", () => {
  it("accepts a long, uncommon password", () => {
    expect(passwordProblems("correct-horse-battery-staple", "ada@example.com")).toEqual([]);
  });

  it("needs at least 10 characters (boundary included)", () => {
    expect(PASSWORD_MIN_LENGTH).toBe(10);
    expect(passwordProblems("a".repeat(9))).toEqual(["tooShort"]);
    expect(passwordProblems("a".repeat(10))).toEqual([]);
    expect(passwordProblems("")).toEqual(["tooShort"]);
  });

  it("allows at most 128 characters (boundary included)", () => {
    expect(PASSWORD_MAX_LENGTH).toBe(128);
    expect(passwordProblems("a".repeat(128))).toEqual([]);
    expect(passwordProblems("a".repeat(129))).toEqual(["tooLong"]);
  });

  it("refuses common passwords whatever their case", () => {
    for (const common of ["password123", "PASSWORD123", "Qwertyuiop", "1234567890", "administrator"]) {
      expect(passwordProblems(common), common).toEqual(["common"]);
    }
    expect(passwordProblems("password123!")).toEqual([]);
  });

  it("refuses a password containing the e-mail's local part (4+ characters), case-insensitively", () => {
    expect(passwordProblems("my-Ada.Lovelace-2024", "ada.lovelace@example.com")).toEqual(["containsEmail"]);
    expect(passwordProblems("xxjohnxxxxxx", "JOHN@example.com")).toEqual(["containsEmail"]);
    // Short local parts are too likely to occur by chance.
    expect(passwordProblems("bobsleigh-champion", "bob@example.com")).toEqual([]);
    expect(passwordProblems("bobsleigh-champion")).toEqual([]);
    expect(passwordProblems("bobsleigh-champion", "")).toEqual([]);
  });

  it("reports every problem at once", () => {
    expect(passwordProblems("anna1", "anna1@example.com")).toEqual(["tooShort", "containsEmail"]);
    expect(passwordProblems("letmein123", "letmein123@example.com")).toEqual(["common", "containsEmail"]);
  });
});

describe("passwordMessages", () => {
  it("has a clear message for every problem, naming the limits", () => {
    const problems: PasswordProblem[] = ["tooShort", "tooLong", "common", "containsEmail"];
    expect(Object.keys(passwordMessages).sort()).toEqual([...problems].sort());
    expect(passwordMessages.tooShort).toBe("Use at least 10 characters.");
    expect(passwordMessages.tooLong).toBe("Use at most 128 characters.");
    for (const problem of problems) expect(passwordMessages[problem].length).toBeGreaterThan(15);
  });
});

describe("emailSchema", () => {
  it("trims and lower-cases", () => {
    expect(emailSchema.parse("  Ada.Lovelace@Example.COM ")).toBe("ada.lovelace@example.com");
  });

  it("refuses things that are not e-mail addresses with a clear message", () => {
    for (const bad of ["", "ada", "ada@", "@example.com", "ada@example", "ada lovelace@example.com"]) {
      const result = emailSchema.safeParse(bad);
      expect(result.success, bad).toBe(false);
      expect(result.error?.issues[0]?.message).toBe("Enter a valid e-mail address.");
    }
  });

  it("refuses addresses longer than 254 characters", () => {
    const local = "a".repeat(64);
    const domain = `${"b".repeat(60)}.${"c".repeat(60)}.${"d".repeat(60)}.com`;
    const ok = `${local}@${domain}`;
    expect(ok.length).toBeLessThanOrEqual(254);
    expect(emailSchema.safeParse(ok).success).toBe(true);
    const tooLong = `${local}@${"e".repeat(60)}.${domain}`;
    expect(tooLong.length).toBeGreaterThan(254);
    expect(emailSchema.safeParse(tooLong).success).toBe(false);
  });
});
