// A log destination that keeps every line, for tests that read the log as an operator would.
import { Writable } from 'node:stream';

export interface LogCapture {
  destination: Writable;
  /** Everything written, exactly as a log file would hold it. */
  text(): string;
  /** Each line parsed; throws if a line is not JSON (scrubbing must never break a line). */
  lines(): Record<string, unknown>[];
}

export function captureLog(): LogCapture {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  const text = () => chunks.join('');
  return {
    destination,
    text,
    lines: () =>
      text()
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}
