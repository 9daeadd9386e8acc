// Measures the bytes each contender allocates on the JavaScript heap for one call, in a process of
// its own started by bench.mjs: heap growth plus what every garbage collection in between freed,
// as reported by v8.GCProfiler. Prints one JSON line: { name: bytes } (median of the runs).
//
//   node --expose-gc scripts/bench/alloc.mjs <file with the body>
import { readFile } from 'node:fs/promises';
import v8 from 'node:v8';
import { parseSmsWebhook } from 'sms-webhooks';

const text = await readFile(process.argv[2], 'utf8');
const RUNS = 9;

function allocated(fn) {
  const runs = [];
  for (let run = 0; run < RUNS + 2; run++) {
    globalThis.gc();
    const profiler = new v8.GCProfiler();
    profiler.start();
    const before = process.memoryUsage().heapUsed;
    // Kept alive until the heap is read, so none of it can have been collected yet.
    const kept = [fn()];
    const after = process.memoryUsage().heapUsed;
    const { statistics } = profiler.stop();
    let freed = 0;
    for (const event of statistics) {
      freed +=
        event.beforeGC.heapStatistics.usedHeapSize - event.afterGC.heapStatistics.usedHeapSize;
    }
    kept.length = 0;
    if (run >= 2) runs.push(after - before + freed); // the first runs also compile
  }
  runs.sort((a, b) => a - b);
  return runs[Math.floor(runs.length / 2)];
}

console.log(
  JSON.stringify({
    'JSON.parse': allocated(() => JSON.parse(text)),
    'parseSmsWebhook (provider given)': allocated(() =>
      parseSmsWebhook(text, { provider: 'telmetrics' }),
    ),
  }),
);
