/**
 * @module core/extract/boilerplate
 * Text-level boilerplate: paragraphs that are about the page rather than the story — re-use terms
 * ("Only 30% of an article … may be used with a mandatory hyperlink"), copyright and image-credit
 * lines, "Share", "Read more". Pages put them in every kind of markup, so after the element-level clean-up
 * (see `junk.ts`) we also judge each paragraph by its words. Patterns are generic, never per site.
 */
import { parseDate } from '../dates.ts';

/** Longer paragraphs are article prose even when they mention re-use terms: only short ones are judged. */
const MAX_NOTICE_LENGTH = 400;
/** A copyright mark also starts image credits glued to a first sentence: judge only short lines by it. */
const MAX_COPYRIGHT_LENGTH = 160;

/** Copyright lines: "© 2023 Example Ltd", "Copyright 2023 …", "(c) Example". */
const COPYRIGHT_PATTERNS: readonly RegExp[] = [/^\s*(©|\(c\)\s|copyright\b)/i, /©\s*\d{4}/];

/** Re-use / licence / copyright notices (English, Russian, Kazakh: the languages Lede's sources use). */
const NOTICE_PATTERNS: readonly RegExp[] = [
  /all rights reserved/i,
  /\b(only|up to|no more than|not more than|maximum of)\s+\d{1,3}\s*%\s+of\b/i,
  /\bmandatory\s+(hyper)?link/i,
  /\b(active|direct|clickable)\s+(hyper)?link\b.{0,60}\b(required|mandatory|obligatory)/i,
  /\b(re-?publish|reprint|reproduc\w*|copying|redistribut\w*)\b.{0,120}\b(prohibited|permission|forbidden|not allowed)/i,
  /\bwritten\s+permission\b/i,
  /все права (защищены|сохранены)/i,
  /при\s+(полном\s+или\s+частичном\s+)?(использовании|цитировании|копировании|перепечатке)/i,
  /ссылка\s+(на\s+[^.]{0,60})?\s*обязательна/i,
  /гиперссылка\s+(на\s+[^.]{0,60})?\s*обязательна/i,
  /барлық құқықтар қорғалған/i,
];

/**
 * The notices as one pattern (`(?:a)|(?:b)|…`, all case-insensitive like each of them): it matches a text
 * exactly when one of them does, in one scan of the paragraph instead of one per notice.
 */
const NOTICE = new RegExp(NOTICE_PATTERNS.map((pattern) => `(?:${pattern.source})`).join('|'), 'i');

/**
 * What every notice contains, one of these at least: a word of its own ("link", "permission", "права"…) or,
 * for a share, "% of". Case-insensitive too, so they match exactly the letters the notices' words match: a
 * paragraph with none of them cannot be a notice. NOTICE tries eleven patterns with gaps at every position of
 * a paragraph, these plain words scan in about half its time, and most paragraphs stop here. English and
 * Cyrillic apart: two short lists scan faster than one.
 */
const NOTICE_HINTS: readonly RegExp[] = [
  /all rights reserved|%\s+of|link|prohibited|permission|forbidden|not allowed/i,
  /права|овании|перепечатке|обязательна|барлық құқықтар қорғалған/i,
];

function isNotice(paragraph: string): boolean {
  return NOTICE_HINTS.some((hint) => hint.test(paragraph)) && NOTICE.test(paragraph);
}

/**
 * Whole paragraphs that are widget labels, not prose ("Share", "Related articles", "Advertisement", a sponsor
 * slot's "Supported by", "You may also like", "Most read", "Loading…", a player's "Media playback is unsupported
 * on your device", an accessibility link's "Skip to content" left in a container), a dash either side allowed
 * ("- Advertisement -", as WordPress news themes print an ad slot's label).
 */
const WIDGET_LABEL =
  /^([-–—]\s*)?(share( (this|on \w+))?( (article|story|post|page))?|tweet|pin it|e-?mail|print|like this|related( (posts|articles|stories|news|content))?|read (more|also|next)|see also|more from [\w ]+|advertisement|advert|sponsored( by)?|(supported|presented) by|comments?|leave a (comment|reply)|(post|add|write|show|view|load) (a |your )?comments?( \(\+\))?|tell us what you think|subscribe( to [\w ]+)?|follow us( on \w+)?|you (may|might) (also )?(like|enjoy)|don[’']?t miss|(recent|latest|popular|trending|top|more) (articles|posts|stories|news)( this week)?|popular this week|most (read|popular|viewed|shared)|loading( content)?|media playback is unsupported on your device|skip to (main )?content)\s*(\.\.\.|[:.!…])?(\s*[-–—])?$/i;

/**
 * The same labels in the languages of the world's news sites, each the whole paragraph: an advertisement slot's
 * label ("Реклама", "Anzeige", "פרסומת", "広告") left in the text when its ad is not loaded, the heading of a
 * list of other articles ("Читайте также", "Lire aussi", "Baca juga", "関連記事"), left when the list goes, and
 * of the readers' comments ("Комментарии", "Comentários"). Never prose on their own.
 */
const MAX_WORLD_LABEL_LENGTH = 24;
const WORLD_WIDGET_LABEL = new RegExp(
  String.raw`^(` +
    [
      // Advertisement.
      'advertising|anzeige|werbung|publicité|publicidad|publicidade|pubblicità|anuncio|reklam|reklama|реклама',
      'annons|annonse|reklame|mainos|advertentie|hirdetés',
      'жарнама|إعلان|اعلان|פרסומת|广告|廣告|広告|광고|โฆษณา|विज्ञापन|iklan|quảng cáo',
      'рэклама|գովազդ|რეკლამა|сурталчилгаа',
      // Read also, related.
      'читайте также|смотрите также|по теме|тағы оқыңыз|тақырып бойынша|lire aussi|à lire aussi|lee también',
      'leia também|veja também|lesen sie auch|mehr zum thema|leggi anche|czytaj także|czytaj też|zobacz także',
      'zobacz też|baca juga|чытайце таксама|рекомендуем|похожие новости|похожие материалы|oxşar xəbərlər',
      'ахбори дигар|бошқа янгиликлар|тағы қараңыз',
      // Attached files.
      'прикрепленные файлы|прикреплённые файлы|вложения|тіркелген файлдар|attachments|attached files',
      // Comments.
      'комментарии|добавить комментарий|оставить комментарий|отзывы|добавить отзыв|пікірлер|пікір қалдыру',
      'comentários|comentarios|commentaires|kommentare|commenti|komentarze|yorumlar|reacties|kommentarer',
      'xem thêm|ayrıca okuyun|ilgili haberler|اقرأ أيضا|اقرأ أيضاً|קראו עוד|関連記事|相关阅读|相关新闻|相關新聞|관련기사',
      // The end-of-story mark of Iranian agencies ("end of message").
      'انتهای پیام',
    ].join('|') +
    String.raw`)\s*[:.!…/]?$`,
  'iu',
);

/**
 * The typo notice of Russian-, Kazakh-, Ukrainian- and Uzbek-language sites: "If you notice an error, select it
 * and press Ctrl+Enter". A paragraph naming the keys and an error (ошибк-, помилк-, қате, хато/xato, error,
 * mistake, typo) is the notice, not a sentence about keyboards.
 */
const TYPO_NOTICE = /ctrl\s*\+\s*enter/i;
const TYPO_WORDS = /ошибк|помилк|қате|хато|xato|error|mistake|typo/i;
const MAX_TYPO_NOTICE_LENGTH = 200;

/**
 * Calls to subscribe or follow, in their own paragraph: an imperative first ("Subscribe", "Follow", "Sign up",
 * "Подписывайтесь"; "жазылыңыз" last, as Kazakh puts it) naming a channel in the same sentence — a newsletter,
 * an inbox, a social network, a messenger's channel, a forum — as sites end their stories with ("Follow us on
 * Twitter", "Подписывайтесь на наш Telegram-канал", "Telegram арнамызға жазылыңыз!"). Verbs that also start
 * prose ("Get", "Watch": "Get Out is streaming on YouTube", a film) call only to an inbox or a newsletter ("Get
 * the latest updates right in your inbox."). The verb must start the paragraph and the channel follow it in one
 * sentence (a dot inside a word, as in "NJ.com", ends none): a report of what someone followed on Facebook does
 * not read so.
 */
const CALL_VERB = String.raw`(please\s+)?(subscribe|sign\s+up|follow|join|подписывайтесь|подпишитесь|следите|присоединяйтесь|читайте\s+нас|смотрите\s+нас)`;
const CALL_CHANNEL = String.raw`(newsletters?|magazines?|inbox|twitter|facebook|instagram|youtube|telegram|whatsapp|tiktok|linkedin|forums?|podcasts?|телеграм\p{L}*|канал\p{L}*|рассылк\p{L}*|вконтакте|дзен\p{L}*|соцсет\p{L}*)`;
const WEAK_CALL_VERB = String.raw`(get|click|download|email|listen|read|watch)`;
const WEAK_CALL_CHANNEL = String.raw`(newsletters?|inbox|click(ing)?\s+here)`;
/**
 * `verb` starting a sentence — the paragraph's, or one after a first that sets it up ("Need more space? Subscribe
 * to …", "There's plenty more where that came from. Sign up for …") — then `channel` as a word of the same
 * sentence.
 */
const callPattern = (verb: string, channel: string): string =>
  String.raw`(?:^|[.!?…]\s+)${verb}(?=[\s,:])(?:[^.!?]|\.(?=\S)){0,160}?(?<![\p{L}\p{N}])${channel}(?![\p{L}\p{N}])`;
const CALL_TO_ACTION = new RegExp(
  `${callPattern(CALL_VERB, CALL_CHANNEL)}|${callPattern(WEAK_CALL_VERB, WEAK_CALL_CHANNEL)}`,
  'iu',
);
/** Kazakh puts the verb last: "… Telegram арнамызға жазылыңыз!" */
const CALL_TO_ACTION_KK = /(telegram|youtube|instagram|tiktok|арна\p{L}*)[^.!?]{0,60}жазылыңыз/iu;
const MAX_CALL_LENGTH = 200;

function isCallToAction(paragraph: string): boolean {
  return CALL_TO_ACTION.test(paragraph) || CALL_TO_ACTION_KK.test(paragraph);
}

/**
 * Image credit lines: "Photo: Reuters", "(Image: © NASA)", "Фото: Akorda", "Credit…Doug Mills", "Image source, Getty
 * Images" (the BBC's label, read aloud to screen readers), "Twitter/MFA_KZ" (a platform and an account), a
 * photographer and an agency ("Alex Wong | Getty Images"), or the agency alone.
 */
const CREDIT_LINE =
  /^\(?((photo(graph)?s?|image|picture|illustration|credit|фото|сурет|иллюстрация)\s*(by\b|:|\.{3}|…)|(image|photo|picture) source\s*[,:]|(twitter|x|facebook|instagram|telegram|youtube|tiktok|vk)\s*\/\s*@?[\w.-]+$)|^([^.!?]{0,60}\s[|/]\s*)?(getty( images)?|shutterstock|afp|epa|alamy|ap photo|reuters|associated press)( via [\w ]+)?\)?$/i;
const MAX_CREDIT_LENGTH = 80;

/**
 * A caption that ends with its picture's credit in brackets: "Vicente Aguiar loads trims into his truck (AP
 * Photo/Alan Diaz, File)", "The Hong Kong protests – how they happened (Image: EXPRESS)". A story's sentences cite
 * their sources otherwise.
 */
const CREDITED_CAPTION =
  /\(\s*((AP|AFP|EPA|Reuters|Getty|PA)\s+)?(photo|image|picture|pic|credit|фото)s?\s*(:|\/|by\b)[^()]*\)$/i;
const MAX_CAPTION_LENGTH = 250;

/**
 * The labels of a row of buttons: a share bar's networks and verbs ("Share Tweet Email", "Whatsapp Facebook Pint
 * Baixar"), an account's ("[ Регистрация | Вход ]"), in the languages of news sites. A paragraph of two or more of
 * them and nothing else (a count beside a button aside) is the row, left as text when its icons went.
 */
const BUTTON_WORD = new RegExp(
  '^(' +
    [
      'share|tweet|pin|pint|email|e-mail|mail|print|submit|save|copy|link|download|comment|comments|whatsapp',
      'facebook|twitter|x|pinterest|linkedin|reddit|telegram|viber|messenger|vk|ok|flipboard|tumblr|pocket|sms',
      'compartilhar|compartir|partager|teilen|condividi|udostępnij|paylaş|поделиться|бөлісу|baixar|imprimir|drucken',
      'login|signin|signup|register|регистрация|вход|войти|кіру|тіркелу',
    ].join('|') +
    ')$',
  'i',
);
const MAX_BUTTON_ROW_LENGTH = 120;

function isButtonRow(paragraph: string): boolean {
  const labels = paragraph
    .replace(/\b(log|sign) (in|up)\b/gi, '$1$2') // "Log in" is one button
    .split(/[\s|•·,/[\]()]+/)
    .filter((label) => label !== '' && !/^\d+$/.test(label));
  return labels.length >= 2 && labels.every((label) => BUTTON_WORD.test(label));
}

/**
 * Notices about the comments below a story: WordPress's "You must be logged in to post a comment", "Only registered
 * users can comment", uCoz's "Добавлять комментарии могут только зарегистрированные пользователи".
 */
const COMMENT_NOTICE =
  /\bmust be (logged|signed) in to (post|leave|add|write) (a )?comment|\bonly registered (users|members) can (post |leave |add |write )?comment|комментари\p{L}*.{0,40}только зарегистрированн|только зарегистрированн\p{L}* пользовател\p{L}* могут (оставлять|добавлять|писать) комментари/iu;
const MAX_COMMENT_NOTICE_LENGTH = 200;

/**
 * A cookie banner's text left in the page: the site says it uses cookies and asks the reader to accept, agree or
 * opt out ("This website uses cookies to improve your experience. We'll assume you're ok with this, but you can
 * opt-out if you wish.", "Мы используем файлы cookie…", "Este site utiliza cookies…").
 */
const COOKIE_USE =
  /\b(uses?|use of|using)\s+cookies\b|использ\p{L}*\s+(файлы\s+)?cookies?|(utiliza|usa|utilise|utilisons|verwendet|verwenden|nutzt|utilizza|używa)\s+(des\s+)?cookies/iu;
const COOKIE_ASK =
  /\b(accept|agree|consent|opt[- ]?out|ok with this|cookie policy|privacy policy|experience)|согла[сш]\p{L}*|принима\p{L}*|aceit\p{L}*|acept\p{L}*|accept\p{L}*|zustimm\p{L}*|einverstanden|akzept\p{L}*/iu;
const MAX_COOKIE_NOTICE_LENGTH = 300;

/**
 * An attached file's link left as its name: "Форма заявки (приложение 2).docx", "Annual report 2025.pdf (1.2 MB)",
 * as government and company press releases list them under the text.
 */
const ATTACHED_FILE = /\.(pdf|docx?|xlsx?|pptx?|odt|ods|odp|rtf|zip|rar)(\s*\(?\s*[\d.,]+\s*(kb|mb|кб|мб)\s*\)?)?$/i;
const MAX_FILE_NAME_LENGTH = 160;

/**
 * A story's reading time on a line of its own: "5 min read", "Reading time: 3 minutes", "Tempo de leitura: 1 minuto",
 * "Время чтения: 2 минуты".
 */
const READING_TIME = new RegExp(
  String.raw`^((estimated )?(reading|read) time|tempo de leitura|tiempo de lectura|temps de lecture|lesezeit|tempo di lettura|время чтения|час читання|оқу уақыты)\s*:?\s*(~|about |less than (a|one) |under (a|one) )?\d*\s*\p{L}*\.?$` +
    String.raw`|^\d+\s*(min|mins|minute|minutes|мин|минут\p{L}*)\.?\s+(read|reading|чтения|de leitura|de lectura|de lecture|lesezeit)$`,
  'iu',
);
const MAX_READING_TIME_LENGTH = 48;

/**
 * A story's time stamp on a line of its own, wherever the page left it: "Published April 14, 2026", "Updated 11:42
 * a.m. ET", "First Published: Tuesday, November 19, 2019 08:38 AM", "| UPDATED: 10:43, Tue, Nov 19, 2019",
 * "Обновлено: 12.03.2026". The label, then nothing but a date (a dateline's) or a time of day.
 */
const STAMP_LABEL =
  /^[|•·\s]*((first|last)\s+)?(published|updated|posted|modified|publicado|atualizado|actualizado|publié|mis à jour|veröffentlicht|aktualisiert|опубликовано|обновлено|жарияланды|жаңартылды)(\s+(on|at))?\s*:?\s*/iu;
const TIME_OF_DAY = /^\d{1,2}[:.]\d{2}(\s*[ap]\.?\s?m\.?)?(\s*[A-Z]{2,4})?$/i;
const MAX_STAMP_LENGTH = 80;
const MAX_STAMP_WORDS = 7;

function isTimestampLine(paragraph: string): boolean {
  const label = STAMP_LABEL.exec(paragraph);
  if (!label || label[0].length === paragraph.length) return false;
  const rest = paragraph.slice(label[0].length).trim();
  // A date and a time take a few words ("Tuesday, November 19, 2019 08:38 AM"); more is a sentence with a date in it.
  return TIME_OF_DAY.test(rest) || (rest.split(/\s+/).length <= MAX_STAMP_WORDS && isDatelineParagraph(rest));
}

/**
 * The rules for short paragraphs, in the order they are tried: each judges a paragraph only up to its length
 * (a longer one is prose, whatever it holds).
 */
const SHORT_PARAGRAPH_RULES: readonly (readonly [maxLength: number, matches: (paragraph: string) => boolean])[] = [
  [MAX_WORLD_LABEL_LENGTH, (paragraph) => WORLD_WIDGET_LABEL.test(paragraph)],
  [MAX_TYPO_NOTICE_LENGTH, (paragraph) => TYPO_NOTICE.test(paragraph) && TYPO_WORDS.test(paragraph)],
  [MAX_CREDIT_LENGTH, (paragraph) => CREDIT_LINE.test(paragraph)],
  [MAX_CAPTION_LENGTH, (paragraph) => CREDITED_CAPTION.test(paragraph)],
  [MAX_CALL_LENGTH, isCallToAction],
  [MAX_BUTTON_ROW_LENGTH, isButtonRow],
  [MAX_COMMENT_NOTICE_LENGTH, (paragraph) => COMMENT_NOTICE.test(paragraph)],
  [MAX_COOKIE_NOTICE_LENGTH, (paragraph) => COOKIE_USE.test(paragraph) && COOKIE_ASK.test(paragraph)],
  [MAX_READING_TIME_LENGTH, (paragraph) => READING_TIME.test(paragraph)],
  [MAX_FILE_NAME_LENGTH, (paragraph) => ATTACHED_FILE.test(paragraph)],
  [MAX_STAMP_LENGTH, isTimestampLine],
  [MAX_COPYRIGHT_LENGTH, (paragraph) => COPYRIGHT_PATTERNS.some((pattern) => pattern.test(paragraph))],
];

/**
 * Whether a paragraph is boilerplate (a licence or copyright notice, a widget label) rather than
 * article text.
 */
export function isBoilerplateParagraph(paragraph: string): boolean {
  if (paragraph.length > MAX_NOTICE_LENGTH) return false;
  if (WIDGET_LABEL.test(paragraph) || isNotice(paragraph)) return true;
  return SHORT_PARAGRAPH_RULES.some(([maxLength, matches]) => paragraph.length <= maxLength && matches(paragraph));
}

/** A dateline is short and is not a sentence: no closing punctuation. */
const MAX_DATELINE_LENGTH = 100;

/**
 * Whether a paragraph is a dateline ("Astana, Kazakhstan • 23 January, 2023 | 10:11", "March 9, 2017")
 * rather than prose ("On 5 March the senate voted."): short, unpunctuated, and holding a date.
 */
export function isDatelineParagraph(paragraph: string): boolean {
  if (paragraph.length > MAX_DATELINE_LENGTH || /[.!?…;]["”»’')]*$/.test(paragraph)) return false;
  // Every date parseDate reads has a year in ASCII digits: without one, no need to try its patterns.
  if (!/\d/.test(paragraph)) return false;
  return parseDate(paragraph) !== undefined;
}
