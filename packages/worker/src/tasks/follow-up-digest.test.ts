import { parseCrontab } from "graphile-worker";
import { describe, expect, it } from "vitest";
import { FOLLOW_UP_DIGEST_CRONTAB, FOLLOW_UP_DIGEST_TASK } from "./follow-up-digest";

describe("the follow-up digest's schedule", () => {
  it("is a valid graphile-worker crontab line: daily, no backfill, three attempts", () => {
    const [item] = parseCrontab(FOLLOW_UP_DIGEST_CRONTAB);
    expect(item).toMatchObject({ task: FOLLOW_UP_DIGEST_TASK, identifier: FOLLOW_UP_DIGEST_TASK, options: { backfillPeriod: 0, maxAttempts: 3, jobKey: FOLLOW_UP_DIGEST_TASK } });
  });
});
