// Turns off the usage reports that MediaPipe's tasks-vision sends to Google from every page that runs a task.

/** What sends tasks-vision's usage reports: a queue that `flush()` posts, on a timer that `close()` clears. */
interface ReportSender {
  flush(): void;
  close(): void;
  error?: Error;
}

const isReportSender = (value: unknown): value is ReportSender =>
  typeof (value as ReportSender | null)?.flush === 'function' &&
  typeof (value as ReportSender | null)?.close === 'function';

/**
 * tasks-vision (1.1) posts usage reports to a Google endpoint every minute and on close, with no option to turn
 * them off: a widget on other people's sites must not, and their Content-Security-Policy would refuse it anyway.
 * The task keeps its reporter in a field it only reaches through `?.`; the reporter's sender sends nothing once it
 * has failed. So the sender is marked failed and closed (its timer cleared), and the field emptied.
 */
export function muteUsageReports(task: object): void {
  const fields = task as Record<string, unknown>;
  for (const key of Object.keys(fields)) {
    const reporter = fields[key];
    if (!reporter || typeof reporter !== 'object') continue;
    const sender = Object.values(reporter).find(isReportSender);
    if (!sender) continue;
    sender.error = new Error('usage reports are off');
    sender.close();
    fields[key] = undefined;
  }
}
