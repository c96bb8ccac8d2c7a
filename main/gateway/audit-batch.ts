/**
 * The worker's side of the audit log: each request's record is written as its JSON line straight
 * into one reusable byte buffer (the time, the decision's pre-encoded fields from audit-line.ts,
 * the microseconds), and the filled part goes to the log as one chunk per batch. Under keep-alive
 * load the audit record is the largest part of what the gateway adds to a request, so it makes no
 * string, no object and no garbage per request. Measured head to head under `ab -k` (both gateways
 * pinned to one core and loaded at once), this and batches of 0.1 s or 1 MB made the gateway about
 * 4% faster than a string per record joined and encoded every 10 ms (README, Benchmarks).
 */

const OPEN_TIME = bytesOf('{"time":"');
const CLOSE_TIME = bytesOf('Z",');
const CLOSE_RECORD = bytesOf('}\n');
const ZERO = 0x30;
/** The time and the micros around the fields: `{"time":"` + 24 + `",` ... up to 16 digits + `}\n`. */
const FRAME_BYTES = 64;

function bytesOf(ascii: string): Uint8Array {
  return Uint8Array.from(ascii, (c) => c.charCodeAt(0));
}

export class AuditBatch {
  private buffer: Uint8Array;
  private used = 0;
  private scheduled: NodeJS.Timeout | null = null;
  private second = NaN;
  /** `2025-03-04T05:06:07.` of `second`: the date and time are formatted once per second. */
  private secondPrefix: Uint8Array = new Uint8Array(0);

  /**
   * `send`: receives each batch as bytes it owns (whole lines). `delayMs`: how long a record may
   * wait for others to join it (the console shows it that much later; a worker that crashes loses
   * at most that much). `batchBytes`: sent at once beyond this. Each batch costs a copy, a timer
   * and an asynchronous append: at full keep-alive load (about 8 MB of records a second) 0.1 s and
   * 1 MB make about ten a second, and measured 2.5% faster than 10 ms and 256 KB.
   */
  constructor(
    private readonly send: (bytes: Uint8Array) => void,
    private readonly delayMs = 100,
    private readonly batchBytes = 1024 * 1024,
  ) {
    this.buffer = new Uint8Array(batchBytes + 4096);
  }

  /** One record: `fields` is auditFields(...) of its decision. */
  add(timeMs: number, fields: Uint8Array, micros: number): void {
    const needed = fields.length + FRAME_BYTES;
    if (this.used + needed > this.buffer.length) {
      this.flush();
      // A record larger than the whole buffer (a very long path) gets a buffer of its own size.
      if (needed > this.buffer.length) this.buffer = new Uint8Array(needed);
    }
    const buffer = this.buffer;
    let at = this.used;
    buffer.set(OPEN_TIME, at);
    at = this.writeTime(at + OPEN_TIME.length, timeMs);
    buffer.set(CLOSE_TIME, at);
    at += CLOSE_TIME.length;
    buffer.set(fields, at);
    at = this.writeInteger(at + fields.length, micros);
    buffer.set(CLOSE_RECORD, at);
    this.used = at + CLOSE_RECORD.length;
    if (this.used >= this.batchBytes) this.flush();
    else this.scheduled ??= setTimeout(() => this.flush(), this.delayMs);
  }

  /** Send what is pending now (also before the gateway reports that it stopped). */
  flush(): void {
    if (this.scheduled) clearTimeout(this.scheduled);
    this.scheduled = null;
    if (this.used === 0) return;
    // A copy of just the filled part: the receiver may keep it (a write queued behind a slow disk) while this buffer is refilled.
    const bytes = this.buffer.slice(0, this.used);
    this.used = 0;
    this.send(bytes);
  }

  /** `new Date(ms).toISOString()` without its final "Z". */
  private writeTime(at: number, ms: number): number {
    const second = Math.floor(ms / 1000);
    if (second !== this.second) {
      this.second = second;
      this.secondPrefix = bytesOf(new Date(second * 1000).toISOString().slice(0, 20));
    }
    this.buffer.set(this.secondPrefix, at);
    at += this.secondPrefix.length;
    const millis = ms - second * 1000;
    this.buffer[at] = ZERO + Math.floor(millis / 100);
    this.buffer[at + 1] = ZERO + (Math.floor(millis / 10) % 10);
    this.buffer[at + 2] = ZERO + (millis % 10);
    return at + 3;
  }

  /** An integer's decimal digits: a negative value is written as 0 and a fraction is cut off (micros are neither). */
  private writeInteger(at: number, value: number): number {
    let rest = value > 0 ? Math.floor(value) : 0;
    let digits = 1;
    for (let bound = 10; rest >= bound && digits < 16; bound *= 10) digits++;
    for (let i = at + digits - 1; i >= at; i--) {
      this.buffer[i] = ZERO + (rest % 10);
      rest = Math.floor(rest / 10);
    }
    return at + digits;
  }
}
