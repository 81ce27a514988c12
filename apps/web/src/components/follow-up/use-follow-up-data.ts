"use client";

import { parseLocalDateTime, shiftDateKey, localDateKey, toLocalDateTimeValue, zonedTimeToInstant, parseDateKey } from "@leadrelay/leads";
import { useQueryClient } from "@tanstack/react-query";
import { useTimeZone } from "next-intl";
import { useCallback } from "react";
import { useTRPC } from "~/trpc/react";

/** The zone the app shows times in (next-intl's), which is also the zone "today" is cut in. */
export function useViewTimeZone(): string {
  return useTimeZone() ?? "UTC";
}

/** After any follow-up change: every list, board and panel that may show the lead. */
export function useRefreshFollowUps() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useCallback(
    () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.followUps.pathKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.pipeline.board.pathKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.pipeline.stages.pathKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.insights.pathKey() }),
      ]),
    [queryClient, trpc],
  );
}

/** datetime-local values ⇄ instants, in the view's time zone. */
export function useLocalDateTime() {
  const timeZone = useViewTimeZone();
  return {
    timeZone,
    toInput: (date: Date) => toLocalDateTimeValue(date, timeZone),
    fromInput: (value: string) => parseLocalDateTime(value, timeZone),
    /** 09:00 `days` days from today. */
    morningIn: (days: number) => {
      const key = shiftDateKey(localDateKey(new Date(), timeZone), days);
      return zonedTimeToInstant({ ...parseDateKey(key)!, hour: 9, minute: 0 }, timeZone);
    },
  };
}
