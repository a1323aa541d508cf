/** The page URL as navigation reads and writes it (this browser one; fakes in tests). */
export interface AddressBar {
  readonly origin: string;
  readonly pathname: string;
  readonly search: string;
  readonly hash: string;
  push(search: string): void;
  replace(search: string): void;
  /** The back or forward button; returns the function that stops listening. */
  onPop(listener: () => void): () => void;
}

/** The page's address bar: `location` and `history`, and the back/forward button. */
export function browserAddressBar(): AddressBar {
  return {
    get origin() {
      return location.origin;
    },
    get pathname() {
      return location.pathname;
    },
    get search() {
      return location.search;
    },
    get hash() {
      return location.hash;
    },
    push(search) {
      history.pushState(null, '', search);
    },
    replace(search) {
      history.replaceState(null, '', search);
    },
    onPop(listener) {
      addEventListener('popstate', listener);
      return () => removeEventListener('popstate', listener);
    },
  };
}
