// Runs update handlers off the polling loop: telegraf fetches the next batch of updates only after the
// current batch is handled, so a slow answer (or a 429 wait) would hold up every chat. Tasks of one
// chat run in order; tasks of different chats run concurrently up to a limit; the backlog is bounded.
import PQueue from 'p-queue';

export class Scheduler {
  private readonly queue: PQueue;
  private readonly tails = new Map<string, Promise<void>>();
  private waiting = 0;

  constructor(
    concurrency: number,
    /** Tasks accepted but not finished, beyond which new work is refused (memory stays bounded). */
    private readonly maxBacklog: number,
    private readonly onError: (e: unknown) => void,
  ) {
    this.queue = new PQueue({ concurrency });
  }

  get backlog(): number {
    return this.waiting;
  }

  /** True when `submit` would refuse work. */
  get full(): boolean {
    return this.waiting >= this.maxBacklog;
  }

  /** Queues `task` behind the same chat's earlier tasks. Returns false (and runs nothing) when overloaded. */
  submit(chat: string, task: () => Promise<void>): boolean {
    if (this.waiting >= this.maxBacklog) return false;
    this.waiting++;
    const previous = this.tails.get(chat) ?? Promise.resolve();
    const next = previous
      .then(() => this.queue.add(task))
      .catch(this.onError)
      .finally(() => {
        this.waiting--;
        if (this.tails.get(chat) === next) this.tails.delete(chat);
      });
    this.tails.set(chat, next);
    return true;
  }

  /** Resolves when every accepted task has finished (used on shutdown). */
  async drain(): Promise<void> {
    while (this.tails.size > 0) await Promise.all([...this.tails.values()]);
  }
}
