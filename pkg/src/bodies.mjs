// Batch bodies rebuilt from the recipes Node's module gives (bindings/wasm/src/recipe.rs): the members
// a body keeps from the task are copied from the object the caller passed, by a function compiled
// once per shape of body (`builder`), and the new values are read from the module's compact JSON
// (`values`). With the copy of a member as JSON makes it (`copy`) and the compiling of code from
// strings, which a process may refuse (`codegen`). Used by src/wrap.mjs; the build writes a CommonJS
// copy (dist/bodies.cjs).

import { hasOwn, omitted } from "./tape.mjs";

const datePrototype = Date.prototype;

/** The functions whose answer is a batch body, which Node's module can give as a recipe. */
export const BODIES = ["complete", "wontDo", "skip", "skipDate", "pin", "unpin"];

/**
 * Whether the process allows code generation from strings (`new Function`): `allowed` is false for
 * good once it refused (`--disallow-code-generation-from-strings`, a content security policy), and
 * batch bodies then come as JSON text.
 */
export const codegen = { allowed: true };

/**
 * The function `new Function(...params, body)` returns when called, or undefined when it cannot be
 * compiled (and, when the process refuses code generation, `codegen.allowed` becomes false).
 */
export function compile(params, body, ...args) {
  try {
    return new Function(...params, body)(...args);
  } catch (error) {
    if (error instanceof EvalError) codegen.allowed = false;
    return undefined;
  }
}

/**
 * The batch body of `recipe`, the answer of the module's `taskRecipeBytes` (bindings/wasm/src/recipe.rs):
 * the number of the body's shape, the shape itself when the module gives it for the first time, and
 * the body's new values. The members the body keeps from `task` are copied from it by the shape's
 * builder, compiled once and kept in `builders` under the shape's number. The module numbers at most
 * a few hundred shapes, and gives a number with its shape before using it alone (again after it
 * starts afresh, or after the instance is replaced): a builder is replaced whenever its number comes
 * with a shape. Undefined when no builder can express the shape, or code generation is refused: the
 * answer is then to be asked as JSON text.
 */
export function rebuild(builders, task, recipe) {
  // "=": a shape given with its number.
  const given = recipe.charCodeAt(0) === 61;
  let at = given ? 1 : 0;
  let number = 0;
  for (let code; (code = recipe.charCodeAt(at)) !== 10; at++) number = 10 * number + code - 48;
  at++;
  if (given) {
    const cut = recipe.indexOf("\n", at);
    builders[number] = builder(recipe.slice(at, cut));
    at = cut + 1;
  }
  const build = builders[number];
  return typeof build === "function" ? build(task, values(recipe, at)) : undefined;
}

/**
 * The array of new values at `at` in a recipe, JSON text the module wrote: compact, integers only.
 * Read here when no string in it holds an escape (the text has no backslash), at half the cost of
 * JSON.parse in Node 20 (no checks the module's own writing makes needless); anything else this
 * reader does not expect, by JSON.parse.
 */
function values(recipe, at) {
  if (recipe.indexOf("\\", at) === -1) {
    reading.text = recipe;
    reading.at = at;
    const value = read(reading);
    if (value !== UNEXPECTED && reading.at === recipe.length) return value;
  }
  return JSON.parse(recipe.slice(at));
}

/** What `read` gives for text it leaves to JSON.parse. */
const UNEXPECTED = Symbol("unexpected");
/** Where `read` is: the text, and the place of the next value. */
const reading = { text: "", at: 0 };

/**
 * The value at `reading.at` of JSON text without escapes or whitespace, whose numbers are
 * integers; `reading.at` moves past it. UNEXPECTED for anything else (a fraction, an exponent, an
 * integer of more than 15 digits, a member named `__proto__`), which JSON.parse then reads.
 */
function read(reading) {
  const text = reading.text;
  let at = reading.at;
  const code = text.charCodeAt(at);
  switch (code) {
    case 34: {
      const end = text.indexOf('"', at + 1);
      if (end === -1) return UNEXPECTED;
      reading.at = end + 1;
      return text.slice(at + 1, end);
    }
    case 91: {
      const out = [];
      reading.at = at + 1;
      if (text.charCodeAt(at + 1) === 93) {
        reading.at = at + 2;
        return out;
      }
      for (;;) {
        const item = read(reading);
        if (item === UNEXPECTED) return UNEXPECTED;
        out.push(item);
        const next = text.charCodeAt(reading.at++);
        if (next === 93) return out;
        if (next !== 44) return UNEXPECTED;
      }
    }
    case 123: {
      const out = {};
      if (text.charCodeAt(at + 1) === 125) {
        reading.at = at + 2;
        return out;
      }
      at++;
      for (;;) {
        if (text.charCodeAt(at) !== 34) return UNEXPECTED;
        const end = text.indexOf('"', at + 1);
        const name = text.slice(at + 1, end);
        if (end === -1 || name === "__proto__" || text.charCodeAt(end + 1) !== 58) return UNEXPECTED;
        reading.at = end + 2;
        const member = read(reading);
        if (member === UNEXPECTED) return UNEXPECTED;
        out[name] = member;
        const next = text.charCodeAt(reading.at++);
        if (next === 125) return out;
        if (next !== 44) return UNEXPECTED;
        at = reading.at;
      }
    }
    case 110:
      reading.at = at + 4;
      return text.startsWith("null", at) ? null : UNEXPECTED;
    case 116:
      reading.at = at + 4;
      return text.startsWith("true", at) ? true : UNEXPECTED;
    case 102:
      reading.at = at + 5;
      return text.startsWith("false", at) ? false : UNEXPECTED;
    default: {
      const negative = code === 45;
      const start = negative ? at + 1 : at;
      let number = 0;
      let end = start;
      for (let digit; (digit = text.charCodeAt(end) - 48) >= 0 && digit <= 9; end++) number = 10 * number + digit;
      const next = text.charCodeAt(end);
      // No digits, a fraction or an exponent, a leading zero, digits past exact sums of doubles.
      if (end === start || next === 46 || next === 101 || next === 69 || end - start > 15 ||
          (text.charCodeAt(start) === 48 && end - start > 1)) {
        return UNEXPECTED;
      }
      reading.at = end;
      return negative ? -number : number;
    }
  }
}

/**
 * The builder of a body's shape, or null when an object literal cannot express it: a member named
 * `__proto__` (which a literal takes for the object's prototype). Names are written JSON-quoted.
 * The builder takes the task and the array of new values, and copies a kept member with `copy`
 * (a primitive in line).
 */
function builder(shape) {
  let next = 0;
  const task = (members) => {
    const parts = [];
    for (const member of members) {
      if (typeof member !== "string") return null;
      const name = member.slice(1);
      if (name === "__proto__") return null;
      const key = JSON.stringify(name);
      // A kept primitive is copied in line (-0 as 0), an object or array by `copy`.
      if (member[0] === "=") parts.push(`${key}:typeof(x=t[${key}])==="object"&&x!==null?c(x):x===0?0:x`);
      else if (member[0] === "+") parts.push(`${key}:v[${next++}]`);
      else return null;
    }
    return `{${parts.join(",")}}`;
  };
  const lists = JSON.parse(shape);
  if (lists.length !== 2) return null;
  const [add, update] = lists.map((tasks) => tasks.map(task));
  if (add.includes(null) || update.includes(null)) return null;
  const source = `return (t,v)=>{let x;return {"add":[${add.join(",")}],"update":[${update.join(",")}],` +
    `"delete":v[${next}],"addAttachments":v[${next + 1}],"updateAttachments":v[${next + 2}],` +
    `"deleteAttachments":v[${next + 3}]}}`;
  return compile(["c"], source, copy) ?? null;
}

const defineProperty = Object.defineProperty;

/**
 * A copy of a member of a task the fast way takes (`plain`) as `JSON.parse(JSON.stringify(value))`
 * gives it: a Date becomes its toJSON string, members JSON leaves out (undefined, functions,
 * symbols) are left out of objects and become null in arrays, as do holes, -0 becomes 0, and only
 * own enumerable names are copied.
 */
function copy(value) {
  if (typeof value !== "object") return value === 0 ? 0 : value;
  if (value === null) return null;
  if (Array.isArray(value)) {
    const out = [];
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      out.push(omitted(item) ? null : copy(item));
    }
    return out;
  }
  if (Object.getPrototypeOf(value) === datePrototype) return value.toJSON();
  const out = {};
  for (const name in value) {
    if (!hasOwn(value, name)) continue;
    const member = value[name];
    if (omitted(member)) continue;
    // A member of this name is the object's own, as JSON.parse makes it.
    if (name === "__proto__") {
      defineProperty(out, name, { value: copy(member), writable: true, enumerable: true, configurable: true });
    } else {
      out[name] = copy(member);
    }
  }
  return out;
}
