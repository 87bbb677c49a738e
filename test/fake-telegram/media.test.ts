import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { Bot, GrammyError, InputFile } from 'grammy';
import type { Message } from 'grammy/types';
import { tinyJpeg } from './images.js';
import { imageSize } from './media.js';
import { boundaryOf, DEFAULT_TOKEN, parseMultipart, startFakeTelegram, type FakeTelegram } from './server.js';

async function withFake(fn: (fake: FakeTelegram, bot: Bot) => Promise<void>): Promise<void> {
  const fake = await startFakeTelegram();
  const bot = new Bot(DEFAULT_TOKEN, { client: { apiRoot: fake.apiRoot } });
  try {
    await fn(fake, bot);
  } finally {
    await fake.close();
  }
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const refused = (code: number, description: RegExp) => (e: unknown) => {
  assert.ok(e instanceof GrammyError, String(e));
  assert.equal(e.error_code, code);
  assert.match(e.description, description);
  return true;
};

describe('fake telegram: multipart parsing', () => {
  const body = (boundary: string, parts: string[], file: Buffer) =>
    Buffer.concat([Buffer.from(`--${boundary}\r\n${parts.join(`\r\n--${boundary}\r\n`)}\r\n--${boundary}\r\ncontent-disposition:form-data;name="f1";filename=photo.jpg\r\ncontent-type:image/jpeg\r\n\r\n`), file, Buffer.from(`\r\n--${boundary}--\r\n`)]);

  it('reads grammY-style parts (unquoted filename, no space after the colon) and binary files intact', () => {
    // Bytes that look like CRLF and dashes inside the file must not end it early.
    const file = Buffer.from([0xff, 0xd8, 0x0d, 0x0a, 0x2d, 0x2d, 0x00, 0xff, 0xd9]);
    const parsed = parseMultipart(body('b0und', ['content-disposition:form-data;name="chat_id"\r\n\r\n42', 'Content-Disposition: form-data; name="caption"\r\n\r\nbaris 1\r\nbaris 2 ✅'], file), 'multipart/form-data; boundary=b0und');
    assert.deepEqual(parsed.fields, { chat_id: '42', caption: 'baris 1\r\nbaris 2 ✅' });
    const f1 = parsed.files.get('f1')!;
    assert.equal(f1.filename, 'photo.jpg');
    assert.equal(f1.contentType, 'image/jpeg');
    assert.deepEqual(f1.bytes, file);
  });

  it('takes quoted boundaries, a preamble and quoted filenames with escapes', () => {
    const raw = Buffer.from('preamble\r\n--"a b"\r\ncontent-disposition: form-data; name="x"; filename="we\\"ird.jpg"\r\n\r\nZZ\r\n--"a b"--');
    assert.equal(boundaryOf('multipart/form-data; boundary="a b"'), 'a b');
    const fixed = Buffer.from(raw.toString().replaceAll('"a b"', 'a b'));
    const parsed = parseMultipart(fixed, 'multipart/form-data; boundary="a b"');
    assert.equal(parsed.files.get('x')?.filename, 'we"ird.jpg');
    assert.equal(parsed.files.get('x')?.bytes.toString(), 'ZZ');
  });

  it('refuses malformed bodies with 400', () => {
    const type = 'multipart/form-data; boundary=x';
    for (const raw of ['--x\r\n', '--x\r\ncontent-disposition:form-data;name="a"\r\n\r\n1', 'nothing here', '--x\r\nno-colon\r\n\r\n1\r\n--x--', '--x\r\ncontent-disposition:form-data\r\n\r\n1\r\n--x--']) {
      assert.throws(() => parseMultipart(Buffer.from(raw), type), (e: unknown) => (e as { code?: number }).code === 400, raw);
    }
    assert.throws(() => parseMultipart(Buffer.from('--x--'), 'multipart/form-data'), /boundary/);
  });

  it('reads the size of a JPEG and a PNG', () => {
    assert.deepEqual(imageSize(tinyJpeg('a', 40, 17)), { width: 40, height: 17 });
    const png = Buffer.alloc(33);
    png.writeUInt32BE(0x89504e47, 0);
    png.write('IHDR', 12, 'latin1');
    png.writeUInt32BE(3, 16);
    png.writeUInt32BE(5, 20);
    assert.deepEqual(imageSize(png), { width: 3, height: 5 });
    assert.equal(imageSize(Buffer.from('not an image')), undefined);
  });
});

describe('fake telegram: sendPhoto and sendMediaGroup', () => {
  it('sendPhoto: an uploaded photo with an HTML caption and buttons, answered with a photo message', () => withFake(async (fake, bot) => {
    const jpeg = tinyJpeg('one', 320, 240);
    const markup = { inline_keyboard: [[{ text: '🔧 Tangani', callback_data: 'd:1' }]] };
    const message = await bot.api.sendPhoto(42, new InputFile(jpeg, 'a.jpg'), { caption: '<b>Rem</b> &amp; ban', parse_mode: 'HTML', reply_markup: markup });
    assert.equal(message.caption, 'Rem & ban');
    assert.deepEqual(message.caption_entities, [{ type: 'bold', offset: 0, length: 3 }]);
    assert.equal(message.photo.at(-1)!.width, 320);
    assert.equal(message.photo.at(-1)!.height, 240);
    const [photo] = fake.photosTo(42);
    assert.equal(photo!.method, 'sendPhoto');
    assert.equal(photo!.source, 'upload');
    assert.equal(photo!.bytes, jpeg.length);
    assert.equal(photo!.sha256, sha256(jpeg));
    assert.equal(photo!.caption, '<b>Rem</b> &amp; ban');
    assert.equal(photo!.parse_mode, 'HTML');
    assert.deepEqual(photo!.reply_markup, markup);
    assert.equal(fake.sent.length, 0, 'a photo is not a text message');

    // Sent again by the file_id Telegram gave (JSON, no upload) and by URL.
    const again = await bot.api.sendPhoto(42, message.photo.at(-1)!.file_id);
    assert.equal(again.photo.at(-1)!.file_id, message.photo.at(-1)!.file_id);
    await bot.api.sendPhoto(42, 'https://example.com/a.jpg');
    assert.deepEqual(fake.photosTo(42).map((p) => p.source), ['upload', 'file_id', 'url']);
    await assert.rejects(bot.api.sendPhoto(42, 'no-such-file-id'), refused(400, /wrong file identifier/));
  }));

  it('sendMediaGroup: uploaded items via attach://, one media_group_id, messages in order', () => withFake(async (fake, bot) => {
    const files = ['a', 'b', 'c'].map((label) => tinyJpeg(label));
    const messages: Message.PhotoMessage[] = await bot.api.sendMediaGroup(-100200, files.map((file, i) => ({ type: 'photo' as const, media: new InputFile(file), ...(i === 0 ? { caption: '<i>3 foto</i>', parse_mode: 'HTML' as const } : {}) }))) as Message.PhotoMessage[];
    assert.equal(messages.length, 3);
    const groupId = messages[0]!.media_group_id;
    assert.ok(groupId);
    assert.ok(messages.every((m) => m.media_group_id === groupId));
    assert.deepEqual(messages.map((m) => m.message_id), [1, 2, 3]);
    const photos = fake.photosTo(-100200);
    assert.deepEqual(photos.map((p) => p.sha256), files.map(sha256));
    assert.deepEqual(photos.map((p) => p.media_group_id), [groupId, groupId, groupId]);
    assert.equal(photos[0]!.caption, '<i>3 foto</i>');
    assert.equal(messages[0]!.caption, '3 foto');
    const call = fake.calls.find((c) => c.method === 'sendMediaGroup')!;
    assert.match(String(call.params['media']), /attach:\/\//);
  }));

  it('validates like Telegram: caption length, album size, caption HTML, empty or non-image files', () => withFake(async (fake, bot) => {
    const jpeg = tinyJpeg('x');
    await assert.rejects(bot.api.sendPhoto(1, new InputFile(jpeg), { caption: 'x'.repeat(1025) }), refused(400, /message caption is too long/));
    // 1024 after entities parsing: the tags do not count.
    await bot.api.sendPhoto(1, new InputFile(jpeg), { caption: `<b>${'x'.repeat(1024)}</b>`, parse_mode: 'HTML' });
    await assert.rejects(bot.api.sendPhoto(1, new InputFile(jpeg), { caption: '<b>open', parse_mode: 'HTML' }), refused(400, /can't parse entities/));
    const photo = () => ({ type: 'photo' as const, media: new InputFile(tinyJpeg('y')) });
    await assert.rejects(bot.api.sendMediaGroup(1, [photo()]), refused(400, /wrong number of media items/));
    await assert.rejects(bot.api.sendMediaGroup(1, Array.from({ length: 11 }, photo)), refused(400, /wrong number of media items/));
    await assert.rejects(bot.api.sendMediaGroup(1, [photo(), { ...photo(), caption: 'y'.repeat(1025) }]), refused(400, /caption is too long/));
    await assert.rejects(bot.api.sendPhoto(1, new InputFile(Buffer.from('plain text'))), refused(400, /IMAGE_PROCESS_FAILED/));
    await assert.rejects(bot.api.sendPhoto(1, new InputFile(Buffer.alloc(0))), refused(400, /non-empty/));
    assert.equal(fake.photosTo(1).length, 1, 'nothing refused was recorded');
  }));

  it('faults apply to the photo methods: 429 with retry_after, 403, 5xx, drop', () => withFake(async (fake, bot) => {
    const jpeg = tinyJpeg('f');
    fake.fail({ method: 'sendPhoto', chatId: 5, response: { status: 429, retryAfter: 7 } });
    await assert.rejects(bot.api.sendPhoto(5, new InputFile(jpeg)), refused(429, /retry after 7/));
    fake.fail({ method: 'sendMediaGroup', chatId: 5, response: { status: 500 } });
    await assert.rejects(bot.api.sendMediaGroup(5, [{ type: 'photo', media: new InputFile(jpeg) }, { type: 'photo', media: new InputFile(jpeg) }]), refused(500, /Internal/));
    fake.blockUser(6);
    await assert.rejects(bot.api.sendPhoto(6, new InputFile(jpeg)), refused(403, /blocked/));
    fake.fail({ method: 'sendPhoto', response: { drop: true } });
    await assert.rejects(bot.api.sendPhoto(5, new InputFile(jpeg)));
    assert.equal(fake.photos.length, 0);
    await bot.api.sendPhoto(5, new InputFile(jpeg));
    assert.equal(fake.photosTo(5).length, 1);
  }));

  it('takes a photo uploaded in its own field, as curl -F photo=@file sends it', () => withFake(async (fake) => {
    const jpeg = tinyJpeg('curl');
    const form = new FormData();
    form.set('chat_id', '77');
    form.set('caption', 'from a form');
    form.set('photo', new Blob([jpeg], { type: 'image/jpeg' }), 'p.jpg');
    const res = await fetch(fake.url('sendPhoto'), { method: 'POST', body: form });
    assert.equal(res.status, 200);
    assert.equal(fake.photosTo(77)[0]!.sha256, sha256(jpeg));
    assert.equal(fake.photosTo(77)[0]!.caption, 'from a form');
  }));
});
