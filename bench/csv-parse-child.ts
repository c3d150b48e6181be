// The baseline of the end-to-end CLI bench: the CSV library's own bare parse of a register file,
// streamed as its documentation shows for Node (Papa.parse on a read stream, rows delivered in
// chunks), in a process of its own. Prints {rows, peakRss} as JSON.
import { createReadStream } from "node:fs";
import Papa from "papaparse";

const file = process.argv[2]!;
let rows = 0;
await new Promise<void>((resolve, reject) => {
  Papa.parse(createReadStream(file, { encoding: "utf8", highWaterMark: 1 << 20 }), {
    chunk: (results: Papa.ParseResult<string[]>) => void (rows += results.data.length),
    complete: () => resolve(),
    error: (e: Error) => reject(e),
  });
});
process.stdout.write(JSON.stringify({ rows, peakRss: process.resourceUsage().maxRSS * 1024 }) + "\n");
