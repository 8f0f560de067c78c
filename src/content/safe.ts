/**
 * Errors in our listeners, timers and jobs end here, never rethrown: the page's console stays the page's. One named
 * place, so a debugger can stop on them.
 */
export function noteError(_error: unknown): void {}

export function safe<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void {
  return (...args: A) => {
    try {
      fn(...args);
    } catch (error) {
      noteError(error);
    }
  };
}
