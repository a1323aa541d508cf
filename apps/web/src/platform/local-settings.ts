/**
 * Small values kept in localStorage. Reads and writes never throw: a browser that refuses
 * storage (private mode, quota) still gets a working, if forgetful, app.
 */
export const localSettings = {
  read(key: string): string | undefined {
    try {
      return localStorage.getItem(key) ?? undefined;
    } catch {
      return undefined;
    }
  },
  write(key: string, value: string | undefined): void {
    try {
      if (value === undefined) localStorage.removeItem(key);
      else localStorage.setItem(key, value);
    } catch {
      // Storage refused: the value lives for this page only.
    }
  },
};
