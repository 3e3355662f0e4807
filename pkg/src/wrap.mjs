// The package's API over one instance of the wasm-bindgen glue (bindings/wasm/src/lib.rs).
//
// - Each function takes one of two ways into the module. The fast way, for plain values (what a
//   user nearly always passes): the options one by one as strings, numbers and booleans, tasks as
//   their JSON.stringify text read by the core's text reader (Node's module) or as a tape of
//   numbers and one text (the browsers' module, where that reader would not fit the size budget;
//   src/tape.mjs). In Node's module the fast way writes its texts into a buffer the module keeps
//   (the scratch, bindings/wasm/src/bytes.rs) instead of passing strings: `expand`'s flag and
//   string options (`expandBytes`, whose answer is read back from the scratch) and a task's JSON
//   text (`taskBytes`), or, for a batch body, the task's values on a tape written in place in the
//   module's memory once the module keeps the member names of its shape (`taskShape`,
//   `valuesTape`). The exact way, for anything else: the option object and the task as
//   they are, read by the module as JSON.stringify reads them, so that what JSON cannot hold (a
//   cycle, NaN, a BigInt) or an option of the wrong type gets the module's own message. Both ways
//   read options with the same code in the module; this file only chooses the way, and never
//   writes a message of its own.
// - Results come back as text (JSON, or expand's instants back to back, see instants()) or a
//   Float64Array, or as the Error to throw for bad input, which is thrown here with a stack trace
//   that starts at the caller. In Node's module, batch bodies taken the fast way come back as a
//   recipe instead (`rebuild`, src/bodies.mjs): the members kept from the task are copied from the
//   object the caller passed, by a function compiled once per shape of body, and only the new
//   values are read.
// - A call that throws instead was interrupted half-way (a trap, a panic, a stack overflow): the
//   instance's memory may be mid-change, so it is replaced by a fresh instance of the same compiled
//   module before the error is passed on. The next call works as if nothing happened.
//
// The build writes a CommonJS copy of this file (dist/wrap.cjs, and dist/bodies.cjs of
// src/bodies.mjs) for the require() entry.

import { BODIES, codegen, compile, rebuild } from "./bodies.mjs";
import { hasOwn, omitted, plain, record, writeValues } from "./tape.mjs";

/** The functions of the API (SURFACES.md §2). */
export const API = [
  "expand",
  "expandMillis",
  "nextOccurrence",
  "occurrences",
  "complete",
  "wontDo",
  "skip",
  "skipDate",
  "pin",
  "unpin",
  "applyResponse",
  "holidayCoverage",
  "agenda",
  "reminders",
];

/** A value the fast way cannot pass: the call takes the exact way. */
const EXACT = Symbol("exact");

/** An option taking a string (an instant, a date, a zone, an id seed): the string, or undefined. */
function text(value) {
  if (value === undefined || value === null || typeof value === "string") return value ?? undefined;
  // A Date, read as JSON.stringify reads it: its toJSON gives the ISO string (null when invalid).
  if (typeof value === "object" && typeof value.toJSON === "function") {
    const json = value.toJSON();
    if (json === undefined || json === null || typeof json === "string") return json ?? undefined;
  }
  return EXACT;
}

/** A count such as `limit`, which the module holds in 32 bits. */
function count(value) {
  if (value === undefined || value === null) return undefined;
  return Number.isInteger(value) && value >= 0 && value <= 0xffffffff ? value : EXACT;
}

function userId(value) {
  if (value === undefined || value === null) return undefined;
  return Number.isSafeInteger(value) && value >= 0 ? value : EXACT;
}

function boolean(value) {
  if (value === undefined || value === null) return undefined;
  return typeof value === "boolean" ? value : EXACT;
}

/** A list of strings (exDates). */
function strings(value) {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || typeof value.toJSON === "function") return EXACT;
  for (let i = 0; i < value.length; i++) if (typeof value[i] !== "string") return EXACT;
  return value;
}

/** Whether `options` is an object the fast way can read (its values are checked one by one). */
const plainOptions = (options) =>
  typeof options === "object" && options !== null && !Array.isArray(options) && typeof options.toJSON !== "function";

/**
 * `expand` or `expandMillis` the fast way, or EXACT when it cannot take the options: not a plain
 * object, an option `expand` does not take, or a value of another type.
 */
function expandFast(glue, scratch, flag, options, millis) {
  if (typeof flag !== "string" || !plainOptions(options)) return EXACT;
  let start, timeZone, allDay, after, until, limit, exDates;
  // Its own enumerable names, as Object.keys gives them: a for-in loop reads values faster (V8
  // caches where each is); an inherited name sends the call the exact way.
  for (const name in options) {
    if (!hasOwn(options, name)) return EXACT;
    const value = options[name];
    switch (name) {
      case "start": start = text(value); break;
      case "timeZone": timeZone = text(value); break;
      case "allDay": allDay = boolean(value); break;
      case "after": after = text(value); break;
      case "until": until = text(value); break;
      case "limit": limit = count(value); break;
      case "exDates": exDates = strings(value); break;
      // A holiday calendar is read the exact way.
      default: return EXACT;
    }
  }
  if (start === EXACT || timeZone === EXACT || allDay === EXACT || after === EXACT || until === EXACT ||
      limit === EXACT || exDates === EXACT) {
    return EXACT;
  }
  if (scratch !== undefined && !millis && exDates === undefined) {
    const text = expandBytes(glue, scratch, flag, start, timeZone, after, until, allDay, limit);
    if (text !== undefined) return text;
  }
  return glue.expandFast(flag, start, timeZone, allDay, after, until, limit, exDates, millis);
}

/** How many times an instance was replaced (`recover`): a scratch's view from before is stale. */
let resets = 0;

/** What `expandBytes` marks an option not given with (bindings/wasm/src/bytes.rs). */
const ABSENT = 0xffffffff;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Writes `value` (a string or undefined) into `memory` at `at` as UTF-8, as wasm-bindgen writes
 * strings (a lone surrogate becomes U+FFFD): its length in bytes, or ABSENT when undefined. `memory`
 * has room for three bytes per character.
 */
function put(memory, at, value) {
  if (value === undefined) return ABSENT;
  const length = value.length;
  for (let i = 0; i < length; i++) {
    const code = value.charCodeAt(i);
    if (code > 0x7f) {
      const { written } = encoder.encodeInto(value.slice(i), memory.subarray(at + i, at + 3 * length));
      return i + written;
    }
    memory[at + i] = code;
  }
  return length;
}

/**
 * A view of `buffer`: a Node Buffer where there is one (it has `utf8Write` and `latin1Slice`), else a
 * Uint8Array.
 */
const memoryView = typeof Buffer === "function" && typeof Buffer.from === "function"
  ? (buffer) => Buffer.from(buffer)
  : (buffer) => new Uint8Array(buffer);

/**
 * A view of the module's memory where the scratch (`scratch.at`) has at least `bytes` bytes, made so
 * first when needed (bindings/wasm/src/bytes.rs).
 */
function room(glue, scratch, bytes) {
  if (scratch.resets !== resets || scratch.room < bytes) {
    // At least a kilobyte, and twice what the last call found too small.
    const room = Math.max(bytes, 2 * scratch.room, 1024);
    scratch.memory = glue.scratchMemory();
    scratch.at = glue.scratch(room);
    scratch.room = room;
    scratch.resets = resets;
    scratch.view = memoryView(scratch.memory.buffer);
  }
  // A view of memory that has grown since is detached.
  if (scratch.view.byteLength === 0) scratch.view = memoryView(scratch.memory.buffer);
  return scratch.view;
}

/**
 * Writes `text` at the start of the scratch as UTF-8 in one call (the JSON text of tasks,
 * without lone surrogates: see `jsonText`): its length in bytes.
 */
function putText(glue, scratch, text) {
  const view = room(glue, scratch, 3 * text.length);
  if (view.utf8Write !== undefined) return view.utf8Write(text, scratch.at, 3 * text.length);
  return encoder.encodeInto(text, view.subarray(scratch.at, scratch.at + 3 * text.length)).written;
}

/** The bytes of an ASCII string in the scratch, or ABSENT for undefined. */
const bytes = (value) => (value === undefined ? ABSENT : value.length);

/**
 * `expand` the byte form (bindings/wasm/src/bytes.rs, in Node's module): the strings written into
 * the module's scratch, the answer read from it. The text of the answer, or undefined when the
 * string form is to answer (a failure, or a call the fast way leaves to the exact way).
 */
function expandBytes(glue, scratch, flag, start, timeZone, after, until, allDay, limit) {
  const all = flag + (start ?? "") + (timeZone ?? "") + (after ?? "") + (until ?? "");
  // Room for the strings, and for the answer of up to a few thousand instants.
  let view = room(glue, scratch, Math.max(3 * all.length, WIRE * Math.min(limit ?? 100, 4096)));
  let f, s, z, a, u;
  // Node's Buffer writes the strings in one call (`utf8Write`, what `write` calls once it has checked
  // its arguments); as many bytes as characters means all ASCII.
  if (view.utf8Write !== undefined && view.utf8Write(all, scratch.at) === all.length) {
    f = flag.length;
    s = bytes(start);
    z = bytes(timeZone);
    a = bytes(after);
    u = bytes(until);
  } else {
    let at = scratch.at;
    f = put(view, at, flag);
    s = put(view, (at += f), start);
    z = put(view, (at += s === ABSENT ? 0 : s), timeZone);
    a = put(view, (at += z === ABSENT ? 0 : z), after);
    u = put(view, at + (a === ABSENT ? 0 : a), until);
  }
  const length = scratch.expandBytes(f, s, z, a, u, allDay, limit);
  if (length === -1) return undefined;
  if (length === -2) return scratch.expandOutput();
  view = scratch.view;
  if (view.byteLength === 0) view = scratch.view = memoryView(scratch.memory.buffer);
  // ASCII: Latin-1 reads it as UTF-8 does, and Node's Buffer reads Latin-1 fastest.
  return view.latin1Slice !== undefined ? view.latin1Slice(scratch.at, scratch.at + length)
    : decoder.decode(view.subarray(scratch.at, scratch.at + length));
}

/** Characters of an instant in wire form whose year has four digits (bindings/wasm/src/wire.rs). */
const WIRE = 28;

/**
 * `expand`'s instants from the module's text: back to back, WIRE characters each, or lines when an
 * instant's year has not four digits. Cutting at fixed offsets costs a third of a split.
 */
function instants(text) {
  if (text.includes("\n")) return text.split("\n");
  const count = text.length / WIRE;
  // One instant of another width, alone.
  if (!Number.isInteger(count)) return [text];
  const out = new Array(count);
  for (let i = 0; i < count; i++) out[i] = text.slice(i * WIRE, i * WIRE + WIRE);
  return out;
}

/** The options of the functions taking a task. */
const TASK_OPTIONS = {
  nextOccurrence: ["at", "defaultTimeZone", "holidays"],
  occurrences: ["from", "to", "limit", "defaultTimeZone", "holidays"],
  complete: ["at", "userId", "idSeed", "defaultTimeZone", "holidays"],
  wontDo: ["at", "userId", "idSeed", "defaultTimeZone", "holidays"],
  skip: ["at", "defaultTimeZone", "holidays"],
  skipDate: ["date", "at", "defaultTimeZone", "holidays"],
  pin: ["at", "defaultTimeZone"],
  unpin: ["at", "defaultTimeZone"],
};

/**
 * A function taking a task, the fast way (`call` of the module's TaskCall, `known` its options, `body`
 * whether it gives a batch body), or EXACT when it cannot take the options or the task. Undefined when
 * the module cannot read the tape. A batch body may come back built (see `rebuild`), other answers
 * as JSON text.
 */
function taskFast(glue, scratch, call, known, body, task, options) {
  if (!plainOptions(options) || !isPlainObject(task)) return EXACT;
  let at, from, to, limit, id, idSeed, date, defaultTimeZone;
  // As in `expandFast`: own names only, read by a for-in loop.
  for (const name in options) {
    if (!hasOwn(options, name) || !known.includes(name)) return EXACT;
    const value = options[name];
    switch (name) {
      case "at": at = text(value); break;
      case "from": from = text(value); break;
      case "to": to = text(value); break;
      case "limit": limit = count(value); break;
      case "userId": id = userId(value); break;
      case "idSeed": idSeed = text(value); break;
      case "date": date = text(value); break;
      // A holiday calendar is read the exact way.
      case "holidays": return EXACT;
      default: defaultTimeZone = text(value);
    }
  }
  if (at === EXACT || from === EXACT || to === EXACT || limit === EXACT || id === EXACT || idSeed === EXACT ||
      date === EXACT || defaultTimeZone === EXACT) {
    return EXACT;
  }
  // Node's module, which reads JSON text: the task through the scratch.
  if (scratch !== undefined) {
    // A batch body as a recipe, the task as the tape of its values when the module keeps its member
    // names (and the tape takes them), else as its JSON text.
    const shape = body && codegen.allowed ? taskShape(glue, scratch, task) : undefined;
    const taped = shape !== undefined && writeValues(shape.values(task), valuesTape(scratch));
    if (taped) {
      const { text } = scratch.tape;
      const built = recipeBytes(glue, scratch, call, task, text, shape.slot, at, id, idSeed, date, defaultTimeZone);
      if (built !== undefined) return built;
    }
    if (!plain(task, 0)) return EXACT;
    const json = stringified(task);
    if (json === undefined) return EXACT;
    if (body && codegen.allowed && !taped) {
      const built = recipeBytes(glue, scratch, call, task, json, -1, at, id, idSeed, date, defaultTimeZone);
      if (built !== undefined) return built;
    }
    // The module leaves the answer to the JSON text form (a failure), or the builders cannot
    // express the shape.
    const length = putText(glue, scratch, json);
    return scratch.taskBytes(call, length, at, from, to, limit, id, idSeed, date, defaultTimeZone);
  }
  const tape = [];
  const texts = [];
  if (!record(task, 0, tape, texts)) return EXACT;
  return glue.taskFast(call, tape, texts.join(""), at, from, to, limit, id, idSeed, date, defaultTimeZone);
}

/**
 * The tape on which `writeValues` (src/tape.mjs) writes a task's values in place in the module's
 * memory (`valuesTape`, bindings/wasm/src/bytes.rs), its numbers made current first, at the length
 * last asked: of this instance, and not detached by the memory's growth.
 */
function valuesTape(scratch) {
  const tape = scratch.tape;
  if (tape.resets !== resets || tape.numbers.length === 0) {
    tape.resets = resets;
    tape.numbers = tape.grow(tape.room);
  }
  return tape;
}

/** How many shapes of tasks the module keeps the member names of (bindings/wasm/src/bytes.rs). */
const SHAPES = 16;

/**
 * The shape of `task` whose member names the module keeps (`taskNames`, bindings/wasm/src/bytes.rs),
 * given to it first when new: `{names, slot, values}`, `values` giving the task's values in the
 * order of its names. A task of a shape goes into the module as its values on a tape (`writeValues`,
 * src/tape.mjs), without its members' names, which the module reads from the names it keeps.
 * Undefined for a task whose values JSON.stringify would not write as its members (an inherited
 * enumerable name, a member JSON leaves out) or that has a member named `__proto__`, which go as
 * JSON text; and when code generation is refused. The shapes are the last SHAPES seen, each in the
 * module's slot of its index.
 */
function taskShape(glue, scratch, task) {
  const shapes = scratch.shapes;
  if (scratch.shapesResets !== resets) {
    // A new instance keeps no names.
    shapes.length = 0;
    scratch.shapesResets = resets;
  }
  for (let s = 0; s < shapes.length; s++) {
    const names = shapes[s].names;
    let i = 0;
    for (const name in task) {
      if (name !== names[i]) {
        i = -1;
        break;
      }
      i++;
    }
    if (i === names.length) return shapes[s];
  }
  const names = [];
  for (const name in task) {
    if (!hasOwn(task, name) || omitted(task[name]) || name === "__proto__") return undefined;
    names.push(name);
  }
  const values = compile([], `return (t)=>[${names.map((name) => `t[${JSON.stringify(name)}]`).join(",")}]`);
  if (values === undefined) return undefined;
  const slot = shapes.length < SHAPES ? shapes.length : scratch.shapesNext++ % SHAPES;
  const length = putText(glue, scratch, JSON.stringify(names));
  if (!scratch.taskNames(slot, length)) return undefined;
  return (shapes[slot] = { names, slot, values });
}

/**
 * A function giving a batch body, the byte form (`taskRecipeBytes`, bindings/wasm/src/bytes.rs):
 * the task's text and the string options written into the scratch back to back, the body rebuilt
 * from the recipe the module writes there (see `rebuild`). When `names` is the slot of the task's
 * shape (see `taskShape`), the task is its values on the scratch's tape (see `valuesTape`) and
 * `text` the tape's strings; else (-1) `text` is the task's JSON text. Undefined when the module
 * leaves the answer to the JSON text form, or no builder can express the shape.
 */
function recipeBytes(glue, scratch, call, task, text, names, at, id, idSeed, date, defaultTimeZone) {
  const options = (at?.length ?? 0) + (idSeed?.length ?? 0) + (date?.length ?? 0) + (defaultTimeZone?.length ?? 0);
  const numbers = names === -1 ? 0 : scratch.tape.length;
  let view = room(glue, scratch, 3 * (text.length + options));
  let end = scratch.at;
  const t = view.utf8Write !== undefined ? view.utf8Write(text, end, 3 * text.length)
    : encoder.encodeInto(text, view.subarray(end, end + 3 * text.length)).written;
  const a = put(view, (end += t), at);
  const s = put(view, (end += a === ABSENT ? 0 : a), idSeed);
  const d = put(view, (end += s === ABSENT ? 0 : s), date);
  const z = put(view, end + (d === ABSENT ? 0 : d), defaultTimeZone);
  const length = scratch.taskRecipeBytes(call, names, t, numbers, a, id, s, d, z);
  if (length === -1) return undefined;
  // The module grew the scratch for a longer recipe: its address is asked again.
  if (length > scratch.room) scratch.room = 0;
  view = room(glue, scratch, length);
  return rebuild(scratch.builders, task, view.utf8Slice !== undefined
    ? view.utf8Slice(scratch.at, scratch.at + length)
    : decoder.decode(view.subarray(scratch.at, scratch.at + length)));
}

/**
 * `agenda` or `reminders` the fast way (`call` of the module's ListCall), or EXACT when it cannot
 * take the options or the list. Undefined when the module leaves the answer to the exact way (a
 * missing option, a tape it cannot read).
 */
function listFast(glue, call, tasks, options) {
  if (!plainOptions(options) || typeof tasks !== "object" || tasks === null) return EXACT;
  let from, to, limit, defaultTimeZone, holidays;
  for (const name of Object.keys(options)) {
    const value = options[name];
    switch (name) {
      case "from": from = text(value); break;
      case "to": to = text(value); break;
      case "limit": limit = count(value); break;
      case "defaultTimeZone": defaultTimeZone = text(value); break;
      // A calendar is passed as it is, and read by the module as the exact way reads it.
      case "holidays":
        if (value !== undefined && value !== null && typeof value !== "string" && !Array.isArray(value) &&
            !isPlainObject(value)) {
          return EXACT;
        }
        holidays = value;
        break;
      default: return EXACT;
    }
  }
  if (from === EXACT || to === EXACT || limit === EXACT || defaultTimeZone === EXACT) return EXACT;
  if (glue.listText) {
    const list = listed(tasks);
    const json = list === undefined ? undefined : jsonText(list);
    if (json === undefined) return EXACT;
    return glue.listText(call, json, from, to, limit, defaultTimeZone, holidays);
  }
  const tape = [];
  const texts = [];
  if (!record(tasks, 0, tape, texts)) return EXACT;
  return glue.listFast(call, tape, texts.join(""), from, to, limit, defaultTimeZone, holidays);
}

const objectPrototype = Object.prototype;

/**
 * The tasks of a list in one of its three forms (an array, one task, a sync answer whose
 * `syncTaskBean.update` is the array) as an array, for the JSON-text form; undefined when the exact
 * way must read the list, or a value of the list that is not `plain` (which the exact way would read,
 * and might refuse, even outside the tasks).
 */
function listed(tasks) {
  if (Array.isArray(tasks)) return tasks;
  if (!plain(tasks, 0)) return undefined;
  const bean = tasks.syncTaskBean;
  if (bean === undefined || bean === null) return [tasks];
  const update = isPlainObject(bean) ? bean.update : undefined;
  return Array.isArray(update) ? update : undefined;
}

/**
 * The JSON text of `value` for the JSON-text form, or undefined when the exact way must read it:
 * `value` is not `plain`, or see `stringified`.
 */
function jsonText(value) {
  if (value === undefined || !plain(value, 0)) return undefined;
  return stringified(value);
}

/**
 * The JSON text of a `plain` value, or undefined when a string holds a lone surrogate, which
 * JSON.stringify writes as an escape (`\udc00`) that the core refuses, where the exact way reads
 * U+FFFD as every string passed to the module. A backslash followed by "ud" in a string also sends
 * the call the exact way.
 */
function stringified(value) {
  const text = JSON.stringify(value);
  return text.includes("\\ud") ? undefined : text;
}

/**
 * The error to pass on when a call into `glue` threw instead of returning (a trap, a panic): the
 * instance is replaced first.
 */
function recover(glue, error) {
  glue.__wbg_reset_state();
  resets++;
  if (error instanceof WebAssembly.RuntimeError) {
    return new Error(`internal error: ${error.message}`, { cause: error });
  }
  return error;
}

/** A result of the module, or the error it gives thrown with a stack trace that starts above `api`. */
function result(value, api) {
  if (value instanceof Error) {
    Error.captureStackTrace?.(value, api);
    throw value;
  }
  return value;
}

const isPlainObject = (value) =>
  typeof value === "object" && value !== null && Object.getPrototypeOf(value) === objectPrototype;

/** Whether every element of an array, holes included, is a plain object. */
function plainObjects(list) {
  for (let i = 0; i < list.length; i++) if (!isPlainObject(list[i])) return false;
  return true;
}

/** The API over one instance of the glue. */
export function wrap(glue) {
  /** The byte form's scratch in the module's memory, when the module has that form. */
  const scratch = glue.expandBytes
    ? {
        resets: -1, room: 0, memory: undefined, at: 0, view: undefined,
        // The module's functions, looked up once (the glue's exports are many).
        expandBytes: glue.expandBytes, expandOutput: glue.expandOutput, taskBytes: glue.taskBytes,
        // Batch bodies' builders by the number of their shape (see `rebuild`).
        taskRecipeBytes: glue.taskRecipeBytes, builders: [],
        // Shapes of tasks whose member names the module keeps (see `taskShape`).
        taskNames: glue.taskNames, shapes: [], shapesNext: 0, shapesResets: -1,
        // The tape of their values (see `valuesTape`).
        tape: {
          numbers: new Float64Array(0), length: 0, text: "", resets: -1, room: 256,
          grow(length) {
            this.room = length;
            return new Float64Array(glue.scratchMemory().buffer, glue.valuesTape(length), length);
          },
        },
      }
    : undefined;
  /** A call into the module, the fast way when it can take the arguments, else the exact way. */
  function expand(flag, options, millis) {
    try {
      const value = expandFast(glue, scratch, flag, options, millis);
      // Undefined when the fast way leaves the answer to the exact way (a missing option).
      return value === EXACT || value === undefined ? glue.expandValues(flag, options, millis) : value;
    } catch (error) {
      throw recover(glue, error);
    }
  }

  /** A function taking a task; its result parsed from JSON, or a batch body built from its recipe. */
  function taskFunction(name) {
    const call = glue.TaskCall[name[0].toUpperCase() + name.slice(1)];
    const known = TASK_OPTIONS[name];
    const body = scratch !== undefined && scratch.taskRecipeBytes !== undefined && BODIES.includes(name);
    const api = {
      [name](task, options) {
        let value;
        try {
          value = taskFast(glue, scratch, call, known, body, task, options);
          // Undefined when the fast way leaves the answer to the exact way (a missing option, a tape
          // the module cannot read).
          if (value === EXACT || value === undefined) value = glue.taskValues(call, task, options);
        } catch (error) {
          throw recover(glue, error);
        }
        value = result(value, api[name]);
        return typeof value === "string" ? JSON.parse(value) : value;
      },
    };
    return api[name];
  }

  /** `agenda` or `reminders`; its result parsed from JSON. */
  function listFunction(name) {
    const call = glue.ListCall[name[0].toUpperCase() + name.slice(1)];
    const api = {
      [name](tasks, options) {
        let value;
        try {
          value = listFast(glue, call, tasks, options);
          if (value === EXACT || value === undefined) value = glue.listValues(call, tasks, options);
        } catch (error) {
          throw recover(glue, error);
        }
        return JSON.parse(result(value, api[name]));
      },
    };
    return api[name];
  }

  const api = {
    expand(flag, options) {
      return instants(result(expand(flag, options, false), api.expand));
    },
    expandMillis(flag, options) {
      return result(expand(flag, options, true), api.expandMillis);
    },
    holidayCoverage(holidays) {
      let value;
      try {
        value = glue.holidayCoverage(holidays);
      } catch (error) {
        throw recover(glue, error);
      }
      return JSON.parse(result(value, api.holidayCoverage));
    },
    applyResponse(tasks, response) {
      let value;
      try {
        if (glue.applyResponseText) {
          // The response is read as the exact way reads it.
          const text = Array.isArray(tasks) && plainObjects(tasks) ? jsonText(tasks) : undefined;
          if (text !== undefined) value = glue.applyResponseText(text, response);
        } else {
          const tape = [5, 2];
          const texts = [];
          if (Array.isArray(tasks) && isPlainObject(response) && plainObjects(tasks) &&
              record(tasks, 1, tape, texts) && record(response, 1, tape, texts)) {
            value = glue.applyResponseFast(tape, texts.join(""));
          }
        }
        value ??= glue.applyResponseValues(tasks, response);
      } catch (error) {
        throw recover(glue, error);
      }
      return JSON.parse(result(value, api.applyResponse));
    },
  };
  for (const name of Object.keys(TASK_OPTIONS)) api[name] = taskFunction(name);
  for (const name of ["agenda", "reminders"]) api[name] = listFunction(name);
  return Object.fromEntries(API.map((name) => [name, api[name]]));
}

/**
 * Test hook, not part of the API (the package's entries do not export it): traps `glue`'s instance by
 * a panic (`"panic"`) or an `unreachable` instruction (anything else), and recovers as every function
 * of the API does.
 */
export function forceTrapForTesting(glue, kind) {
  try {
    glue.__forceTrapForTesting(kind);
  } catch (error) {
    throw recover(glue, error);
  }
}
