// The TypeScript declarations compile in a user's project (tsc --noEmit, strict), for ES modules and
// CommonJS under Node's resolution and for bundlers, and they are real types: the usage files'
// @ts-expect-error lines must be errors.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { pkg, scratch } from "./installed.mjs";

const tsc = join(pkg, "node_modules", "typescript", "bin", "tsc");
const project = join(scratch, "types");
cpSync(join(pkg, "test", "types"), project, { recursive: true });

for (const config of ["tsconfig.json", "tsconfig.bundler.json"]) {
  test(`tsc --noEmit -p ${config}`, () => {
    const run = spawnSync(process.execPath, [tsc, "--noEmit", "-p", join(project, config)], {
      cwd: project,
      encoding: "utf8",
    });
    assert.equal(run.status, 0, run.stdout + run.stderr);
  });
}
