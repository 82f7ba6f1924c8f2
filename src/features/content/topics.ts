/** The topics each kind of item is grouped under on the public pages, in their order there. */
import type { ContentKind } from './source.ts';

export const TOPICS = {
  rights: ['law', 'international', 'complaints'],
  guides: ['life', 'organisations'],
  faq: ['general', 'rights', 'complaints', 'organisations'],
  campaigns: ['campaign'],
  notices: ['notice'],
  letters: ['letter'],
  quiz: ['quiz'],
  help: ['help'],
} as const satisfies Record<ContentKind, readonly string[]>;
