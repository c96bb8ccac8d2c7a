/**
 * The worker's side of the audit log: the JSON lines of the decisions (audit-line.ts) cross to main
 * together, one message per batch. One postMessage per record (a structured clone, and a wake-up
 * of main's event loop) cost more than the decision itself under keep-alive load; one array of
 * lines per batch costs main one file append, and a parse only while a console is listening. (An
 * array, not one concatenated string: cloning a long string built by += costs several times more.)
 */
export class AuditBatch {
  private lines: string[] = [];
  private chars = 0;
  private scheduled: NodeJS.Timeout | null = null;

  /**
   * `delayMs`: how long a record may wait for others to join it (the console shows it that much
   * later; a worker that crashes loses at most that much). `maxChars`: sent at once beyond this.
   */
  constructor(
    private readonly send: (lines: string[]) => void,
    private readonly delayMs = 10,
    private readonly maxChars = 256 * 1024,
  ) {}

  add(line: string): void {
    this.lines.push(line);
    this.chars += line.length;
    if (this.chars >= this.maxChars) this.flush();
    else this.scheduled ??= setTimeout(() => this.flush(), this.delayMs);
  }

  /** Send what is pending now (also before the gateway reports that it stopped). */
  flush(): void {
    if (this.scheduled) clearTimeout(this.scheduled);
    this.scheduled = null;
    if (this.lines.length === 0) return;
    const lines = this.lines;
    this.lines = [];
    this.chars = 0;
    this.send(lines);
  }
}
