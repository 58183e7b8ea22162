/**
 * Work run a few at a time, in the order asked for: a key already queued or running is not
 * added again (its answer serves both).
 */
export class Bounded {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly keys = new Set<string>();

  constructor(private readonly limit: number) {}

  /** Run `work` under `key` when a place is free; undefined when the key is already there. */
  add(key: string, work: () => Promise<void>): Promise<void> | undefined {
    if (this.keys.has(key)) return undefined;
    this.keys.add(key);
    return new Promise<void>((resolve) => {
      const start = () => {
        this.running++;
        Promise.resolve()
          .then(work)
          .catch(() => {})
          .finally(() => {
            this.running--;
            this.keys.delete(key);
            this.waiting.shift()?.();
            resolve();
          });
      };
      if (this.running < this.limit) start();
      else this.waiting.push(start);
    });
  }
}
