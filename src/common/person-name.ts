/**
 * How a person is named in messages: the display name as the coordinator typed it (trimmed). A display name is a
 * 仮名・コード such as 「Aさん（C-001）」, often with its honorific already, so nothing is appended: adding さん gave
 * 「Aさん（C-001）さん」. An empty name reads 「ご本人」.
 */
export function addressOf(displayName: string | null | undefined): string {
  return (displayName ?? '').trim() || 'ご本人';
}
