/* global process */
/**
 * A mocha reporter for finding what makes the suite slow: prints how long each file took (in a serial run its
 * top-level suites from start to end, hooks included; in a parallel run, whose results arrive when a file ends,
 * the sum of its tests) and the 40 slowest tests, then the counts; failures as they happen. `npm run test:times`.
 */
const Mocha = require('mocha');

const { EVENT_RUN_END, EVENT_SUITE_BEGIN, EVENT_SUITE_END, EVENT_TEST_FAIL, EVENT_TEST_PASS, EVENT_TEST_PENDING } = Mocha.Runner.constants;
const print = (line) => process.stdout.write(`${line}\n`);
const relative = (file) => (file ?? '').replace(`${process.cwd()}/`, '');

class FileTimesReporter extends Mocha.reporters.Base {
  constructor(runner, options) {
    super(runner, options);
    const started = new Map();
    const fileTimes = new Map();
    const tests = [];
    let failing = 0;
    let pending = 0;
    runner.on(EVENT_SUITE_BEGIN, (suite) => {
      if (suite.file && suite.parent?.root) started.set(suite, Date.now());
    });
    runner.on(EVENT_SUITE_END, (suite) => {
      if (started.has(suite)) fileTimes.set(suite.file, (fileTimes.get(suite.file) ?? 0) + Date.now() - started.get(suite));
    });
    const testTimes = new Map();
    runner.on(EVENT_TEST_PASS, (test) => {
      tests.push({ duration: test.duration ?? 0, title: test.fullTitle(), file: test.file });
      testTimes.set(test.file, (testTimes.get(test.file) ?? 0) + (test.duration ?? 0));
    });
    runner.on(EVENT_TEST_PENDING, () => pending++);
    runner.on(EVENT_TEST_FAIL, (test, error) => {
      failing++;
      print(`FAIL ${test.fullTitle()} (${relative(test.file)})\n${String(error?.stack ?? error).slice(0, 2000)}`);
    });
    runner.once(EVENT_RUN_END, () => {
      for (const [file, ms] of [...(fileTimes.size > 0 ? fileTimes : testTimes)].sort((a, b) => b[1] - a[1]))
        print(`${String(ms).padStart(7)} ms  ${relative(file)}`);
      print('--- the slowest tests');
      for (const test of tests.sort((a, b) => b.duration - a.duration).slice(0, 40))
        print(`${String(test.duration).padStart(7)} ms  ${test.title.slice(0, 140)} (${relative(test.file)})`);
      print(`passing ${String(tests.length)}, failing ${String(failing)}, pending ${String(pending)}`);
    });
  }
}

module.exports = FileTimesReporter;
