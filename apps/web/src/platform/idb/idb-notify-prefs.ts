import { type DBSchema, openDB } from 'idb';

/** What the service worker needs to word a push notification, mirrored from the app's settings. */
export type NotifyPrefs = {
  hideContent: boolean;
  /** "Notify me" by room key ('all' when absent). */
  levels: Record<string, 'all' | 'mentions' | 'nothing'>;
  /** This person's display name, for "Mentions only". */
  name: string;
};

interface PrefsSchema extends DBSchema {
  prefs: { key: string; value: NotifyPrefs };
}

const DB = 'yam-notify';
const KEY = 'prefs';

function open() {
  return openDB<PrefsSchema>(DB, 1, {
    upgrade(db) {
      db.createObjectStore('prefs');
    },
  });
}

/** Written by the app whenever a notification setting changes (the worker has no localStorage). */
export async function saveNotifyPrefs(prefs: NotifyPrefs): Promise<void> {
  const db = await open();
  try {
    await db.put('prefs', prefs, KEY);
  } finally {
    db.close();
  }
}

export async function loadNotifyPrefs(): Promise<NotifyPrefs | undefined> {
  const db = await open();
  try {
    return await db.get('prefs', KEY);
  } finally {
    db.close();
  }
}
