import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { AppState } from './app-state.ts';

/** The one AppState, provided by main.tsx around the App (the Preact signals guide's pattern). */
export const AppStateContext = createContext<AppState | undefined>(undefined);

/** The app state, for any component under the provider. */
export function useAppState(): AppState {
  const state = useContext(AppStateContext);
  if (!state) throw new Error('useAppState() outside <AppStateContext.Provider>');
  return state;
}
