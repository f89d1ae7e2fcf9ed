// A tiny stand-in for `vitest`, for the Windows-ABI tier (main/native/wine.test.ts): the binding tests
// are bundled with esbuild, `vitest` aliased to this file, and run by Windows node.exe under wine, where
// vitest itself does not run. It implements only what main/native/*.test.ts use: describe / it / test
// (with .each, .skip, .skipIf, .runIf), beforeAll / afterAll / beforeEach / afterEach and `expect` from
// @vitest/expect (the same matchers as vitest). `vi` is not provided: the binding tests do not use it.
//
// The bundle's entry imports the test file, then calls `run()`: tests run one after another, progress
// goes to stdout and the last line of stdout is a JSON summary
//   {"summary":{"passed":n,"failed":n,"skipped":n},"tests":[{"name","state","durationMs","error"?}],"errors":[...]}
// and the process exits with 1 when anything failed. stdout is written synchronously (under wine it is
// a file), so nothing is lost on exit.
import { writeSync } from 'node:fs';
import * as chai from 'chai';
import { ASYMMETRIC_MATCHERS_OBJECT, GLOBAL_EXPECT, JestAsymmetricMatchers, JestChaiExpect, JestExtend, setState } from '@vitest/expect';

chai.use(JestExtend);
chai.use(JestChaiExpect);
chai.use(JestAsymmetricMatchers);

/** vitest's `expect`, without the per-test bookkeeping (expect.assertions, soft assertions). */
export const expect = (value, message) => chai.expect(value, message);
Object.assign(expect, chai.expect);
Object.assign(expect, globalThis[ASYMMETRIC_MATCHERS_OBJECT]);
expect.extend = (matchers) => chai.expect.extend(expect, matchers);
globalThis[GLOBAL_EXPECT] = expect;
setState({ assertionCalls: 0, isExpectingAssertions: false, expectedAssertionsNumber: null, expand: false, testPath: '', currentTestName: '' }, expect);

/** Per-test and per-hook time limits; wine is slower than Linux, so they exceed vitest's 5 s / 10 s. */
const TEST_TIMEOUT = Number(process.env.HAKO_SHIM_TEST_TIMEOUT ?? 60_000);
const HOOK_TIMEOUT = Number(process.env.HAKO_SHIM_HOOK_TIMEOUT ?? 60_000);

function newSuite(name, parent, skip) {
  return { name, parent, skip, children: [], beforeAll: [], afterAll: [], beforeEach: [], afterEach: [] };
}

const root = newSuite('', null, false);
let current = root;

function fullName(suite, name) {
  const parts = [name];
  for (let s = suite; s && s !== root; s = s.parent) parts.unshift(s.name);
  return parts.join(' > ');
}

// ==== collection ================================================================================

function addSuite(name, fn, skip) {
  const suite = newSuite(String(name), current, skip || current.skip);
  current.children.push(suite);
  const parent = current;
  current = suite;
  try {
    const result = fn?.();
    if (result && typeof result.then === 'function') throw new Error(`describe("${name}") must not be async`);
  } finally {
    current = parent;
  }
}

function addTest(name, optionsOrFn, maybeFn, skip) {
  const fn = typeof optionsOrFn === 'function' ? optionsOrFn : maybeFn;
  const options = typeof optionsOrFn === 'object' && optionsOrFn !== null ? optionsOrFn : typeof maybeFn === 'number' ? { timeout: maybeFn } : {};
  current.children.push({ test: true, name: String(name), fn, timeout: options.timeout ?? TEST_TIMEOUT, skip: skip || current.skip || Boolean(options.skip) || !fn });
}

/** printf-style names of .each: %s %d %i %f %j %o %O %#, %% for a literal %. */
function formatName(template, args, index) {
  let next = 0;
  return template.replace(/%[sdifjoO#%]/g, (token) => {
    if (token === '%%') return '%';
    if (token === '%#') return String(index);
    if (next >= args.length) return token;
    const value = args[next++];
    if (token === '%d' || token === '%i') return String(Math.trunc(Number(value)));
    if (token === '%f') return String(Number(value));
    if (token === '%j' || token === '%o' || token === '%O') return JSON.stringify(value);
    return typeof value === 'string' ? value : String(value);
  });
}

function withEach(add) {
  return (cases) => (name, optionsOrFn, maybeFn) => {
    const fn = typeof optionsOrFn === 'function' ? optionsOrFn : maybeFn;
    const options = typeof optionsOrFn === 'function' ? undefined : optionsOrFn;
    Array.from(cases).forEach((item, index) => {
      const args = Array.isArray(item) ? item : [item];
      const bound = fn ? () => fn(...args) : undefined;
      add(formatName(String(name), args, index), options ?? bound, options ? bound : undefined);
    });
  };
}

function makeTest(skip) {
  const t = (name, optionsOrFn, maybeFn) => addTest(name, optionsOrFn, maybeFn, skip);
  t.each = withEach(t);
  return t;
}

function makeDescribe(skip) {
  const d = (name, optionsOrFn, maybeFn) => addSuite(name, typeof optionsOrFn === 'function' ? optionsOrFn : maybeFn, skip);
  d.each = withEach((name, optionsOrFn, maybeFn) => d(name, optionsOrFn, maybeFn));
  return d;
}

export const it = makeTest(false);
it.skip = makeTest(true);
it.skipIf = (condition) => makeTest(Boolean(condition));
it.runIf = (condition) => makeTest(!condition);
export const test = it;

export const describe = makeDescribe(false);
describe.skip = makeDescribe(true);
describe.skipIf = (condition) => makeDescribe(Boolean(condition));
describe.runIf = (condition) => makeDescribe(!condition);
export const suite = describe;

export const beforeAll = (fn, timeout = HOOK_TIMEOUT) => void current.beforeAll.push({ fn, timeout });
export const afterAll = (fn, timeout = HOOK_TIMEOUT) => void current.afterAll.push({ fn, timeout });
export const beforeEach = (fn, timeout = HOOK_TIMEOUT) => void current.beforeEach.push({ fn, timeout });
export const afterEach = (fn, timeout = HOOK_TIMEOUT) => void current.afterEach.push({ fn, timeout });

// ==== running ===================================================================================

const results = [];
/** Errors raised outside any test (unhandled rejections, failing beforeAll / afterAll). */
const errors = [];
let running = null;

function describeError(error) {
  if (error instanceof Error) {
    const text = { message: error.message, stack: error.stack };
    if (error.cause !== undefined) text.cause = String(error.cause instanceof Error ? error.cause.message : error.cause);
    return text;
  }
  return { message: String(error) };
}

function print(line) {
  writeSync(1, `${line}\n`);
}

process.on('unhandledRejection', (reason) => {
  if (running) running.errors.push(reason);
  else errors.push({ where: 'unhandled rejection', ...describeError(reason) });
});
process.on('uncaughtException', (error) => {
  if (running) running.errors.push(error);
  else errors.push({ where: 'uncaught exception', ...describeError(error) });
});

async function withTimeout(fn, ms, what) {
  let timer;
  const limit = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out in ${ms} ms`)), ms);
  });
  try {
    await Promise.race([Promise.resolve().then(fn), limit]);
  } finally {
    clearTimeout(timer);
  }
}

function hasRunnableTest(suite) {
  return suite.children.some((child) => (child.test ? !child.skip : hasRunnableTest(child)));
}

function chain(suite, kind) {
  const hooks = [];
  for (let s = suite; s; s = s.parent) hooks.unshift(...s[kind]);
  return hooks;
}

async function runTest(suite, test) {
  const name = fullName(suite, test.name);
  if (test.skip) {
    results.push({ name, state: 'skip', durationMs: 0 });
    print(`↓ ${name} (skipped)`);
    return;
  }
  const started = Date.now();
  running = { errors: [] };
  setState({ assertionCalls: 0, currentTestName: name }, expect);
  let beforeOk = true;
  for (const hook of chain(suite, 'beforeEach')) {
    try {
      await withTimeout(hook.fn, hook.timeout, 'beforeEach');
    } catch (error) {
      running.errors.push(error);
      beforeOk = false;
      break;
    }
  }
  if (beforeOk) {
    try {
      await withTimeout(test.fn, test.timeout, 'test');
    } catch (error) {
      running.errors.push(error);
    }
  }
  // afterEach of the innermost suite first, as vitest's default `sequence.hooks: 'stack'`.
  for (const hook of chain(suite, 'afterEach').reverse()) {
    try {
      await withTimeout(hook.fn, hook.timeout, 'afterEach');
    } catch (error) {
      running.errors.push(error);
    }
  }
  const failures = running.errors;
  running = null;
  const durationMs = Date.now() - started;
  if (failures.length === 0) {
    results.push({ name, state: 'pass', durationMs });
    print(`✓ ${name} (${durationMs} ms)`);
  } else {
    const [first, ...rest] = failures.map(describeError);
    results.push({ name, state: 'fail', durationMs, error: first, ...(rest.length ? { moreErrors: rest } : {}) });
    print(`✗ ${name} (${durationMs} ms)\n    ${first.stack ?? first.message}`);
  }
}

function skipAll(suite) {
  for (const child of suite.children) {
    if (child.test) {
      const name = fullName(suite, child.name);
      results.push({ name, state: 'skip', durationMs: 0 });
      print(`↓ ${name} (skipped)`);
    } else skipAll(child);
  }
}

async function runSuite(suite) {
  if (!hasRunnableTest(suite)) {
    skipAll(suite);
    return;
  }
  let setUp = true;
  for (const hook of suite.beforeAll) {
    try {
      await withTimeout(hook.fn, hook.timeout, 'beforeAll');
    } catch (error) {
      errors.push({ where: `beforeAll of ${fullName(suite, '') || 'the file'}`, ...describeError(error) });
      setUp = false;
      break;
    }
  }
  for (const child of suite.children) {
    if (!setUp) {
      if (child.test) results.push({ name: fullName(suite, child.name), state: 'fail', durationMs: 0, error: { message: 'beforeAll failed' } });
      else skipAll(child);
    } else if (child.test) await runTest(suite, child);
    else await runSuite(child);
  }
  for (const hook of [...suite.afterAll].reverse()) {
    try {
      await withTimeout(hook.fn, hook.timeout, 'afterAll');
    } catch (error) {
      errors.push({ where: `afterAll of ${fullName(suite, '') || 'the file'}`, ...describeError(error) });
    }
  }
}

/** Runs every collected test in order, prints the JSON summary as the last line and exits. */
export async function run() {
  try {
    await runSuite(root);
  } catch (error) {
    errors.push({ where: 'runner', ...describeError(error) });
  }
  // Let late unhandled rejections surface.
  await new Promise((resolve) => setTimeout(resolve, 50));
  const count = (state) => results.filter((r) => r.state === state).length;
  const summary = { passed: count('pass'), failed: count('fail'), skipped: count('skip'), errors: errors.length };
  print(JSON.stringify({ summary, tests: results, errors }));
  // Registered native callbacks and ref'd timers may keep node alive; the result is already written.
  process.exit(summary.failed > 0 || errors.length > 0 ? 1 : 0);
}
