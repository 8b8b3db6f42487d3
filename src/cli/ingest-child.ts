// Child process of a background re-index (`reloadIndex` in src/boot.ts): receives the parent's settings,
// runs the ingest with its own copy of the model, and reports notices and the result over IPC. Running
// here keeps the parent's event loop (the bot answering other chats) free, and a native crash during
// the build takes down only this process.
import type { Config } from '../config.js';
import { ingestOptions, tryLoadEmbedder } from '../boot.js';
import { ingest } from '../index/ingest.js';
import type { ChildMessage } from '../boot.js';

const send = (m: ChildMessage) => process.send?.(m);

process.once('message', (msg: { config: Config }) => {
  void (async () => {
    try {
      const { embedder } = await tryLoadEmbedder(msg.config);
      const report = await ingest({
        ...ingestOptions(msg.config, embedder),
        onProgress: (e) => {
          if (e.phase === 'notice') send({ kind: 'notice', message: e.message });
        },
      });
      send({ kind: 'done', report });
    } catch (e) {
      const err = e as Error & { code?: string };
      send({ kind: 'failed', name: err.constructor?.name ?? 'Error', message: err.message ?? String(e) });
    } finally {
      process.disconnect?.();
    }
  })();
});
