// Loaded after the test framework in every browser test page: a failed assertion's `actual` and `expected` go back
// to the runner as JSON text. The runner walks them whole to send them, and some values (a MediaStream with live
// tracks) stall it until its 10-minute timeout instead of reporting the failure.
afterEach(function () {
  const error = this.currentTest?.err as { actual?: unknown; expected?: unknown } | undefined;
  if (!error) return;
  for (const key of ['actual', 'expected'] as const) {
    const value = error[key];
    if (typeof value !== 'object' || value === null) continue;
    try {
      error[key] = JSON.stringify(value);
    } catch {
      error[key] = Object.prototype.toString.call(value);
    }
  }
});
