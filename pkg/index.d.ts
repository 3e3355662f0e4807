// The package's API (SURFACES.md §2). The functions are defined in JavaScript (src/wrap.mjs)
// over the WebAssembly bindings; the interfaces are the bindings' hand-written ones
// (bindings/wasm/src/types.d.ts), re-exported from the generated glue's declarations.
import type {
  AgendaEntry,
  AgendaOptions,
  AppliedResponse,
  AtOptions,
  BatchBody,
  BatchResponse,
  CloseOptions,
  ExpandOptions,
  HolidayCoverage,
  Holidays,
  OccurrencesOptions,
  ReminderEntry,
  SkipDateOptions,
  Task,
  TaskDates,
  TaskList,
} from "./dist/node/ticktick_recur.js";

export type {
  Task,
  ChecklistItem,
  BatchBody,
  BatchResponse,
  AppliedResponse,
  TaskDates,
  Instant,
  ExpandOptions,
  TaskOptions,
  AtOptions,
  OccurrencesOptions,
  CloseOptions,
  SkipDateOptions,
  Holidays,
  HolidayDay,
  HolidayCnYear,
  HolidayCoverage,
  TaskList,
  SyncAnswer,
  AgendaOptions,
  AgendaEntry,
  ReminderEntry,
} from "./dist/node/ticktick_recur.js";

/** The occurrence starts of a `repeatFlag`, ascending, in wire form (`ticktick-recur expand`). */
export function expand(flag: string, options: ExpandOptions): string[];

/**
 * The same occurrence starts as {@link expand}, as Unix milliseconds (what `Date.getTime()` gives),
 * without one string per occurrence: for callers that compute with the instants.
 */
export function expandMillis(flag: string, options: ExpandOptions): Float64Array;

/**
 * The dates a task moves to when its current occurrence is closed at `at`, or null when its series
 * ends there (`ticktick-recur next`).
 */
export function nextOccurrence(task: Task, options: AtOptions): TaskDates | null;

/** The occurrences of a task that start in `[from, to]`, at most `limit` (`ticktick-recur occurrences`). */
export function occurrences(task: Task, options: OccurrencesOptions): TaskDates[];

/** The batch body that completes the task's current occurrence (`ticktick-recur complete`). */
export function complete(task: Task, options: CloseOptions): BatchBody;

/** The batch body that marks the task's current occurrence as won't do (`ticktick-recur wont-do`). */
export function wontDo(task: Task, options: CloseOptions): BatchBody;

/** The batch body that skips the task's current occurrence (`ticktick-recur skip`). */
export function skip(task: Task, options: AtOptions): BatchBody;

/** The batch body that skips one future occurrence by its local date (`ticktick-recur skip-date`). */
export function skipDate(task: Task, options: SkipDateOptions): BatchBody;

/** The batch body that pins the task (`ticktick-recur pin`). */
export function pin(task: Task, options: AtOptions): BatchBody;

/** The batch body that unpins the task (`ticktick-recur unpin`). */
export function unpin(task: Task, options: AtOptions): BatchBody;

/**
 * Applies the server's answer to a batch: each task named in `id2etag` takes its new etag; the tasks
 * in `id2error` keep theirs and are reported in `errors`.
 */
export function applyResponse(tasks: Task[], response: BatchResponse): AppliedResponse;

/**
 * The years a holiday calendar (`"cn"`, `"none"` or a calendar, as the `holidays` option takes)
 * covers: the first and last (null for none) and each one. A day of another year is an ordinary day
 * (docs/BEHAVIOUR.md §7).
 */
export function holidayCoverage(holidays: Holidays): HolidayCoverage;

/**
 * Every occurrence of every task that starts in `[from, to]`, ordered by start, then by the task's
 * position in the list; the first `limit` (default 10,000) of the whole list (`ticktick-recur
 * agenda`, docs/BEHAVIOUR.md §8). One task that cannot be read or expanded throws an error naming
 * its position and id; nothing is returned in part.
 */
export function agenda(tasks: TaskList, options: AgendaOptions): AgendaEntry[];

/**
 * Every reminder that fires in `[from, to]`: each trigger of each occurrence of an open task,
 * snoozed reminders (`remindTime`) and checklist items with their own `startDate`, ordered by fire
 * time, then by the task's position in the list; the first `limit` (default 10,000) of the whole
 * list (`ticktick-recur reminders`, docs/BEHAVIOUR.md §8).
 */
export function reminders(tasks: TaskList, options: AgendaOptions): ReminderEntry[];
