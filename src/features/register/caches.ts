/**
 * What each instance keeps of the register in memory: rendered search pages and, apart from them, the typeahead's
 * answers (each under path and query, http/page-cache.ts), and the typeahead's suggestions by key (an entry's page
 * is in the reading pages' cache). The register changes only through statements on its tables, and each
 * announces itself on `register_changed` (a trigger, migration 20261208200000): all are dropped on that notice,
 * from whichever instance or tool the change came. A popular search or a prefix typed by many
 * readers is then answered without the database; a first-time one is read as before.
 */
import { LRUCache } from 'lru-cache';
import type { NotificationListener } from '../../db/notifications.ts';
import { createPageCache, type PageCache } from '../../http/page-cache.ts';
import type { Suggestion } from './suggest-repository.ts';

export const REGISTER_CHANGED_CHANNEL = 'register_changed';

export interface SuggestionCache {
  /** The suggestions for a key, loaded once until the register changes. */
  get(key: string, load: () => Promise<Suggestion[]>): Promise<Suggestion[]>;
  clear(): void;
}

function createSuggestionCache(maxEntries: number): SuggestionCache {
  const entries = new LRUCache<string, Suggestion[]>({ max: maxEntries });
  let generation = 0;
  return {
    async get(key, load) {
      const kept = entries.get(key);
      if (kept) return kept;
      const started = generation;
      const found = await load();
      // Read while the register changed: answered, not kept.
      if (started === generation) entries.set(key, found);
      return found;
    },
    clear() {
      entries.clear();
      generation++;
    },
  };
}

export interface RegisterCaches {
  /** Results pages. */
  pages: PageCache;
  /**
   * The typeahead's answers as sent: apart from the results pages, so that readers typing in the picker (a new
   * prefix at every keystroke, from many addresses) never push the popular searches out.
   */
  suggestPages: PageCache;
  suggestions: SuggestionCache;
}

/** `alsoClearedBy`: other channels whose change shows on every page (the content of the layout). */
export function createRegisterCaches(listener: NotificationListener, alsoClearedBy: readonly string[]): RegisterCaches {
  // A results page is a few KB: the last 512 searches asked for. Typeahead answers are smaller still.
  const pages = createPageCache({ maxEntries: 512, maxBytes: 8 * 1024 * 1024, fillsPerClientPerMinute: 60, withQuery: true });
  const suggestPages = createPageCache({ maxEntries: 2000, maxBytes: 2 * 1024 * 1024, fillsPerClientPerMinute: 120, withQuery: true });
  const suggestions = createSuggestionCache(2000);
  const clear = (): void => {
    pages.clear();
    suggestPages.clear();
    suggestions.clear();
  };
  listener.on(REGISTER_CHANGED_CHANNEL, clear);
  // The layout is in the results pages only: the typeahead's answers are data.
  for (const channel of alsoClearedBy) listener.on(channel, () => pages.clear());
  return { pages, suggestPages, suggestions };
}
