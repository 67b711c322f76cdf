/**
 * Ends the run with what was skipped and why (a skipped suite's title carries its reason), then one
 * plain line, "N passed, N failed, N skipped", that any CI log reader understands.
 */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = new Map();
    for (const file of results.testResults) {
      for (const test of file.testResults) {
        if (test.status !== 'pending' && test.status !== 'todo') continue;
        const where = test.ancestorTitles.join(' > ') || file.testFilePath;
        skipped.set(where, (skipped.get(where) ?? 0) + 1);
      }
    }
    const lines = [...skipped].map(([where, count]) => `  skipped ${count}: ${where}`);
    if (lines.length) process.stderr.write(`\nSkipped tests:\n${lines.join('\n')}\n`);
    const skippedCount = results.numPendingTests + results.numTodoTests;
    process.stderr.write(`\n${results.numPassedTests} passed, ${results.numFailedTests} failed, ${skippedCount} skipped\n`);
  }
}
module.exports = SummaryReporter;
