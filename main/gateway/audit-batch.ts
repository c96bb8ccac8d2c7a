/**
 * The worker's side of the audit log: the JSON lines of the decisions (audit-line.ts) cross to main
 * together, one message per batch, as UTF-8 bytes whose buffer is transferred. Main appends them to
 * the file as they are, with no work per record, and parses them only while a console listens. One
 * postMessage per record (a structured clone, and a wake-up of main's event loop) cost more than the
 * decision itself under keep-alive load, and so did cloning an array of lines and measuring each
 * line again on main.
 */
export class AuditBatch {
  private lines: string[] = [];
  private chars = 0;
  private scheduled: NodeJS.Timeout | null = null;
  private readonly encoder = new TextEncoder();

  /**
   * `delayMs`: how long a record may wait for others to join it (the console shows it that much
   * later; a worker that crashes loses at most that much). `maxChars`: sent at once beyond this.
   */
  constructor(
    private readonly send: (bytes: Uint8Array) => void,
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
    // join() writes the lines into one flat string in one pass; the encoder's result owns its buffer, so it can be transferred.
    const bytes = this.encoder.encode(this.lines.join(''));
    this.lines = [];
    this.chars = 0;
    this.send(bytes);
  }
}
