/**
 * The extract stage's field normalisers, table-driven: dates, URLs, titles, boilerplate paragraphs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isBoilerplateParagraph, isDatelineParagraph } from '../../../src/core/extract/boilerplate.ts';
import { readRegistrableDomain as readRegistrableHost } from '../../../src/core/same-site.ts';
import { cleanUrl } from '../../../src/core/url.ts';
import { parseDate } from '../../../src/core/dates.ts';
import { cleanDocumentTitle, stripSiteSuffix } from '../../../src/core/extract/title.ts';
import { cleanDocumentTitleBefore, stripSiteSuffixBefore } from '../../helpers/title-before.ts';

describe('parseDate', () => {
  const cases: [string, string | undefined, string][] = [
    // ISO 8601 / RFC 3339
    ['2023-01-23T10:11:00+06:00', undefined, '2023-01-23T04:11:00.000Z'],
    ['2023-01-23T10:11:00Z', '+05:00', '2023-01-23T10:11:00.000Z'],
    ['2023-01-23T10:11:00.123456-0400', undefined, '2023-01-23T14:11:00.123Z'],
    ['2017-11-03 03:01:00.000000', undefined, '2017-11-03T03:01:00.000Z'],
    ['2023-01-23T10:11', '+05:00', '2023-01-23T05:11:00.000Z'],
    ['2024-06-25', undefined, '2024-06-25T00:00:00.000Z'],
    // RFC 822 / 2822
    ['Mon, 23 Jan 2023 10:11:00 +0600', undefined, '2023-01-23T04:11:00.000Z'],
    ['Mon, 23 Jan 2023 10:11:00 GMT', '+05:00', '2023-01-23T10:11:00.000Z'],
    ['23 Jan 23 10:11 EST', undefined, '2023-01-23T15:11:00.000Z'],
    ['Mon, 23 Jan 2023 10:11:00', '+05:00', '2023-01-23T05:11:00.000Z'],
    // Human datelines
    ['23 January, 2023 | 10:11', undefined, '2023-01-23T10:11:00.000Z'],
    ['Astana, Kazakhstan • 23 January, 2023 | 10:11', '+06:00', '2023-01-23T04:11:00.000Z'],
    ['Astana, Kazakhstan • 23 January, 2023 | 10:11', '+05:00', '2023-01-23T05:11:00.000Z'],
    ['March 11, 2015 3:46 PM', undefined, '2015-03-11T15:46:00.000Z'],
    ['Published January 23rd, 2023 at 12:05 am', undefined, '2023-01-23T00:05:00.000Z'],
    ['23 января 2023', '+06:00', '2023-01-22T18:00:00.000Z'],
    ['23 января 2023 г., 10:11', '+06:00', '2023-01-23T04:11:00.000Z'],
    ['Опубликовано: 1 марта 2024, 09:00', 'UTC', '2024-03-01T09:00:00.000Z'],
    ['23 қаңтар 2023, 10:11', '+05:00', '2023-01-23T05:11:00.000Z'],
    ['23.01.2023 10:11', '+06:00', '2023-01-23T04:11:00.000Z'],
    // Year first (Korea, Japan, China) and the CJK date words, a weekday in brackets between date and time
    ['기사입력 2026.03.12 14:20', '+09:00', '2026-03-12T05:20:00.000Z'],
    ['2026/03/12 14:20', '+08:00', '2026-03-12T06:20:00.000Z'],
    ['2026年3月12日（木） 14時20分', '+09:00', '2026-03-12T05:20:00.000Z'],
    ['2026年03月12日 14:20', '+08:00', '2026-03-12T06:20:00.000Z'],
    ['2026년 3월 12일 14:20', '+09:00', '2026-03-12T05:20:00.000Z'],
    ['2026年3月12日', 'UTC', '2026-03-12T00:00:00.000Z'],
    // A time printed before its date (Uzbek, Russian, Kazakh sites); one that is no time leaves the date alone
    ['14:20 / 12.03.2026', '+05:00', '2026-03-12T09:20:00.000Z'],
    ['09:00, 12 марта 2026', '+05:00', '2026-03-12T04:00:00.000Z'],
    ['99:99 12.03.2026', 'UTC', '2026-03-12T00:00:00.000Z'],
    // DataLife Engine's `d-m-Y, H:i`, day first as with dots
    ['Автор: Светлана от 12-03-2026, 14:20, Посмотрели: 2 318', '+03:00', '2026-03-12T11:20:00.000Z'],
    ['Updated: 2023-01-23 10:11', undefined, '2023-01-23T10:11:00.000Z'],
    ['23 January 2023 10:11 Zhezkazgan time', '+05:00', '2023-01-23T05:11:00.000Z'],
    ['23 January 2023 10:11 UTC+6', '+05:00', '2023-01-23T04:11:00.000Z'],
    // IANA zones, across Kazakhstan's 2024 switch from UTC+6 to UTC+5
    ['23 January 2023 10:11', 'Asia/Almaty', '2023-01-23T04:11:00.000Z'],
    ['23 January 2025 10:11', 'Asia/Almaty', '2025-01-23T05:11:00.000Z'],
  ];

  it.each(cases)('%s (zone %s) → %s', (text, timezone, expected) => {
    expect(parseDate(text, timezone)).toBe(expected);
  });

  it.each([
    '',
    'yesterday',
    '31 February 2023',
    '2023-13-01',
    '1 January 20234',
    'May the force be with you',
    '12345',
    // Month first in the United States: slashes stay unread; separators must agree
    '03/12/2026',
    '12-03.2026',
    '2026.13.12',
    '2026/03.12',
  ])('rejects %j', (text) => {
    expect(parseDate(text)).toBeUndefined();
  });

  it('round-trips every instant written as ISO 8601 (property)', () => {
    const instant = fc.date({
      min: new Date('1990-01-01T00:00:00Z'),
      max: new Date('2150-01-01T00:00:00Z'),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(instant, (date) => {
        const iso = new Date(Math.floor(date.getTime() / 1000) * 1000).toISOString();
        return parseDate(iso) === iso;
      }),
    );
  });
});

describe('cleanUrl', () => {
  const cases: [string, string][] = [
    ['https://example.com/a?utm_source=x&utm_medium=y&utm_campaign=z', 'https://example.com/a'],
    ['https://example.com/a?id=7&UTM_Source=x#section-2', 'https://example.com/a?id=7'],
    [
      'https://example.com/a?fbclid=1&gclid=2&dclid=3&msclkid=4&mc_cid=5&mc_eid=6&yclid=7&_ga=8&igshid=9',
      'https://example.com/a',
    ],
    ['https://example.com/search?q=a%20b&page=2&utm_term=c', 'https://example.com/search?q=a%20b&page=2'],
    ['HTTPS://Example.COM:443/path/../a', 'https://example.com/a'],
    ['not a url', 'not a url'],
    ['ftp://example.com/file', 'ftp://example.com/file'],
  ];

  it.each(cases)('%s → %s', (input, expected) => {
    expect(cleanUrl(input)).toBe(expected);
  });

  it('is idempotent (property)', () => {
    fc.assert(
      fc.property(
        fc.webUrl({ withQueryParameters: true, withFragments: true }),
        (url) => cleanUrl(cleanUrl(url)) === cleanUrl(url),
      ),
    );
  });
});

describe('readRegistrableHost', () => {
  it.each([
    ['en.qazmonitor.com', 'qazmonitor.com'],
    ['qazmonitor.com', 'qazmonitor.com'],
    ['www.bbc.co.uk', 'bbc.co.uk'],
    ['news.gov.kz', 'news.gov.kz'],
    ['www.akorda.gov.kz', 'akorda.gov.kz'],
    ['fakehost', 'fakehost'],
    ['127.0.0.1', '127.0.0.1'],
  ])('%s → %s', (host, expected) => {
    expect(readRegistrableHost(host)).toBe(expected);
  });
});

describe('titles', () => {
  it.each([
    ['Sugar tax works, study finds | The Daily', 'Sugar tax works, study finds'],
    ['The Daily - Sugar tax works, study finds', 'Sugar tax works, study finds'],
    ['Sugar tax works, study finds', 'Sugar tax works, study finds'],
    ['News » World » Sugar tax works, study finds', 'News » World » Sugar tax works, study finds'],
    ['Short | Site', 'Short | Site'],
  ])('cleanDocumentTitle(%j) → %j', (title, expected) => {
    expect(cleanDocumentTitle(title, [])).toBe(expected);
  });

  it('keeps a colon that belongs to the story, drops a site prefix before one', () => {
    expect(cleanDocumentTitle('Review: a quiet phone', ['Review: a quiet phone'])).toBe('Review: a quiet phone');
    expect(cleanDocumentTitle('Example Daily: Sugar tax works, study finds', [])).toBe('Sugar tax works, study finds');
  });

  it('cuts and strips every title as before it found separators with exec instead of matchAll', () => {
    const segment = fc.constantFrom(
      'Review',
      'a quiet phone',
      'Sugar tax works, study finds',
      'Site',
      'ＴＭＺ.com',
      'x',
      '',
    );
    const joint = fc.constantFrom(
      ' | ',
      ' - ',
      ' — ',
      ' :: ',
      ' » ',
      ' / ',
      ': ',
      ' ',
      ' | | ',
      ' - - ',
      ' :: :: ',
      '|',
    );
    const title = fc
      .array(fc.tuple(joint, segment), { minLength: 1, maxLength: 4 })
      .map((parts) => parts.flat().join(''))
      .chain((text) => fc.constantFrom(text, text.trim(), ` ${text}\u00a0`));
    const headings = fc.array(fc.oneof(title, segment), { maxLength: 3 });
    const names = fc.array(
      fc.option(fc.constantFrom('Site', 'tmz.com', 'The Daily', 'site :: x', ''), { nil: undefined }),
      {
        maxLength: 3,
      },
    );
    fc.assert(
      fc.property(title, headings, headings, names, (text, h2s, h1s, siteNames) => {
        expect(cleanDocumentTitle(text, [...h1s, ...h2s], h1s)).toBe(
          cleanDocumentTitleBefore(text, [...h1s, ...h2s], h1s),
        );
        const stripped = stripSiteSuffixBefore(text, siteNames);
        expect(stripSiteSuffix(text, siteNames)).toBe(stripped);
        expect(stripSiteSuffix(text, () => siteNames)).toBe(stripped);
      }),
      { numRuns: 4000 },
    );
  });

  it.each([
    ['Story - The Qazaqstan Monitor', ['The Qazaqstan Monitor'], 'Story'],
    ['Story | QazMonitor', [undefined, 'qazmonitor.com', 'qazmonitor'], 'Story'],
    ['Story | TMZ.com', ['tmz.com'], 'Story'],
    ['Story | Columnist Name', ['the Guardian'], 'Story | Columnist Name'],
    ['Story :: Site :: Network', ['Site', 'Network'], 'Story'],
    ['- Site', ['Site'], '- Site'],
    // The full-width bar, written without spaces in Japanese and Chinese titles
    ['自動運転バス、北陸初｜北陸日報デジタル', ['北陸日報デジタル'], '自動運転バス、北陸初'],
    ['自動運転バス｜社会', ['北陸日報デジタル'], '自動運転バス｜社会'],
  ])('stripSiteSuffix(%j, %j) → %j', (title, names, expected) => {
    expect(stripSiteSuffix(title, names)).toBe(expected);
  });
});

describe('boilerplate paragraphs', () => {
  it.each([
    'Only 30% of an article published on The Qazaqstan Monitor website may be used with a mandatory hyperlink provided to indicate the original source.',
    'To re-publish the full article, written permission from the editorial is required.',
    '© 2023 Example Media. All rights reserved.',
    'Copyright 2024 Example',
    'При полном или частичном использовании материалов ссылка на источник обязательна',
    'Share this:',
    'Related articles',
    'Advertisement',
    'Twitter/MFA_KZ',
    'Photo: Reuters',
    'Image source, Getty Images',
    'Фото: пресс-служба Акорды',
    'Реклама',
    'פרסומת',
    '広告',
    'Anzeige',
    'Читайте также:',
    'Baca juga',
    'Lire aussi',
    '관련기사',
    'REKLAMA',
    'ANNONS',
    'Գովազդ',
    'Рекомендуем',
    'Oxşar xəbərlər',
    'Если вы заметили ошибку в тексте, выделите её мышью и нажмите Ctrl+Enter',
    'Матнда хатолик топдингизми? Уни белгилаб, Ctrl+Enter тугмасини босинг.',
    'Pubblicità',
    'Zobacz też:',
    'انتهای پیام/',
    'You may also like...',
    "DON'T MISS",
    'RECENT ARTICLES',
    'Most read',
    'Loading content ...',
    'Media playback is unsupported on your device',
    'Advert',
    'Skip to content',
    '- Advertisement -',
    'Supported by',
    'Sponsored by',
    'Presented by:',
    // Calls to subscribe or follow.
    "Get the latest updates right in your inbox. Subscribe to NJ.com's newsletters.",
    'Click here to subscribe to The Paradigm Newsletter',
    'Follow Newsbeat on Instagram, Facebook, Twitter and YouTube.',
    'Sign up for The Water Coolest today to get the free daily newsletter delivered to your inbox daily.',
    'Join our Space Forums to keep talking space on the latest missions, night sky and more!',
    'GET FOX BUSINESS ON THE GO BY CLICKING HERE',
    'Подписывайтесь на наш Telegram-канал — там самые быстрые новости края',
    'Подпишитесь на рассылку «Бизнес-Вектор Инвестиции»: главное о котировках до открытия торгов',
    'Жаңалықтарды бірінші болып білгіңіз келсе, Telegram арнамызға жазылыңыз!',
    // A call after a sentence that sets it up.
    "There's plenty more where that came from. Sign up for The Water Coolest today to get the free daily newsletter.",
    'Need more space? Subscribe to our sister title "All About Space" Magazine for the latest news!',
    'READ MORE ON FOX BUSINESS BY CLICKING HERE',
    // Rows of buttons.
    'Share Tweet Submit',
    'Whatsapp Facebook Pint Baixar',
    'Share 12 | Email | Print',
    '[ Регистрация | Вход ]',
    // The comments.
    'Post Comment (+)',
    'Tell us what YOU think...',
    'Комментарии',
    'Comentários',
    'You must be logged in to post a comment.',
    'Добавлять комментарии могут только зарегистрированные пользователи.',
    // Reading time.
    '5 min read',
    'Reading time: 3 minutes',
    'Tempo de leitura: 1 minuto',
    'Оқу уақыты: 3 минут',
    // Credits, and captions ending with one.
    'Alex Wong | Getty Images',
    'Natalie Naccache | Bloomberg | Getty Images',
    '(Image: © NASA/ESA/K. Retherford/SWRI)',
    'Credit...Doug Mills/The New York Times',
    'Getty Images',
    'Vicente Aguiar loads garage door trims into his pickup truck in Hialeah, Fla. (AP Photo/Alan Diaz, File)',
    'The Hong Kong Protests - how they happened (Image: EXPRESS )',
    // Attached files.
    'Прикрепленные файлы',
    'Форма заявки на получение субсидий (приложение 2).docx',
    'Annual report 2025.pdf (1.2 MB)',
    // Time stamps.
    'Published April 14, 2026',
    'Updated 11:42 a.m. ET',
    'First Published: Tuesday, November 19, 2019 08:38 AM',
    '| UPDATED: 10:43, Tue, Nov 19, 2019',
    'Обновлено: 12.03.2026',
    // Cookie banners.
    "This website uses cookies to improve your experience. We'll assume you're ok with this, but you can opt-out if you wish. Read More",
    'Мы используем файлы cookie. Продолжая пользоваться сайтом, вы соглашаетесь с этим.',
    'Este site utiliza cookies. Ao continuar navegando, você aceita a nossa política de privacidade.',
  ])('drops %j', (paragraph) => {
    expect(isBoilerplateParagraph(paragraph)).toBe(true);
  });

  it.each([
    'The court ruled that the copyright claim was unfounded and dismissed the case.',
    '© Provided by Business Insider Inc Nintendo and Apple shocked the world earlier this year by announcing "Super Mario Run," the legendary gaming company\'s first foray into mobile gaming, a game you can play with one hand.',
    'Shareholders approved the merger on Tuesday.',
    'Реклама на остановках подорожает с апреля.',
    'Baca juga laporan lengkapnya di halaman berikut.',
    'In the new editor, Ctrl+Enter sends the message and Shift+Enter starts a new line.',
    // Reports that name a channel, not calls to use it.
    'Follow-up talks with Facebook and Twitter are planned for March, the ministry said.',
    'Following the vote, the minister posted the results on Telegram.',
    'The channel gained a million subscribers on YouTube in a week.',
    'Get ready. The council votes on the budget tomorrow, and the mayor has said on Facebook she will veto it.',
    'Подписывайтесь — говорил он всем, кто приходил на митинг.',
    'Most read books of the year were thrillers.',
    'Image source data from the satellite was shared with the agency.',
    '- Advertisement budgets grew by a third, the survey found.',
    'You may also like the new tram timetable, the mayor said.',
    'Supported by donations, the library stayed open.',
    'Get Out is currently streaming on HBO Go and HBO Now, and is available to digitally rent on iTunes, Amazon, Google Play, YouTube, and Vudu.',
    'The minister resigned. Follow-up talks with Facebook are planned for March.',
    'Facebook sues WhatsApp',
    'Share prices fell.',
    'Print and email remain popular.',
    'Comments were closed after the ruling.',
    'The reading time of the report is long: 40 minutes.',
    'Getty Images sued Stability AI over the pictures.',
    'Reuters reported the deal on Monday.',
    'The museum showed the photo (taken in 1961) for the first time.',
    'The full ruling is published as ruling-2026-14.pdf.',
    'Published in',
    'Updated 2024 figures show a rise.',
    'Posted: the minister wrote on March 3, 2024 that he would resign',
    'The regulator found that the retailer uses cookies to follow shoppers from site to site without telling them.',
  ])('keeps %j', (paragraph) => {
    expect(isBoilerplateParagraph(paragraph)).toBe(false);
  });

  it('tells a dateline from a sentence with a date', () => {
    expect(isDatelineParagraph('Astana, Kazakhstan • 23 January, 2023 | 10:11')).toBe(true);
    expect(isDatelineParagraph('March 9, 2017')).toBe(true);
    expect(isDatelineParagraph('On 5 March 2024 the senate voted on the bill.')).toBe(false);
  });
});
