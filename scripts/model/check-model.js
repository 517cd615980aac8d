#!/usr/bin/env node
/*
 * sanka-ja-static-v1 の確認（node scripts/model/check-model.js [--dir DIR]）。
 * 既定では models/sanka-ja-static-v1 を、サービスと同じ transformers.js の feature-extraction パイプラインで読み込み、
 *   (a) 384 次元であること
 *   (b) 関連する組の類似度が、どの無関係な組の類似度よりも高いこと
 *   (c) 同じ入力に 2 回とも同じベクトルを返すこと
 *   (d) 32 件のバッチが動き、1 件ずつの結果と一致すること
 *   (e) 参加者の希望 5 件それぞれに、対応する地域資源の説明が最も近いこと
 * を確かめ、ひとつでも満たさなければ終了コード 1 で終わる。あわせて埋め込みの速度（件/秒）を表示する。
 */
'use strict';

const path = require('node:path');
const fs = require('node:fs');

const ROOT = path.resolve(__dirname, '..', '..');
const MODEL_NAME = 'sanka-ja-static-v1';
const DIMS = 384;

function parseArgs(argv) {
  let dir = path.join(ROOT, 'models', MODEL_NAME);
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--dir' || argv[i] === '--out') dir = path.resolve(argv[++i] ?? '');
    else if (argv[i].startsWith('--dir=')) dir = path.resolve(argv[i].slice(6));
    else if (argv[i] === '--help' || argv[i] === '-h') {
      console.log('usage: node scripts/model/check-model.js [--dir MODEL_DIR]');
      process.exit(0);
    } else throw new Error(`unknown argument: ${argv[i]}`);
  }
  return { dir };
}

// 関連する組（左右が同じ話題・同義）
const RELATED = [
  ['人と話すのが苦手', '会話が少ない作業'],
  ['畑で草取り', '農作業の手伝い'],
  ['掃除', '清掃'],
  ['子ども食堂で調理', '食事づくりのボランティア'],
  ['居場所', 'たまり場'],
  ['農作業', '畑仕事'],
  ['会話', 'おしゃべり'],
  ['パソコンが得意', 'データ入力の作業'],
  ['昼夜逆転しているので午後から', '夕方からの活動'],
  ['体を動かしたい', '運動やスポーツ'],
  ['子どもと遊ぶのが好き', '学童保育の手伝い'],
  ['犬や猫が好き', '保護猫の世話'],
];
// 無関係な組
const UNRELATED = [
  ['農作業', 'パソコン入力'],
  ['掃除', '音楽'],
  ['たまり場', 'データ入力'],
  ['子ども食堂で調理', 'パソコン入力'],
  ['パソコンが得意', '犬の散歩'],
  ['畑で草取り', 'カラオケで歌う'],
  ['人と話すのが苦手', '野菜の収穫'],
  ['会話', '封筒の袋詰め'],
];

// 参加者の希望（コーディネーターのメモ）と、それぞれに合う地域資源
const NEEDS = [
  '人と話すのが苦手。静かな場所で黙々とできる作業を、週1回短時間から',
  '体を動かすのは好き。外の作業がいい。畑や草取りなど',
  '昼夜逆転しているので午後から。同じ世代の人がいる居場所を探している',
  'パソコンが得意。データ入力やチラシ作りなら手伝える',
  '子どもが好きで、子ども食堂で料理を手伝いたい',
];
const RESOURCES = [
  '作業所での封入・袋詰めの軽作業。一人で集中して取り組めます。',
  '市民農園で野菜の収穫と草むしりをするボランティア',
  '若者が集まるフリースペース。午後1時から夕方まで開いています',
  'NPO事務局でのエクセル入力や広報チラシの作成',
  'こども食堂の調理スタッフ（食事づくりのお手伝い）',
];

function cos(a, b) {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}
const row = (t, i) => t.data.subarray(i * t.dims[1], (i + 1) * t.dims[1]);

async function main() {
  const { dir } = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(path.join(dir, 'onnx', 'model.onnx'))) {
    console.error(`モデルがありません: ${dir}（npm run model:build で作成してください）`);
    process.exit(1);
  }
  const { pipeline, env } = await import('@xenova/transformers');
  env.localModelPath = path.dirname(dir) + path.sep;
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  const t0 = Date.now();
  const extractor = await pipeline('feature-extraction', path.basename(dir), { quantized: false });
  console.log(`読み込み ${Date.now() - t0} ms: ${dir}`);
  const embed = (texts) => extractor(texts, { pooling: 'mean', normalize: true });
  const failures = [];

  // (a)
  const sample = await embed(['人と話すのが苦手です', '畑で野菜の収穫を手伝う']);
  console.log(`\n(a) dims = [${sample.dims.join(', ')}]`);
  if (sample.dims.length !== 2 || sample.dims[0] !== 2 || sample.dims[1] !== DIMS) failures.push(`(a) dims が [2, ${DIMS}] ではない`);

  // (b)
  const texts = [...new Set([...RELATED.flat(), ...UNRELATED.flat()])];
  const out = await embed(texts);
  const vec = new Map(texts.map((t, i) => [t, row(out, i)]));
  const table = (pairs) => pairs.map(([a, b]) => ({ a, b, sim: cos(vec.get(a), vec.get(b)) }));
  const rel = table(RELATED);
  const unrel = table(UNRELATED);
  const pad = (s, n) => s + ' '.repeat(Math.max(0, n - [...s].reduce((w, c) => w + (c.charCodeAt(0) > 0xff ? 2 : 1), 0)));
  console.log('\n(b) 関連する組');
  for (const r of rel) console.log(`  ${r.sim.toFixed(3)}  ${pad(r.a, 34)} ~ ${r.b}`);
  console.log('    無関係な組');
  for (const r of unrel) console.log(`  ${r.sim.toFixed(3)}  ${pad(r.a, 34)} ~ ${r.b}`);
  const minRel = Math.min(...rel.map((r) => r.sim));
  const maxUnrel = Math.max(...unrel.map((r) => r.sim));
  console.log(`  関連の最小 ${minRel.toFixed(3)} / 無関係の最大 ${maxUnrel.toFixed(3)}`);
  if (!(minRel > maxUnrel)) failures.push(`(b) 関連の最小 ${minRel.toFixed(3)} が無関係の最大 ${maxUnrel.toFixed(3)} 以下`);

  // (c)
  const again = await embed(texts);
  let identical = again.data.length === out.data.length;
  for (let i = 0; identical && i < out.data.length; i++) if (out.data[i] !== again.data[i]) identical = false;
  console.log(`\n(c) 2 回の呼び出しで同一: ${identical ? 'はい' : 'いいえ'}`);
  if (!identical) failures.push('(c) 2 回の呼び出しでベクトルが異なる');
  for (let i = 0; i < out.dims[0]; i++) {
    if (row(out, i).some((x) => !Number.isFinite(x))) failures.push(`(c) 「${texts[i]}」のベクトルに NaN/∞`);
  }

  // (d)
  const corpus = makeCorpus(200);
  const batch = corpus.slice(0, 32);
  const b32 = await embed(batch);
  let maxDiff = 0;
  for (let i = 0; i < batch.length; i++) {
    const one = await embed([batch[i]]);
    const a = row(b32, i);
    const b = row(one, 0);
    for (let k = 0; k < DIMS; k++) maxDiff = Math.max(maxDiff, Math.abs(a[k] - b[k]));
  }
  console.log(`\n(d) バッチ 32: dims = [${b32.dims.join(', ')}]、1 件ずつとの差の最大 ${maxDiff.toExponential(2)}`);
  if (b32.dims[0] !== 32 || b32.dims[1] !== DIMS) failures.push('(d) バッチ 32 の dims が違う');
  if (!(maxDiff < 1e-5)) failures.push(`(d) バッチと 1 件ずつの結果が違う（${maxDiff}）`);

  // (e)
  const ne = await embed(NEEDS);
  const re = await embed(RESOURCES);
  console.log('\n(e) 希望 × 地域資源（行: 希望、列: 資源 1〜5）');
  for (let i = 0; i < NEEDS.length; i++) {
    const sims = RESOURCES.map((_, j) => cos(row(ne, i), row(re, j)));
    const best = sims.indexOf(Math.max(...sims));
    console.log(`  ${sims.map((s, j) => (j === best ? `[${s.toFixed(3)}]` : ` ${s.toFixed(3)} `)).join(' ')}  ${NEEDS[i]}`);
    if (best !== i) failures.push(`(e) 「${NEEDS[i]}」に最も近いのが資源 ${best + 1}（期待は ${i + 1}）`);
  }
  RESOURCES.forEach((r, j) => console.log(`    資源 ${j + 1}: ${r}`));

  // 速度
  console.log(`\n速度（${corpus.length} 文）`);
  for (const bs of [1, 32]) {
    await embed(corpus.slice(0, bs)); // warm-up
    const times = [];
    for (let round = 0; round < 3; round++) {
      const start = process.hrtime.bigint();
      for (let i = 0; i < corpus.length; i += bs) await embed(corpus.slice(i, i + bs));
      times.push(Number(process.hrtime.bigint() - start) / 1e9);
    }
    const sec = times.sort((a, b) => a - b)[1]; // 3 回の中央値
    console.log(
      `  バッチ ${String(bs).padStart(2)}: ${(corpus.length / sec).toFixed(0)} 件/秒（${(sec * 1000).toFixed(0)} ms、3 回の中央値）`,
    );
  }

  if (failures.length) {
    console.error(`\nNG: ${failures.length} 件\n  ${failures.join('\n  ')}`);
    process.exit(1);
  }
  console.log('\nOK: すべての確認を満たしました');
}

/** ~200 coordinator-style sentences built deterministically from parts. */
function makeCorpus(n) {
  const who = [
    '人と話すのが苦手で',
    '体を動かすのが好きで',
    '昼夜逆転気味で',
    'パソコンが得意で',
    '子どもが好きで',
    '外に出るのが久しぶりで',
    '料理が好きで',
    '人の役に立ちたくて',
  ];
  const what = [
    '静かな場所で黙々とできる作業',
    '畑や草取りなど外の作業',
    '同じ世代の人がいる居場所',
    'データ入力やチラシ作り',
    '子ども食堂での調理',
    '公園の清掃活動',
    '高齢者サロンでのお茶出し',
    '図書館での本の整理',
  ];
  const when = ['を週1回短時間から希望。', 'を午後から少しずつ。', 'を探している。', 'なら手伝える。', 'に月2回くらい参加したい。'];
  const out = [];
  for (let i = 0; out.length < n; i++)
    out.push(`${who[i % who.length]}、${what[(i * 3 + 1) % what.length]}${when[(i * 7 + 2) % when.length]}`);
  return out;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
