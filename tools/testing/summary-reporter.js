// Ends a Jest run with one plain line, "jest: N passed, N failed, N skipped",
// that CI and people can read without knowing Jest's own summary format, and
// names every skipped suite with its reason (e.g. the EventStoreDB contract
// suite when EVENTSTORE_CONNECTION_STRING is not set).
class SummaryReporter {
  constructor() {
    this.skipped = [];
  }

  onTestResult(_test, result) {
    for (const test of result.testResults) {
      if (test.status === 'pending') this.skipped.push(`${[...test.ancestorTitles, test.title].join(' › ')}`);
    }
  }

  onRunComplete(_contexts, results) {
    for (const name of this.skipped) process.stdout.write(`\nskipped: ${name}`);
    const skipped = results.numPendingTests + results.numTodoTests;
    process.stdout.write(`\njest: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${skipped} skipped\n`);
  }
}

module.exports = SummaryReporter;
