// The JavaScript around the wasm-bindgen glue, one per loaded instance of the module.
//
// - Each export of the bindings returns its result, or the Error to throw for bad input
//   (bindings/wasm/src/lib.rs). The wrapper throws that error, with a stack trace that starts at the
//   caller.
// - An export that throws instead was interrupted half-way (a trap, a panic, a stack overflow): the
//   instance's memory may be mid-change, so it is replaced by a fresh instance of the same compiled
//   module before the error is passed on. The next call works as if nothing happened.
//
// The build writes a CommonJS copy of this file (dist/wrap.cjs) for the require() entry.

/** The functions of the API (CONTRACT.md section 2). */
export const API = [
  "expand",
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
];

/**
 * The API over one instance of the glue; `__forceTrapForTesting` is a test hook, not part of the API.
 */
export function wrap(glue) {
  const api = {};
  for (const name of [...API, "__forceTrapForTesting"]) {
    const call = glue[name];
    const wrapped = {
      [name](first, second) {
        let result;
        try {
          result = call(first, second);
        } catch (e) {
          glue.__wbg_reset_state();
          if (e instanceof WebAssembly.RuntimeError) {
            throw new Error(`internal error: ${e.message}`, { cause: e });
          }
          throw e;
        }
        if (result instanceof Error) {
          Error.captureStackTrace?.(result, wrapped);
          throw result;
        }
        return result;
      },
    }[name];
    api[name] = wrapped;
  }
  return api;
}
