// The page's storage, where the page may use it: reading or writing localStorage or sessionStorage throws in a
// sandboxed iframe or with storage blocked, and the widget then keeps nothing (it asks again, or stays a guest).

type StorageName = 'localStorage' | 'sessionStorage';

/** What is kept under `key` ('' for nothing, or where storage may not be used). */
export function readStored(storage: StorageName, key: string): string {
  try {
    return window[storage].getItem(key) ?? '';
  } catch {
    return '';
  }
}

/** Keeps `value` under `key`, where storage may be used. */
export function writeStored(storage: StorageName, key: string, value: string): void {
  try {
    window[storage].setItem(key, value);
  } catch {
    // Not kept.
  }
}
