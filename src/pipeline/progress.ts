/**
 * Progress of a pipeline run: a one-line bar redrawn on a terminal (`[#####-----] 3/8 indicators: 2024Q2`), silent
 * when the output is not a terminal, in CI, or when asked to be quiet.
 */

/** Where the bar is drawn: a stream with `isTTY` and `columns` when it is a terminal. */
export interface ProgressStream {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(text: string): unknown;
}

export class Progress {
  private done = 0;
  private step = '';
  private drawn = false;

  constructor(
    private readonly total: number,
    private readonly stream: ProgressStream | undefined,
  ) {}

  /** A bar on `stream` when it is a terminal, CI is not set and `quiet` is false; otherwise one that draws nothing. */
  static forStream(total: number, stream: ProgressStream, options: { readonly quiet?: boolean; readonly env?: NodeJS.ProcessEnv } = {}): Progress {
    const env = options.env ?? process.env;
    const show = stream.isTTY === true && !options.quiet && !env.CI && !env.MIGSTAT_CI;
    return new Progress(total, show ? stream : undefined);
  }

  /** Starts a step. */
  begin(step: string): void {
    this.step = step;
    this.draw('');
  }

  /** One unit of work done, with what it was. */
  tick(detail: string): void {
    this.done = Math.min(this.total, this.done + 1);
    this.draw(detail);
  }

  /** Clears the bar (before the summary is printed). */
  end(): void {
    if (this.stream && this.drawn) this.stream.write('\r\x1b[2K');
    this.drawn = false;
  }

  private draw(detail: string): void {
    if (!this.stream) return;
    const width = 24;
    const filled = this.total > 0 ? Math.round((width * this.done) / this.total) : width;
    const line = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${this.done}/${this.total} ${this.step}${detail ? `: ${detail}` : ''}`;
    const columns = this.stream.columns ?? 80;
    this.stream.write(`\r\x1b[2K${line.slice(0, Math.max(10, columns - 1))}`);
    this.drawn = true;
  }
}
