/**
 * @module core/render/item-text
 * The words Lede itself puts into an item, in the feed's language: the backlink line's template and the
 * one sentence that tells a reader why an item is its title and backlink only. English, Russian and
 * Kazakh (Cyrillic) are built in, chosen by the feed's language tag (its base subtag: `kk-KZ` → `kk`),
 * with English for any other language; a licence's own `attributionText` still wins over the template.
 */
import { normalizeLanguage } from './language.ts';
import type { TitleOnlyReason } from '../../../src/core/types.ts';

/** The built-in languages, as base subtags (BCP 47 primary language). */
type ItemLocale = 'en' | 'ru' | 'kk';

interface ItemTexts {
  /** The backlink line; `{attribution}` becomes the link to the article. */
  readonly backlink: string;
  /** Why the excerpt is withheld, one short sentence per reason code. */
  readonly reasons: Readonly<Record<TitleOnlyReason, string>>;
}

const TEXTS: Readonly<Record<ItemLocale, ItemTexts>> = {
  en: {
    backlink: 'Read the full article at {attribution}',
    reasons: {
      'robots-disallowed': 'The publisher does not allow this article to be fetched, so no excerpt is shown.',
      nosnippet: 'The publisher does not allow excerpts of this article.',
      'max-snippet': 'The publisher does not allow excerpts of this article.',
      paywalled: 'This article is for subscribers only, so no excerpt is shown.',
      'usage-forbidden': "The publisher's licence does not allow excerpts of this article.",
      'tdm-reserved': 'The publisher reserves the rights to the text of this article, so no excerpt is shown.',
    },
  },
  ru: {
    backlink: 'Читать статью полностью на сайте {attribution}',
    reasons: {
      'robots-disallowed': 'Издание не разрешает загружать эту статью, поэтому отрывок не показан.',
      nosnippet: 'Издание не разрешает публиковать отрывки из этой статьи.',
      'max-snippet': 'Издание не разрешает публиковать отрывки из этой статьи.',
      paywalled: 'Эта статья доступна только подписчикам, поэтому отрывок не показан.',
      'usage-forbidden': 'Лицензия издания не разрешает публиковать отрывки из этой статьи.',
      'tdm-reserved': 'Издание оставляет за собой права на текст этой статьи, поэтому отрывок не показан.',
    },
  },
  kk: {
    backlink: 'Мақаланы толық оқу: {attribution}',
    reasons: {
      'robots-disallowed': 'Басылым бұл мақаланы жүктеуге рұқсат бермейді, сондықтан үзінді көрсетілмейді.',
      nosnippet: 'Басылым бұл мақаладан үзінді жариялауға рұқсат бермейді.',
      'max-snippet': 'Басылым бұл мақаладан үзінді жариялауға рұқсат бермейді.',
      paywalled: 'Бұл мақала тек жазылушыларға қолжетімді, сондықтан үзінді көрсетілмейді.',
      'usage-forbidden': 'Басылымның лицензиясы бұл мақаладан үзінді жариялауға рұқсат бермейді.',
      'tdm-reserved': 'Басылым бұл мақала мәтініне құқығын өзінде қалдырады, сондықтан үзінді көрсетілмейді.',
    },
  },
};

/** The built-in texts for a language tag: its base subtag's, else English. */
function pickTexts(language: string | undefined): ItemTexts {
  const base = normalizeLanguage(language)?.split('-')[0];
  return base === 'ru' || base === 'kk' ? TEXTS[base] : TEXTS.en;
}

/**
 * The backlink template in the feed's language (English when the language is not built in).
 * @example backlinkTemplate('kk-KZ') // 'Мақаланы толық оқу: {attribution}'
 */
export function backlinkTemplate(language: string | undefined): string {
  return pickTexts(language).backlink;
}

/**
 * The sentence telling a reader why an item is title-only, in the feed's language.
 * @example describeTitleOnlyReason('nosnippet', 'en') // 'The publisher does not allow excerpts of this article.'
 */
export function describeTitleOnlyReason(reason: TitleOnlyReason, language: string | undefined): string {
  return pickTexts(language).reasons[reason];
}
