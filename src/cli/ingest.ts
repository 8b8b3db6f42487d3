// `npm run ingest` — builds or updates the index of corpus/ and prints a summary.
import { ingestOptions, ingestWithProgress, summary, tryLoadEmbedder } from '../boot.js';
import { log } from '../log.js';
import { main, setup } from './run.js';

main(async () => {
  const config = setup();
  const { embedder, problem } = await tryLoadEmbedder(config);
  if (problem) log.warn(`Embedding model unavailable: ${problem}. Building a keyword-only index; see README › Embedding model.`);
  const report = await ingestWithProgress(ingestOptions(config, embedder));
  for (const p of report.problems) log.warn(`skipped ${p.message}`);
  // The summary is this command's result: stdout, whatever the log level.
  process.stdout.write(summary(report) + '\n');
});
