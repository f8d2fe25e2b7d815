// A progress bar on stderr: only on a TTY and never when CI is set (SPEC 5), redrawn at
// most ten times a second so that it costs nothing on fast runs. The label (it names a file) is
// escaped (escape.ts): the bar's own \r and erase-line are its only controls.
import { escapeText } from '../format/escape.js';

export interface Progress {
  update(done: number): void;
  finish(): void;
}

const NO_PROGRESS: Progress = { update() {}, finish() {} };

export function progressBar(label: string, total: number, stream: NodeJS.WriteStream = process.stderr, env = process.env): Progress {
  if (!stream.isTTY || (env.CI !== undefined && env.CI !== '') || total <= 0) return NO_PROGRESS;
  label = escapeText(label);
  let last = 0;
  let shown = false;
  const draw = (done: number) => {
    const ratio = Math.min(1, done / total);
    const width = Math.max(10, Math.min(40, (stream.columns ?? 80) - label.length - 10));
    const filled = Math.round(ratio * width);
    stream.write(`\r${label} [${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${String(Math.floor(ratio * 100)).padStart(3)}%`);
    shown = true;
  };
  return {
    update(done) {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      draw(done);
    },
    finish() {
      if (shown) stream.write('\r\x1b[2K');
    },
  };
}
