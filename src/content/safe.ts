/** Errors in our listeners and timers are counted, never rethrown: the page's console stays the page's. */
let errors = 0;

export function errorCount(): number {
  return errors;
}

export function noteError(_error: unknown): void {
  errors++;
}

export function safe<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void {
  return (...args: A) => {
    try {
      fn(...args);
    } catch (error) {
      noteError(error);
    }
  };
}
