// Typed use of the package from CommonJS; compiled by types.test.mjs with tsc --noEmit.
import recur = require("ticktick-recur");
import type { BatchBody, Task } from "ticktick-recur";

const task: Task = { id: "a", startDate: "2026-01-17T14:00:00Z", repeatFlag: "RRULE:FREQ=WEEKLY" };
const body: BatchBody = recur.skip(task, { at: "2026-01-17T13:16:24Z" });
const starts: string[] = recur.expand("FREQ=DAILY", { start: "2026-01-17T14:00:00Z", exDates: ["20260118"] });
// @ts-expect-error exDates are strings
recur.expand("FREQ=DAILY", { start: "2026-01-17T14:00:00Z", exDates: [20260118] });

export = { body, starts };
