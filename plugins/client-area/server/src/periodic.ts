/**
 * A task run every `intervalMs` in the background (the outbox worker, the IMAP
 * poller): never two runs at once, a failed run only logged, and stop() waits for
 * the run in progress so nothing is cut off when Strapi shuts down.
 */
export function periodic(task: () => Promise<unknown>, onError: (error: Error) => void) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  return {
    start(intervalMs: number) {
      if (!intervalMs || timer) return;
      timer = setInterval(() => {
        if (running) return;
        running = task()
          .catch(onError)
          .finally(() => (running = undefined));
      }, intervalMs);
      timer.unref?.();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}
