/**
 * Honorifics a coordinator may already have typed into a display name. A name ending in one of them
 * is used as it is, so that messages never read 「テストBさんさん」 or 「山田様さん」.
 */
const HONORIFICS = ['さん', 'サン', 'さま', '様', 'サマ', '君', 'くん', 'クン', 'ちゃん', 'チャン', '殿', '氏', '先生'];

/** How a person is addressed in messages: 「Aさん」, and 「B様」 left as typed. */
export function addressOf(displayName: string | null | undefined): string {
  // NFKC so that a half-width ｻﾝ typed into the name counts as さん's katakana form too.
  const name = (displayName ?? '').normalize('NFKC').trim();
  if (!name) return 'ご本人';
  return HONORIFICS.some((h) => name.endsWith(h)) ? name : `${name}さん`;
}
