export interface Throttled {
  (): void;
  cancel(): void;
}

/**
 * Runs `run` at once, then at most once per `intervalMs`: calls in between
 * are folded into one more run at the end of the interval, so a burst of
 * live events costs two requests, not one per event.
 */
export function throttle(run: () => void, intervalMs: number): Throttled {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending = false;
  const release = () => {
    timer = undefined;
    if (!pending) return;
    pending = false;
    run();
    timer = setTimeout(release, intervalMs);
  };
  const throttled = () => {
    if (timer !== undefined) {
      pending = true;
      return;
    }
    run();
    timer = setTimeout(release, intervalMs);
  };
  throttled.cancel = () => {
    clearTimeout(timer);
    timer = undefined;
    pending = false;
  };
  return throttled;
}
