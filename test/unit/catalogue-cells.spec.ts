import {
  formatSchedule,
  parseAccommodations,
  parseCount,
  parseOrganizationKind,
  parsePhone,
  parseResourceType,
  parseReward,
  parseSchedule,
  parseYes,
} from '../../src/catalogue-import/cell-parsers';
import { findHeaderRow, guessMapping, TEMPLATE_FIELDS, TEMPLATE_HEADERS } from '../../src/catalogue-import/import.columns';
import { rowToRecord } from '../../src/catalogue-import/import.record';

describe('catalogue import: values as people type them', () => {
  it.each([
    [
      '毎週火・木 10時～12時',
      '',
      [
        ['tue', '10:00', '12:00'],
        ['thu', '10:00', '12:00'],
      ],
      null,
    ],
    ['第2・第4土曜 13:30-15:00', '', [['sat', '13:30', '15:00']], '第2・第4土曜'],
    [
      '月・水・金',
      '１０：００〜１２：００',
      [
        ['mon', '10:00', '12:00'],
        ['wed', '10:00', '12:00'],
        ['fri', '10:00', '12:00'],
      ],
      null,
    ],
    [
      '火 10:00-12:00、木 13:00-15:00',
      '',
      [
        ['tue', '10:00', '12:00'],
        ['thu', '13:00', '15:00'],
      ],
      null,
    ],
    ['月～金', '9時半～11時', [1, 2, 3, 4, 5].map((i) => [['', 'mon', 'tue', 'wed', 'thu', 'fri'][i], '09:30', '11:00']), null],
    ['水曜日', '午後1時～3時', [['wed', '13:00', '15:00']], null],
    [
      '土日',
      '10:00-16:00',
      [
        ['sat', '10:00', '16:00'],
        ['sun', '10:00', '16:00'],
      ],
      null,
    ],
  ])('%s %s → slots', (days, time, slots, frequency) => {
    const parsed = parseSchedule(days, time);
    expect(parsed.value.slots.map((s) => [s.day, s.start, s.end])).toEqual(slots);
    expect(parsed.value.frequencyNote).toBe(frequency);
    expect(parsed.warning).toBeUndefined();
  });

  it('月2回 is a frequency, not Monday; 平日午前 is read with a warning', () => {
    expect(parseSchedule('月2回').value).toEqual({ slots: [], frequencyNote: '月2回' });
    expect(parseSchedule('月2回').warning).toBeUndefined();
    const weekday = parseSchedule('平日午前');
    expect(weekday.value.slots.map((s) => s.day)).toEqual(['mon', 'tue', 'wed', 'thu', 'fri']);
    expect(weekday.value.slots[0]).toMatchObject({ start: '09:00', end: '12:00' });
    expect(weekday.warning).toContain('午前');
    expect(parseSchedule('火・木').warning).toContain('時間が分からない');
  });

  it('the canonical schedule text reads back to the same slots', () => {
    const slots = parseSchedule('毎週火・木 10時～12時、土 13:30-15:00').value.slots;
    expect(parseSchedule(formatSchedule(slots)).value.slots).toEqual(slots);
  });

  it('counts, yes marks, phones', () => {
    expect(parseCount('３名', '定員')).toEqual({ value: 3 });
    expect(parseCount('2～3名', '定員').value).toBe(3);
    expect(parseCount('2～3名', '定員').warning).toContain('上限');
    expect(parseCount('若干名', '定員')).toMatchObject({ value: null, warning: expect.stringContaining('若干名') });
    for (const yes of ['○', '✓', '可', '〇', 'あり']) expect(parseYes(yes, '見学').value).toBe(true);
    for (const no of ['×', '不可', 'なし']) expect(parseYes(no, '見学').value).toBe(false);
    expect(parseYes('たぶん', '見学').warning).toContain('たぶん');
    expect(parsePhone('０３ー１２３４ー５６７８')).toEqual({ value: '03-1234-5678' });
    expect(parsePhone('03(1234)5678')).toEqual({ value: '03-1234-5678' });
    expect(parsePhone('内線のみ').warning).toBeDefined();
  });

  it('kinds, types and rewards', () => {
    expect(parseOrganizationKind('NPO法人').value.kind).toBe('npo');
    expect(parseOrganizationKind('協同組合（JA）').value.kind).toBe('cooperative');
    expect(parseOrganizationKind('商店街振興組合').value.kind).toBe('commerce_association');
    expect(parseOrganizationKind('', '株式会社みどり商事').value.kind).toBe('company');
    expect(parseOrganizationKind('よく分からない団体種別').value).toEqual({ kind: 'other', kindLabel: 'よく分からない団体種別' });
    expect(parseResourceType('居場所').value).toBe('ibasho');
    expect(parseResourceType('子ども食堂').value).toBe('ibasho');
    expect(parseResourceType('就労体験').value).toBe('work_experience');
    expect(parseResourceType('謎').value).toBe('other');
    expect(parseReward('交通費のみ').value).toBe('honorarium');
    expect(parseReward('時給1000円').value).toBe('paid');
    expect(parseReward('無償').value).toBe('unpaid');
    expect(parseAccommodations('見学可、少人数・送迎あり、犬がいます')).toEqual({
      codes: ['visit_ok', 'small_group', 'transport'],
      unknown: ['犬がいます'],
    });
  });
});

describe('catalogue import: headers', () => {
  it('finds the header row below a title and maps the usual Japanese headers', () => {
    const rows = [['○○市 社会資源リスト'], [], ['No.', '団体名', '法人格', '事業名', '活動内容', '圏域', '定員（人）', '謝礼', '見学']];
    const found = findHeaderRow(rows);
    expect(found?.index).toBe(2);
    expect(found?.mapping).toEqual({
      1: 'organizationName',
      2: 'organizationKind',
      3: 'title',
      4: 'description',
      5: 'area',
      6: 'capacity',
      7: 'reward',
      8: 'visit',
    });
  });

  it('uses the explicit mapping first, then remembered headers; null ignores a column', () => {
    const headers = ['事業所', '活動', '内容'];
    expect(guessMapping(headers, { 事業所: 'organizationName', 内容: null }, { 活動: 'title' })).toEqual({
      0: 'organizationName',
      1: 'title',
    });
  });

  it('reads contact headers as contact fields wherever the word stands; the most specific header wins', () => {
    const field = (header: string, others: string[] = ['団体名', '活動名']) => guessMapping([...others, header])[others.length] ?? null;
    // The trial's list: 「担当者連絡先」 held the number and was read as 担当者.
    expect(field('担当者連絡先')).toBe('contact');
    expect(field('担当者 連絡先')).toBe('contact');
    expect(field('担当者・連絡先')).toBe('contact');
    expect(field('連絡先（電話）')).toBe('contact');
    expect(field('連絡先電話番号')).toBe('phone');
    expect(field('担当者電話番号')).toBe('phone');
    expect(field('担当者TEL')).toBe('phone');
    expect(field('ＴＥＬ')).toBe('phone');
    expect(field('電話番号（代表）')).toBe('phone');
    expect(field('携帯電話')).toBe('phone');
    expect(field('担当者メール')).toBe('email');
    expect(field('E-mail')).toBe('email');
    expect(field('連絡先メールアドレス')).toBe('email');
    expect(field('問い合わせ先')).toBe('contact');
    expect(field('電話・メール')).toBe('contact');
    expect(field('FAX番号')).toBeNull();
    // A name column stays a name.
    expect(field('担当者')).toBe('contactPerson');
    expect(field('担当者名')).toBe('contactPerson');
    expect(field('担当者名（ふりがな）')).toBe('contactPerson');
    // A list with both: each column to its own field.
    expect(guessMapping(['団体名', '活動名', '担当者', '担当者連絡先', 'メール'])).toEqual({
      0: 'organizationName',
      1: 'title',
      2: 'contactPerson',
      3: 'contact',
      4: 'email',
    });
    expect(guessMapping(['団体名', '活動名', '担当者名', '担当者電話', '担当者メール'])).toEqual({
      0: 'organizationName',
      1: 'title',
      2: 'contactPerson',
      3: 'phone',
      4: 'email',
    });
  });

  it('a 担当者連絡先 column fills the phone (and a name beside it the person), not the 担当者', () => {
    const headers = ['団体名', '活動名', '担当者', '担当者連絡先'];
    const mapping = guessMapping(headers);
    const record = rowToRecord(2, ['NPO法人あおば', '農作業', '山田', '０３－１２３４－５６７８'], mapping, headers);
    expect(record.organization.contact).toEqual({ person: '山田', phone: '03-1234-5678' });
    const mixed = rowToRecord(3, ['NPO法人あおば', '農作業', '', '03-1234-5678 aoba@example.jp（佐藤）'], mapping, headers);
    expect(mixed.organization.contact).toEqual({ person: '佐藤', phone: '03-1234-5678', email: 'aoba@example.jp' });
  });

  it('the template headers map onto themselves', () => {
    expect(Object.values(guessMapping(TEMPLATE_HEADERS))).toEqual(TEMPLATE_FIELDS);
  });
});
