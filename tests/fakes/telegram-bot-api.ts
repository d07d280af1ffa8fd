/**
 * A fake Telegram Bot API HTTP server for end-to-end tests of a real grammY bot.
 *
 * Every call is checked against the real Bot API schema
 * (tests/fixtures/telegram-bot-api/botapi.json, from tgapis/botapidocs). The fake validates:
 * - the token in the URL (401) and that the method exists, case-sensitively (404);
 * - the body: JSON, x-www-form-urlencoded or multipart/form-data (unparseable → 400);
 * - every parameter: unknown fields (the real API ignores them, we reject them to catch bot bugs),
 *   missing required fields, and JSON kinds (Integer, Float, String, Boolean, InputFile, arrays,
 *   object types recursively, subtypes such as BotCommandScope*, unions such as reply_markup);
 * - strings are UTF-8: half a surrogate pair anywhere refuses the call;
 * - limits written in the schema descriptions ("1-64 bytes", "0-200 characters", "2-12 answer
 *   options"; characters are code points after entity parsing and trimming, as TDLib counts
 *   them), message text empty / too long, callback_data 1-64 bytes (BUTTON_DATA_INVALID), bot
 *   command names, inline buttons having exactly one action, message identifiers of edits;
 * - parse_mode values, and for HTML the markup Telegram accepts: allowed tags only, balanced and
 *   correctly nested, `<` and `&` outside tags escaped as entities ("can't parse entities").
 *
 * It also models a group's upgrade to a supergroup (migrateChat), and stopPoll as Telegram
 * answers it: the poll must be a message the bot sent in that chat, still open.
 *
 * It does NOT validate: MarkdownV2 / Markdown text, entity offsets, whether chats, users or
 * other messages exist or the bot has the rights to act on them, "message is not modified", file sizes
 * or types, or cross-field rules such as open_period vs close_date. Rate limits only when asked:
 * failNext injects 429s, limitRate enforces one bot-wide send rate (a token bucket), not
 * Telegram's per-chat limits. Concurrent getUpdates calls are all served (no 409 "terminated by other getUpdates
 * request"), and updates are only delivered through getUpdates, never to a webhook.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// ---------------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------------

export interface FakeBotApiOptions {
  token?: string;
  botUser?: { id: number; username: string; first_name: string };
}

export interface RecordedCall {
  method: string;
  params: Record<string, unknown>;
  at: number;
  status: number;
  /** What the fake answered, for a successful call (e.g. the Message with its poll id). */
  result?: unknown;
}

export type ChatMemberStatus =
  'creator' | 'administrator' | 'member' | 'restricted' | 'left' | 'kicked';

export type FakeFailure = { status: 429; retryAfter: number } | { status: 500 | 502 | 503 };

/** A bot-wide send limit, as Telegram enforces it: a token bucket refilled continuously. */
export interface FakeRateLimit {
  /** Calls allowed per second, on average. */
  perSecond: number;
  /** Calls allowed at once after a quiet spell (the bucket's size): one second's worth by default. */
  burst?: number;
  /** The methods that count against the limit: sendMessage by default. */
  methods?: string[];
}

/**
 * How the fake treats a basic group upgraded to a supergroup. The supergroup is a new chat:
 * its message ids start again from 1, and the old group's messages (polls included) stay in
 * the old chat, read-only. On the old chat id, the Bot API server refuses whatever needs
 * write access (sending, reading the member list) with 400 "group chat was upgraded to a
 * supergroup chat" and `parameters.migrate_to_chat_id` (telegram-bot-api, Client.cpp,
 * check_chat_access); calls that only edit an existing message (stopPoll, editMessage*)
 * pass that check and reach Telegram, whose answer for a deactivated group is not documented:
 * `oldMessages` chooses it.
 */
export interface FakeMigrationOptions {
  /**
   * 'read-only' (default): edits of the old group's messages are refused, a stopPoll with
   * "poll can't be stopped", an edit with "message can't be edited" (TDLib's answers when it
   * may not edit a message). 'editable': they succeed.
   */
  oldMessages?: 'read-only' | 'editable';
}

export interface FakeBotApi {
  url: string;
  token: string;
  calls: RecordedCall[];
  successfulCalls(method?: string): RecordedCall[];
  pushUpdate(update: Record<string, unknown>): number;
  nextUpdateId(): number;
  /** `method` may be '*': any method except getUpdates. */
  failNext(method: string, count: number, failure: FakeFailure): void;
  /**
   * The next `count` calls of `method` are carried out (a message sent is in its chat, and
   * recorded with status 200) but the connection is then cut without an answer: the caller
   * cannot tell whether Telegram took it (a timeout or a reset after the platform accepted).
   */
  dropAnswerNext(method: string, count: number): void;
  /**
   * From now on, a call past the limit is answered 429 with the retry_after (whole seconds)
   * after which a token is free again, and recorded with status 429; undefined lifts it.
   */
  limitRate(limit: FakeRateLimit | undefined): void;
  setChatMember(chatId: number, userId: number, status: ChatMemberStatus): void;
  /** `chat:message` keys deleteMessage removed, in order. */
  readonly deletedMessages: readonly string[];
  /**
   * A basic group upgraded to a supergroup (see FakeMigration). The updates announcing it
   * are the test's to deliver (`migrate_to_chat_id` in the old chat, `migrate_from_chat_id`
   * in the new one).
   */
  migrateChat(oldChatId: number, newChatId: number, options?: FakeMigrationOptions): void;
  /** A message as the fake holds it now (a poll's `is_closed`, an edited text). */
  message(chatId: number, messageId: number): Record<string, unknown> | undefined;
  webhook(): { url: string; secret_token?: string } | undefined;
  waitForCalls(method: string, count: number, timeoutMs?: number): Promise<RecordedCall[]>;
  close(): Promise<void>;
}

export async function startFakeBotApi(options: FakeBotApiOptions = {}): Promise<FakeBotApi> {
  const fake = new FakeBotApiServer(options);
  await fake.listen();
  return fake;
}

/** Pure validation of one call: returns the error description, or undefined if the call is valid. */
export function validateCall(method: string, params: Record<string, unknown>): string | undefined {
  const entry = METHODS.get(method);
  if (!entry) return `Not Found: unknown method ${method}`;
  return (
    checkEncoding(params) ?? checkFields(params, entry, '', 0) ?? checkSpecialRules(method, params)
  );
}

// ---------------------------------------------------------------------------------------------
// Schema
// ---------------------------------------------------------------------------------------------

type Json = Record<string, unknown>;

interface RawField {
  name: string;
  types: string[];
  required: boolean;
  description?: string;
}

interface RawEntry {
  name: string;
  description?: string[];
  fields?: RawField[];
  subtypes?: string[];
  returns?: string[];
}

interface RawSchema {
  version: string;
  methods: Record<string, RawEntry>;
  types: Record<string, RawEntry>;
}

interface LengthRule {
  min: number;
  max: number;
  unit: 'characters' | 'bytes';
  /** The limit applies to the text after HTML/Markdown parsing (and Telegram trims it). */
  afterEntities: boolean;
  tooShort?: string;
  tooLong?: string;
}

interface FieldRule {
  name: string;
  types: readonly string[];
  required: boolean;
  length?: LengthRule;
}

interface EntryRule {
  name: string;
  fields: Map<string, FieldRule>;
  subtypes: string[];
  returns: string[];
  /** For subtypes: the field and value that identify them, e.g. `type` = `chat`. */
  discriminator?: { field: string; value: string };
}

const SCHEMA_URL = new URL('../fixtures/telegram-bot-api/botapi.json', import.meta.url);
const RAW_SCHEMA = JSON.parse(readFileSync(SCHEMA_URL, 'utf8')) as RawSchema;

const ARRAY_PREFIX = 'Array of ';

const MESSAGE_TEXT_ERRORS = {
  tooShort: 'Bad Request: message text is empty',
  tooLong: 'Bad Request: message is too long',
};
const BUTTON_DATA_ERRORS = {
  tooShort: 'Bad Request: BUTTON_DATA_INVALID',
  tooLong: 'Bad Request: BUTTON_DATA_INVALID',
};
const BOT_COMMAND_INVALID = 'Bad Request: BOT_COMMAND_INVALID';

/** Error wordings of the real API for some length limits, keyed by `Entry.field`. */
const LENGTH_ERRORS = new Map<string, { tooShort: string; tooLong: string }>([
  ['sendMessage.text', MESSAGE_TEXT_ERRORS],
  ['editMessageText.text', MESSAGE_TEXT_ERRORS],
  ['InlineKeyboardButton.callback_data', BUTTON_DATA_ERRORS],
  ['BotCommand.command', { tooShort: BOT_COMMAND_INVALID, tooLong: BOT_COMMAND_INVALID }],
]);

function parseLengthRule(entryName: string, field: RawField): LengthRule | undefined {
  const match = /(\d+)-(\d+) (characters|bytes)/.exec(field.description ?? '');
  if (!match) return undefined;
  return {
    min: Number(match[1]),
    max: Number(match[2]),
    unit: match[3] === 'bytes' ? 'bytes' : 'characters',
    afterEntities: /after entities parsing/.test(field.description ?? ''),
    ...LENGTH_ERRORS.get(`${entryName}.${field.name}`),
  };
}

function parseDiscriminator(fields: RawField[]): EntryRule['discriminator'] {
  for (const field of fields) {
    if (!['type', 'status', 'source'].includes(field.name)) continue;
    const match = /(?:must be|always)\s+["“]?([A-Za-z_]+)/.exec(field.description ?? '');
    if (match?.[1]) return { field: field.name, value: match[1] };
  }
  return undefined;
}

function compileEntry(raw: RawEntry): EntryRule {
  const rawFields = raw.fields ?? [];
  const fields = new Map<string, FieldRule>();
  for (const field of rawFields) {
    const length = parseLengthRule(raw.name, field);
    fields.set(field.name, {
      name: field.name,
      types: field.types,
      required: field.required,
      ...(length ? { length } : {}),
    });
  }
  const discriminator = raw.subtypes ? undefined : parseDiscriminator(rawFields);
  return {
    name: raw.name,
    fields,
    subtypes: raw.subtypes ?? [],
    returns: raw.returns ?? [],
    ...(discriminator ? { discriminator } : {}),
  };
}

function compileEntries(raw: Record<string, RawEntry>): Map<string, EntryRule> {
  return new Map(Object.values(raw).map((entry) => [entry.name, compileEntry(entry)]));
}

const METHODS = compileEntries(RAW_SCHEMA.methods);
const TYPES = compileEntries(RAW_SCHEMA.types);

/** sendPoll's option count, read from the schema ("A JSON-serialized list of 2-12 answer options"). */
const POLL_OPTIONS_RANGE = ((): { min: number; max: number } => {
  const description =
    RAW_SCHEMA.methods.sendPoll?.fields?.find((f) => f.name === 'options')?.description ?? '';
  const match = /(\d+)-(\d+)/.exec(description);
  return match ? { min: Number(match[1]), max: Number(match[2]) } : { min: 2, max: 12 };
})();

// ---------------------------------------------------------------------------------------------
// Schema validation
// ---------------------------------------------------------------------------------------------

const MAX_DEPTH = 16;

const PRIMITIVE_CHECKS = new Map<string, (value: unknown) => boolean>([
  ['Integer', (v) => (typeof v === 'number' && Number.isInteger(v)) || isIntegerString(v)],
  ['Float', (v) => (typeof v === 'number' && Number.isFinite(v)) || isNumericString(v)],
  ['String', (v) => typeof v === 'string'],
  ['Boolean', (v) => typeof v === 'boolean' || v === 'true' || v === 'false'],
  ['InputFile', (v) => typeof v === 'string' || isUploadedFile(v)],
]);

function isIntegerString(value: unknown): boolean {
  return typeof value === 'string' && /^-?\d+$/.test(value);
}

function isNumericString(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value));
}

function isPlainObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An uploaded multipart file, as recorded in params: exactly `{ filename, size }`. */
function isUploadedFile(value: unknown): value is { filename: string; size: number } {
  return (
    isPlainObject(value) &&
    typeof value.filename === 'string' &&
    typeof value.size === 'number' &&
    Object.keys(value).length === 2
  );
}

function isAbsent(value: unknown): boolean {
  return value === undefined || value === null;
}

function joinPath(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

function describeKind(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (isUploadedFile(value)) return 'an uploaded file';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}

/** Checks the fields of a method call or of an object against their schema entry. */
function checkFields(obj: Json, entry: EntryRule, path: string, depth: number): string | undefined {
  for (const key of Object.keys(obj)) {
    if (!isAbsent(obj[key]) && !entry.fields.has(key)) {
      return `Bad Request: unknown field ${joinPath(path, key)}`;
    }
  }
  for (const field of entry.fields.values()) {
    if (field.required && isAbsent(obj[field.name])) {
      return `Bad Request: ${joinPath(path, field.name)} is required`;
    }
  }
  for (const field of entry.fields.values()) {
    const value = obj[field.name];
    if (isAbsent(value)) continue;
    const fieldPath = joinPath(path, field.name);
    const issue =
      checkValue(value, field.types, fieldPath, depth + 1) ??
      checkLength(obj, field, entry, fieldPath);
    if (issue) return issue;
  }
  return undefined;
}

/** Checks a value against a union of declared types, e.g. ["Integer", "String"]. */
function checkValue(
  value: unknown,
  types: readonly string[],
  path: string,
  depth: number,
): string | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const objectTypes: string[] = [];
  const elementTypes: string[] = [];
  for (const type of types) {
    if (type.startsWith(ARRAY_PREFIX)) {
      elementTypes.push(type.slice(ARRAY_PREFIX.length));
      continue;
    }
    const check = PRIMITIVE_CHECKS.get(type);
    if (check?.(value)) return undefined;
    if (!check) objectTypes.push(...expandSubtypes(type));
  }
  if (elementTypes.length > 0 && Array.isArray(value)) {
    return checkArray(value, elementTypes, path, depth);
  }
  if (objectTypes.length > 0 && isPlainObject(value) && !isUploadedFile(value)) {
    return checkObjectUnion(value, objectTypes, path, depth);
  }
  return `Bad Request: ${path} must be ${types.join(' or ')}, got ${describeKind(value)}`;
}

/**
 * Each element must match one of the element types. Unions of arrays (sendMediaGroup's "Array of
 * InputMediaPhoto or Array of InputMediaVideo ...") are checked per element, so mixes are allowed.
 */
function checkArray(
  values: unknown[],
  elementTypes: string[],
  path: string,
  depth: number,
): string | undefined {
  for (const [index, element] of values.entries()) {
    const issue = checkValue(element, elementTypes, `${path}[${index}]`, depth + 1);
    if (issue) return issue;
  }
  return undefined;
}

function expandSubtypes(typeName: string): string[] {
  const entry = TYPES.get(typeName);
  if (!entry || entry.subtypes.length === 0) return [typeName];
  return entry.subtypes.flatMap(expandSubtypes);
}

/** Accepts the object if any candidate type accepts it; otherwise reports the closest candidate. */
function checkObjectUnion(
  obj: Json,
  candidates: string[],
  path: string,
  depth: number,
): string | undefined {
  const entries: EntryRule[] = [];
  for (const name of new Set(candidates)) {
    const entry = TYPES.get(name);
    if (!entry) return undefined; // a type the schema does not describe: accept anything
    entries.push(entry);
  }
  const badDiscriminator = checkDiscriminator(obj, entries, path);
  if (badDiscriminator) return badDiscriminator;
  const matching = entries.filter((entry) => matchesDiscriminator(obj, entry));
  let best: { score: number; issue: string } | undefined;
  for (const entry of matching.length > 0 ? matching : entries) {
    const issue = checkFields(obj, entry, path, depth);
    if (!issue) return undefined;
    const score = matchScore(obj, entry);
    if (!best || score > best.score) best = { score, issue };
  }
  return best?.issue;
}

function matchesDiscriminator(obj: Json, entry: EntryRule): boolean {
  return !entry.discriminator || obj[entry.discriminator.field] === entry.discriminator.value;
}

/** E.g. scope.type must be one of default, all_private_chats, ... when choosing a subtype. */
function checkDiscriminator(obj: Json, entries: EntryRule[], path: string): string | undefined {
  const field = entries[0]?.discriminator?.field;
  if (!field) return undefined;
  if (!entries.every((entry) => entry.discriminator?.field === field)) return undefined;
  const allowed = entries.map((entry) => entry.discriminator?.value ?? '');
  const value = obj[field];
  if (isAbsent(value)) return `Bad Request: ${joinPath(path, field)} is required`;
  if (typeof value === 'string' && allowed.includes(value)) return undefined;
  return `Bad Request: ${joinPath(path, field)} must be one of ${allowed.join(', ')}`;
}

function matchScore(obj: Json, entry: EntryRule): number {
  let score = 0;
  const { discriminator } = entry;
  if (discriminator) score += obj[discriminator.field] === discriminator.value ? 1000 : -1000;
  for (const key of Object.keys(obj)) score += entry.fields.has(key) ? 1 : -1;
  return score;
}

// ---------------------------------------------------------------------------------------------
// Limits and rules beyond the schema types
// ---------------------------------------------------------------------------------------------

const PARSE_MODES = ['html', 'markdownv2', 'markdown'];

/** The parse mode that applies to a text field: `<field>_parse_mode` if it exists, else parse_mode. */
function parseModeOf(obj: Json, fieldName: string, entry: EntryRule): string | undefined {
  const ownKey = `${fieldName}_parse_mode`;
  const mode = obj[entry.fields.has(ownKey) ? ownKey : 'parse_mode'];
  return typeof mode === 'string' && mode !== '' ? mode.toLowerCase() : undefined;
}

/** The text whose length is limited, or undefined when we cannot measure it (Markdown, bad HTML). */
function measuredText(obj: Json, field: FieldRule, entry: EntryRule, value: string) {
  if (!field.length?.afterEntities) return value;
  const mode = parseModeOf(obj, field.name, entry);
  if (mode === undefined) return value.trim();
  if (mode !== 'html') return undefined;
  const parsed = parseTelegramHtml(value);
  return 'text' in parsed ? parsed.text.trim() : undefined;
}

/**
 * Telegram counts characters as TDLib's `utf8_length` does: Unicode code points of the text
 * after entity parsing (an emoji outside the BMP is one character, not two UTF-16 units).
 */
function countCharacters(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * A string with half a surrogate pair cannot be UTF-8: grammY's JSON body carries it as a
 * lone `\\uD83D` escape, which Telegram's JSON decoder refuses, so the whole call fails.
 */
function checkEncoding(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') {
    return LONE_SURROGATE.test(value)
      ? `Bad Request: strings must be encoded in UTF-8 (${path || 'value'})`
      : undefined;
  }
  if (Array.isArray(value)) {
    for (const [index, element] of value.entries()) {
      const issue = checkEncoding(element, `${path}[${index}]`);
      if (issue) return issue;
    }
    return undefined;
  }
  if (!isPlainObject(value)) return undefined;
  for (const [key, child] of Object.entries(value)) {
    const issue = checkEncoding(child, joinPath(path, key));
    if (issue) return issue;
  }
  return undefined;
}

function checkLength(
  obj: Json,
  field: FieldRule,
  entry: EntryRule,
  path: string,
): string | undefined {
  const rule = field.length;
  const value = obj[field.name];
  if (!rule || typeof value !== 'string') return undefined;
  const text = measuredText(obj, field, entry, value);
  if (text === undefined) return undefined;
  const size = rule.unit === 'bytes' ? Buffer.byteLength(text, 'utf8') : countCharacters(text);
  if (size < rule.min) {
    return rule.tooShort ?? `Bad Request: ${path} must be at least ${rule.min} ${rule.unit}`;
  }
  if (size > rule.max) {
    return rule.tooLong ?? `Bad Request: ${path} must be at most ${rule.max} ${rule.unit}`;
  }
  return undefined;
}

/** Rules applied once the call matches the schema. */
function checkSpecialRules(method: string, params: Json): string | undefined {
  return (
    walkObjects(
      params,
      '',
      (obj, path) => checkParseModes(obj, path) ?? checkInlineKeyboard(obj),
    ) ??
    checkMessageIdentifier(method, params) ??
    checkPollOptions(method, params) ??
    checkBotCommands(method, params)
  );
}

/** Calls `visit` on every plain object inside `value`, stopping at the first issue. */
function walkObjects(
  value: unknown,
  path: string,
  visit: (obj: Json, path: string) => string | undefined,
): string | undefined {
  if (Array.isArray(value)) {
    for (const [index, element] of value.entries()) {
      const issue = walkObjects(element, `${path}[${index}]`, visit);
      if (issue) return issue;
    }
    return undefined;
  }
  if (!isPlainObject(value)) return undefined;
  const own = visit(value, path);
  if (own) return own;
  for (const [key, child] of Object.entries(value)) {
    const issue = walkObjects(child, joinPath(path, key), visit);
    if (issue) return issue;
  }
  return undefined;
}

/** parse_mode applies to text / caption / message_text; `question_parse_mode` to question, etc. */
function parseModeTargets(obj: Json, key: string): string[] {
  if (key !== 'parse_mode') return [key.slice(0, -'_parse_mode'.length)];
  return ['text', 'caption', 'message_text'].filter((name) => typeof obj[name] === 'string');
}

function checkParseModes(obj: Json, path: string): string | undefined {
  for (const [key, mode] of Object.entries(obj)) {
    if (!key.endsWith('parse_mode') || typeof mode !== 'string' || mode === '') continue;
    if (!PARSE_MODES.includes(mode.toLowerCase())) {
      return `Bad Request: unsupported parse_mode "${mode}" in ${joinPath(path, key)}`;
    }
    if (mode.toLowerCase() !== 'html') continue;
    for (const target of parseModeTargets(obj, key)) {
      const text = obj[target];
      if (typeof text !== 'string') continue;
      const parsed = parseTelegramHtml(text);
      if ('error' in parsed) return `Bad Request: can't parse entities: ${parsed.error}`;
    }
  }
  return undefined;
}

const BUTTON_LABEL_FIELDS = new Set(['text', 'icon_custom_emoji_id', 'style']);

function checkInlineKeyboard(obj: Json): string | undefined {
  const rows = obj.inline_keyboard;
  if (!Array.isArray(rows)) return undefined;
  for (const row of rows) {
    if (!Array.isArray(row)) continue;
    for (const button of row) {
      if (!isPlainObject(button)) continue;
      const issue = checkInlineButton(button);
      if (issue) return issue;
    }
  }
  return undefined;
}

function checkInlineButton(button: Json): string | undefined {
  const actions = Object.keys(button).filter(
    (key) => !BUTTON_LABEL_FIELDS.has(key) && !isAbsent(button[key]),
  );
  if (actions.length === 0) {
    return "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard";
  }
  if (actions.length > 1) {
    return `Bad Request: can't parse inline keyboard button: only one of ${actions.join(', ')} can be used`;
  }
  if (typeof button.url === 'string' && !isButtonUrl(button.url)) {
    return 'Bad Request: BUTTON_URL_INVALID';
  }
  return undefined;
}

function isButtonUrl(url: string): boolean {
  try {
    return ['http:', 'https:', 'tg:'].includes(new URL(url).protocol);
  } catch {
    return false;
  }
}

/** Edits need either inline_message_id or both chat_id and message_id. */
function checkMessageIdentifier(method: string, params: Json): string | undefined {
  const fields = METHODS.get(method)?.fields;
  if (!fields?.has('inline_message_id') || !fields.has('message_id')) return undefined;
  if (!isAbsent(params.inline_message_id)) return undefined;
  if (!isAbsent(params.chat_id) && !isAbsent(params.message_id)) return undefined;
  return 'Bad Request: message identifier is not specified';
}

function checkPollOptions(method: string, params: Json): string | undefined {
  if (method !== 'sendPoll' || !Array.isArray(params.options)) return undefined;
  const count = params.options.length;
  const { min, max } = POLL_OPTIONS_RANGE;
  return count < min || count > max ? 'Bad Request: POLL_OPTIONS_INVALID' : undefined;
}

function checkBotCommands(method: string, params: Json): string | undefined {
  if (method !== 'setMyCommands' || !Array.isArray(params.commands)) return undefined;
  const valid = params.commands.every(
    (command) => isPlainObject(command) && /^[a-z0-9_]+$/.test(String(command.command)),
  );
  return valid ? undefined : BOT_COMMAND_INVALID;
}

// ---------------------------------------------------------------------------------------------
// Telegram HTML
// ---------------------------------------------------------------------------------------------

const SIMPLE_TAGS = new Set([
  'b',
  'strong',
  'i',
  'em',
  'u',
  'ins',
  's',
  'strike',
  'del',
  'tg-spoiler',
  'code',
  'pre',
  'blockquote',
]);

const NAMED_ENTITIES = new Map([
  ['lt', '<'],
  ['gt', '>'],
  ['amp', '&'],
  ['quot', '"'],
]);

const ENTITY_RE = /^&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]+));/;
const ATTRIBUTE_RE =
  /\s*([a-zA-Z_][-a-zA-Z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/y;

/**
 * Parses text in Telegram's HTML flavour. Returns the plain text, or an error in the style of the
 * real API (offsets are UTF-8 byte offsets).
 */
function parseTelegramHtml(html: string): { text: string } | { error: string } {
  const stack: string[] = [];
  let text = '';
  let index = 0;
  while (index < html.length) {
    const char = html[index] ?? '';
    if (char === '<') {
      const end = findTagEnd(html, index);
      if (end < 0) return { error: unescapedError('<', html, index) };
      const issue = applyTag(html.slice(index + 1, end), stack, html, index);
      if (issue) return { error: issue };
      index = end + 1;
    } else if (char === '&') {
      const entity = decodeEntity(html.slice(index, index + 16));
      if (!entity) return { error: unescapedError('&', html, index) };
      if ('unsupported' in entity) {
        const offset = byteOffset(html, index);
        return {
          error: `Unsupported HTML entity "${entity.unsupported}" at byte offset ${offset}`,
        };
      }
      text += entity.char;
      index += entity.length;
    } else {
      text += char;
      index += 1;
    }
  }
  const open = stack.at(-1);
  return open ? { error: `Can't find end tag corresponding to start tag "${open}"` } : { text };
}

function byteOffset(html: string, index: number): number {
  return Buffer.byteLength(html.slice(0, index), 'utf8');
}

function unescapedError(char: '<' | '&', html: string, index: number): string {
  const entity = char === '<' ? '&lt;' : '&amp;';
  return `unescaped "${char}" at byte offset ${byteOffset(html, index)} (write it as ${entity})`;
}

/** Index of the `>` closing the tag opened at `start`, or -1 when this `<` starts no tag. */
function findTagEnd(html: string, start: number): number {
  const next = html[start + 1] ?? '';
  if (!/[a-zA-Z/]/.test(next)) return -1;
  let quote: string | undefined;
  for (let i = start + 1; i < html.length; i++) {
    const char = html[i];
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === '>') {
      return i;
    } else if (char === '<') {
      return -1;
    }
  }
  return -1;
}

/** Decodes `&lt;`, `&#60;`, `&#x3c;`...; undefined when `&` starts no entity at all. */
function decodeEntity(
  source: string,
): { char: string; length: number } | { unsupported: string } | undefined {
  const match = ENTITY_RE.exec(source);
  if (!match) return undefined;
  const [whole, decimal, hex, name] = match;
  if (name !== undefined) {
    const char = NAMED_ENTITIES.get(name);
    return char === undefined ? { unsupported: whole } : { char, length: whole.length };
  }
  const codePoint = decimal !== undefined ? Number(decimal) : Number.parseInt(hex ?? '', 16);
  if (!(codePoint > 0 && codePoint <= 0x10ffff)) return { unsupported: whole };
  return { char: String.fromCodePoint(codePoint), length: whole.length };
}

/** Handles the inside of `<...>`: pushes start tags, pops end tags. Returns an error or undefined. */
function applyTag(inner: string, stack: string[], html: string, index: number): string | undefined {
  const offset = byteOffset(html, index);
  if (inner.startsWith('/')) {
    const name = inner.slice(1).trim().toLowerCase();
    const open = stack.pop();
    if (open === undefined) return `Unexpected end tag "${name}" at byte offset ${offset}`;
    if (open !== name) {
      return `Unmatched end tag at byte offset ${offset}, expected "</${open}>", found "</${name}>"`;
    }
    return undefined;
  }
  const match = /^([a-zA-Z][a-zA-Z0-9-]*)(.*)$/s.exec(inner);
  const name = (match?.[1] ?? inner).toLowerCase();
  const attributes = parseAttributes(match?.[2] ?? '');
  if (!match || !attributes) return `Unsupported start tag "${inner}" at byte offset ${offset}`;
  const issue = checkStartTag(name, attributes, stack, offset);
  if (!issue) stack.push(name);
  return issue;
}

function parseAttributes(source: string): Map<string, string> | undefined {
  const attributes = new Map<string, string>();
  let position = 0;
  while (source.slice(position).trim() !== '') {
    ATTRIBUTE_RE.lastIndex = position;
    const match = ATTRIBUTE_RE.exec(source);
    if (!match?.[1] || match[0].length === 0) return undefined;
    attributes.set(match[1].toLowerCase(), match[2] ?? match[3] ?? match[4] ?? '');
    position = ATTRIBUTE_RE.lastIndex;
  }
  return attributes;
}

function checkStartTag(
  name: string,
  attributes: Map<string, string>,
  stack: string[],
  offset: number,
): string | undefined {
  if (name === 'span' && attributes.get('class') !== 'tg-spoiler') {
    return `Tag "span" must have class "tg-spoiler" at byte offset ${offset}`;
  }
  if (name === 'a' && !attributes.get('href')) {
    return `Tag "a" must have a non-empty href attribute at byte offset ${offset}`;
  }
  if (name === 'tg-emoji' && !attributes.get('emoji-id')) {
    return `Tag "tg-emoji" must have an emoji-id attribute at byte offset ${offset}`;
  }
  if (!SIMPLE_TAGS.has(name) && !['span', 'a', 'tg-emoji'].includes(name)) {
    return `Unsupported start tag "${name}" at byte offset ${offset}`;
  }
  return checkNesting(name, stack, offset);
}

function checkNesting(name: string, stack: string[], offset: number): string | undefined {
  const parent = stack.at(-1);
  const nestedIn = (tag: string): boolean => stack.includes(tag);
  const forbidden =
    nestedIn('code') ||
    (nestedIn('pre') && !(name === 'code' && parent === 'pre')) ||
    (name === 'a' && nestedIn('a')) ||
    (name === 'blockquote' && nestedIn('blockquote'));
  return forbidden
    ? `Tag "${name}" can't be nested in "${parent ?? ''}" at byte offset ${offset}`
    : undefined;
}

// ---------------------------------------------------------------------------------------------
// Request bodies
// ---------------------------------------------------------------------------------------------

const MAX_BODY_BYTES = 64 * 1024 * 1024;

interface UploadedFile {
  filename: string;
  size: number;
}

interface ParsedBody {
  /** Form fields as strings (form encoding, multipart text parts, query string). */
  form: [string, string][];
  /** A JSON body, already typed. */
  json: Json;
  /** Multipart file parts by part name. */
  files: Map<string, UploadedFile>;
}

/** The bytes of each uploaded file, kept beside the `{ filename, size }` recorded in params. */
const uploads = new WeakMap<object, Buffer>();

function copyUpload(file: UploadedFile): UploadedFile {
  const copy = { ...file };
  const data = uploads.get(file);
  if (data) uploads.set(copy, data);
  return copy;
}

/** The bytes of a file a call uploaded, e.g. `uploadedBytes(call.params.document)`. */
export function uploadedBytes(file: unknown): Buffer | undefined {
  return typeof file === 'object' && file !== null ? uploads.get(file) : undefined;
}

function readBody(req: IncomingMessage): Promise<Buffer | 'too-large' | 'aborted'> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', () => resolve('aborted'));
  });
}

function parseBody(contentType: string, body: Buffer): ParsedBody | string {
  const parsed: ParsedBody = { form: [], json: {}, files: new Map() };
  if (body.length === 0) return parsed;
  const mediaType = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  if (mediaType === 'application/json' || mediaType === '') {
    const json = parseJsonObject(body.toString('utf8'));
    if (!json) return 'Bad Request: the request body is not a JSON object';
    parsed.json = json;
  } else if (mediaType === 'application/x-www-form-urlencoded') {
    parsed.form = [...new URLSearchParams(body.toString('utf8')).entries()];
  } else if (mediaType === 'multipart/form-data') {
    const parts = parseMultipart(body, multipartBoundary(contentType));
    if (typeof parts === 'string') return `Bad Request: invalid multipart body: ${parts}`;
    for (const part of parts) {
      if (part.filename === undefined) parsed.form.push([part.name, part.data.toString('utf8')]);
      else {
        const file = { filename: part.filename, size: part.data.length };
        uploads.set(file, part.data);
        parsed.files.set(part.name, file);
      }
    }
  } else {
    return `Bad Request: unsupported content type ${mediaType}`;
  }
  return parsed;
}

function parseJsonObject(text: string): Json | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return isPlainObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function multipartBoundary(contentType: string): string {
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2] ?? '';
}

interface MultipartPart {
  name: string;
  filename?: string;
  data: Buffer;
}

/** A small multipart/form-data parser (RFC 7578), binary-safe. Returns parts or an error. */
function parseMultipart(body: Buffer, boundary: string): MultipartPart[] | string {
  if (boundary === '') return 'missing boundary';
  const delimiter = Buffer.from(`--${boundary}`);
  const nextDelimiter = Buffer.from(`\r\n--${boundary}`);
  const parts: MultipartPart[] = [];
  let position = body.indexOf(delimiter);
  if (position < 0) return 'boundary not found';
  for (;;) {
    position += delimiter.length;
    if (body[position] === 0x2d && body[position + 1] === 0x2d) return parts; // closing "--"
    position = skipLineBreak(body, position);
    if (position < 0) return 'malformed boundary line';
    const headerEnd = body.indexOf('\r\n\r\n', position - 2);
    if (headerEnd < 0) return 'unterminated part headers';
    const end = body.indexOf(nextDelimiter, headerEnd + 4);
    if (end < 0) return 'unterminated part';
    const headers = body.subarray(position, Math.max(position, headerEnd)).toString('utf8');
    const part = parsePartHeaders(headers, body.subarray(headerEnd + 4, end));
    if (typeof part === 'string') return part;
    parts.push(part);
    position = end + 2;
  }
}

function skipLineBreak(body: Buffer, start: number): number {
  let position = start;
  while (body[position] === 0x20 || body[position] === 0x09) position += 1; // transport padding
  if (body[position] === 0x0d && body[position + 1] === 0x0a) return position + 2;
  return -1;
}

function parsePartHeaders(headers: string, data: Buffer): MultipartPart | string {
  const disposition = headers.split('\r\n').find((line) => /^content-disposition\s*:/i.test(line));
  if (!disposition) return 'part without content-disposition';
  const name = dispositionParameter(disposition, 'name');
  if (name === undefined) return 'part without a name';
  const filename = dispositionParameter(disposition, 'filename');
  return filename === undefined ? { name, data } : { name, filename, data };
}

/** Reads `name="x"` or `filename=a.pdf` (grammY does not quote file names). */
function dispositionParameter(disposition: string, key: string): string | undefined {
  const pattern = new RegExp(`;\\s*${key}\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|([^;]*))`, 'i');
  const match = pattern.exec(disposition);
  if (!match) return undefined;
  return match[1] !== undefined ? match[1].replace(/\\(.)/g, '$1') : (match[2] ?? '').trim();
}

// ---------------------------------------------------------------------------------------------
// Decoding parameters
// ---------------------------------------------------------------------------------------------

function setParam(params: Json, key: string, value: unknown): void {
  Object.defineProperty(params, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

function isStructuredType(type: string): boolean {
  return type.startsWith(ARRAY_PREFIX) || !PRIMITIVE_CHECKS.has(type);
}

/** Form values are strings: turn them back into what the schema declares for that field. */
function decodeFormValue(raw: string, field: FieldRule | undefined): unknown {
  if (!field) return raw;
  const { types } = field;
  if (types.some(isStructuredType) && /^\s*[[{]/.test(raw)) {
    const json = tryParseJson(raw);
    if (json !== undefined) return json;
  }
  if (types.includes('Integer') && isIntegerString(raw) && Number.isSafeInteger(Number(raw))) {
    return Number(raw);
  }
  if (types.includes('Float') && isNumericString(raw)) return Number(raw);
  if (types.includes('Boolean') && (raw === 'true' || raw === 'false')) return raw === 'true';
  return raw;
}

function tryParseJson(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}

/** Replaces `attach://<part>` strings with the uploaded file they reference. */
function resolveAttachments(
  value: unknown,
  files: Map<string, UploadedFile>,
  used: Set<string>,
): unknown {
  if (typeof value === 'string' && value.startsWith('attach://')) {
    const id = value.slice('attach://'.length);
    const file = files.get(id);
    if (!file) return value;
    used.add(id);
    return copyUpload(file);
  }
  if (Array.isArray(value)) return value.map((item) => resolveAttachments(item, files, used));
  if (!isPlainObject(value)) return value;
  const resolved: Json = {};
  for (const [key, child] of Object.entries(value)) {
    setParam(resolved, key, resolveAttachments(child, files, used));
  }
  return resolved;
}

function decodeParams(query: URLSearchParams, body: ParsedBody, entry: EntryRule): Json {
  const params: Json = {};
  for (const [key, raw] of [...query.entries(), ...body.form]) {
    setParam(params, key, decodeFormValue(raw, entry.fields.get(key)));
  }
  for (const [key, value] of Object.entries(body.json)) setParam(params, key, value);
  const used = new Set<string>();
  const resolved = resolveAttachments(params, body.files, used) as Json;
  for (const [name, file] of body.files) {
    if (!used.has(name)) setParam(resolved, name, copyUpload(file));
  }
  return resolved;
}

// ---------------------------------------------------------------------------------------------
// The server
// ---------------------------------------------------------------------------------------------

const DEFAULT_TOKEN = '123456:TEST-TOKEN';
const DEFAULT_BOT_USER = {
  id: 999000,
  is_bot: true,
  first_name: 'Voisins solidaires',
  username: 'voisins_test_bot',
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
};

const MEMBER_TYPES: Record<ChatMemberStatus, string> = {
  creator: 'ChatMemberOwner',
  administrator: 'ChatMemberAdministrator',
  member: 'ChatMemberMember',
  restricted: 'ChatMemberRestricted',
  left: 'ChatMemberLeft',
  kicked: 'ChatMemberBanned',
};

const FAILURE_DESCRIPTIONS: Record<500 | 502 | 503, string> = {
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

interface Reply {
  status: number;
  body: Json;
  headers?: Record<string, string>;
}

interface PollWaiter {
  offset: number | undefined;
  limit: number;
  finish(updates: Json[]): Promise<void>;
}

interface CallWatcher {
  check(): void;
  fail(reason: string): void;
}

interface Update extends Json {
  update_id: number;
}

const ok = (result: unknown): Reply => ({ status: 200, body: { ok: true, result } });
const error = (status: number, description: string): Reply => ({
  status,
  body: { ok: false, error_code: status, description },
});

function toInt(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  return isIntegerString(value) ? Number(value) : undefined;
}

function toBool(value: unknown, fallback: boolean): boolean {
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  return fallback;
}

function unixNow(): number {
  return Math.floor(Date.now() / 1000);
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

function summarize(call: RecordedCall, description: string | undefined): string {
  const params = JSON.stringify(call.params);
  const shown = params.length > 160 ? `${params.slice(0, 157)}...` : params;
  return `  ${call.method} → ${call.status}${description ? ` (${description})` : ''} ${shown}`;
}

class FakeBotApiServer implements FakeBotApi {
  url = '';
  readonly token: string;
  readonly calls: RecordedCall[] = [];

  private readonly botUser: Json;
  private readonly server: Server;
  private updates: Update[] = [];
  private nextId = 1;
  private readonly pollWaiters = new Set<PollWaiter>();
  private readonly callWatchers = new Set<CallWatcher>();
  private readonly failures: { method: string; remaining: number; failure: FakeFailure }[] = [];
  /** Calls per method still to be carried out and then left unanswered (dropAnswerNext). */
  private readonly droppedAnswers = new Map<string, number>();
  private bucket:
    | { perSecond: number; burst: number; methods: Set<string>; tokens: number; at: number }
    | undefined;
  private readonly members = new Map<string, ChatMemberStatus>();
  private readonly migrations = new Map<
    number,
    { to: number; oldMessages: 'read-only' | 'editable' }
  >();
  private readonly messages = new Map<string, Json>();
  /** `chat:message` keys deleteMessage removed, in order. */
  readonly deletedMessages: string[] = [];
  private readonly lastMessageIds = new Map<string, number>();
  private readonly channelIds = new Map<string, number>();
  private readonly commands = new Map<string, unknown>();
  private readonly descriptions = new WeakMap<RecordedCall, string>();
  private currentWebhook: { url: string; secret_token?: string } | undefined;
  private fileCounter = 0;
  private pollCounter = 0;
  private closed = false;
  private closing: Promise<void> | undefined;

  constructor(options: FakeBotApiOptions) {
    this.token = options.token ?? DEFAULT_TOKEN;
    this.botUser = { ...DEFAULT_BOT_USER, ...options.botUser, is_bot: true };
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((cause: unknown) => {
        const message = cause instanceof Error ? cause.message : String(cause);
        void this.send(res, error(500, `Internal Server Error: fake Bot API bug: ${message}`));
      });
    });
  }

  listen(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => {
        const { port } = this.server.address() as AddressInfo;
        this.url = `http://127.0.0.1:${port}`;
        resolve();
      });
    });
  }

  // --- test-facing API ---

  successfulCalls(method?: string): RecordedCall[] {
    return this.calls.filter(
      (c) => c.status === 200 && (method === undefined || c.method === method),
    );
  }

  pushUpdate(update: Record<string, unknown>): number {
    const id = toInt(update.update_id) ?? this.nextId;
    this.nextId = Math.max(this.nextId, id + 1);
    this.updates.push({ ...structuredClone(update), update_id: id });
    for (const waiter of this.pollWaiters) {
      const ready = this.pendingUpdates(waiter.offset, waiter.limit);
      if (ready.length > 0) void waiter.finish(ready);
    }
    return id;
  }

  nextUpdateId(): number {
    return this.nextId;
  }

  failNext(method: string, count: number, failure: FakeFailure): void {
    if (count > 0) this.failures.push({ method, remaining: count, failure });
  }

  dropAnswerNext(method: string, count: number): void {
    if (count > 0) this.droppedAnswers.set(method, (this.droppedAnswers.get(method) ?? 0) + count);
  }

  limitRate(limit: FakeRateLimit | undefined): void {
    if (limit && !(limit.perSecond > 0)) throw new Error('limitRate: perSecond must be > 0');
    const burst = limit?.burst ?? limit?.perSecond ?? 0;
    this.bucket = limit && {
      perSecond: limit.perSecond,
      burst,
      methods: new Set(limit.methods ?? ['sendMessage']),
      tokens: burst,
      at: performance.now(),
    };
  }

  setChatMember(chatId: number, userId: number, status: ChatMemberStatus): void {
    this.members.set(memberKey(chatId, userId), status);
  }

  migrateChat(oldChatId: number, newChatId: number, options: FakeMigrationOptions = {}): void {
    this.migrations.set(oldChatId, {
      to: newChatId,
      oldMessages: options.oldMessages ?? 'read-only',
    });
  }

  message(chatId: number, messageId: number): Record<string, unknown> | undefined {
    const message = this.messages.get(`${chatId}:${messageId}`);
    return message && structuredClone(message);
  }

  webhook(): { url: string; secret_token?: string } | undefined {
    return this.currentWebhook ? { ...this.currentWebhook } : undefined;
  }

  waitForCalls(method: string, count: number, timeoutMs = 5000): Promise<RecordedCall[]> {
    return new Promise((resolve, reject) => {
      const watcher: CallWatcher = {
        check: () => {
          const found = this.successfulCalls(method);
          if (found.length < count) return;
          done();
          resolve(found);
        },
        fail: (reason) => {
          done();
          reject(new Error(`${reason}\n${this.describeCalls()}`));
        },
      };
      const timer = setTimeout(() => {
        const seen = this.successfulCalls(method).length;
        watcher.fail(
          `waitForCalls: expected ${count} successful ${method} call(s) within ${timeoutMs} ms, saw ${seen}`,
        );
      }, timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        this.callWatchers.delete(watcher);
      };
      this.callWatchers.add(watcher);
      watcher.check();
    });
  }

  close(): Promise<void> {
    this.closed = true;
    this.closing ??= this.shutdown();
    return this.closing;
  }

  // --- request handling ---

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    if (body === 'aborted') return;
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const route = parseRoute(url.pathname);
    if (!route) return this.send(res, error(404, 'Not Found'));
    const { token, method } = route;
    if (token !== this.token) return this.answer(res, method, {}, error(401, 'Unauthorized'));
    const entry = METHODS.get(method);
    if (!entry) return this.answer(res, method, {}, error(404, 'Not Found'));
    if (body === 'too-large') {
      return this.answer(res, method, {}, error(413, 'Request Entity Too Large'));
    }
    const parsed = parseBody(req.headers['content-type'] ?? '', body);
    if (typeof parsed === 'string') return this.answer(res, method, {}, error(400, parsed));
    const params = decodeParams(url.searchParams, parsed, entry);
    const failure = this.takeFailure(method);
    if (failure) return this.answer(res, method, params, failureReply(failure));
    const issue = validateCall(method, params);
    if (issue) return this.answer(res, method, params, error(400, issue));
    const retryAfter = this.takeToken(method);
    if (retryAfter !== undefined) {
      return this.answer(res, method, params, failureReply({ status: 429, retryAfter }));
    }
    if (method === 'getUpdates') return this.getUpdates(res, params);
    const refusal = this.migratedChatRefusal(method, params);
    if (refusal) return this.answer(res, method, params, refusal);
    const reply = this.dispatch(method, params);
    const drops = this.droppedAnswers.get(method) ?? 0;
    if (drops > 0 && reply.status === 200) {
      this.droppedAnswers.set(method, drops - 1);
      this.record(method, params, reply);
      res.destroy();
      return Promise.resolve();
    }
    return this.answer(res, method, params, reply);
  }

  private answer(res: ServerResponse, method: string, params: Json, reply: Reply): Promise<void> {
    this.record(method, params, reply);
    return this.send(res, reply);
  }

  private record(method: string, params: Json, reply: Reply): void {
    const call: RecordedCall = { method, params, at: Date.now(), status: reply.status };
    if (reply.status === 200) call.result = reply.body.result;
    if (reply.status !== 200) this.descriptions.set(call, String(reply.body.description));
    this.calls.push(call);
    for (const watcher of [...this.callWatchers]) watcher.check();
  }

  private send(res: ServerResponse, reply: Reply): Promise<void> {
    if (res.headersSent || res.destroyed) return Promise.resolve();
    const payload = JSON.stringify(reply.body);
    return new Promise((resolve) => {
      res.once('close', () => resolve());
      res.writeHead(reply.status, {
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(payload)),
        ...(this.closed ? { connection: 'close' } : {}),
        ...reply.headers,
      });
      res.end(payload, () => resolve());
    });
  }

  private takeFailure(method: string): FakeFailure | undefined {
    const rule = this.failures.find(
      (r) => r.method === method || (r.method === '*' && method !== 'getUpdates'),
    );
    if (!rule) return undefined;
    rule.remaining -= 1;
    if (rule.remaining <= 0) this.failures.splice(this.failures.indexOf(rule), 1);
    return rule.failure;
  }

  /** Undefined when the call may go (a token is taken), else the seconds until one is free. */
  private takeToken(method: string): number | undefined {
    const bucket = this.bucket;
    if (!bucket?.methods.has(method)) return undefined;
    const now = performance.now();
    bucket.tokens = Math.min(
      bucket.burst,
      bucket.tokens + ((now - bucket.at) / 1000) * bucket.perSecond,
    );
    bucket.at = now;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return undefined;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / bucket.perSecond));
  }

  private describeCalls(): string {
    if (this.calls.length === 0) return 'No calls were recorded.';
    const lines = this.calls.slice(-40).map((c) => summarize(c, this.descriptions.get(c)));
    return `Calls so far (${this.calls.length}, last 40 shown):\n${lines.join('\n')}`;
  }

  private async shutdown(): Promise<void> {
    const flushes = [...this.pollWaiters].map((waiter) => waiter.finish([]));
    for (const watcher of [...this.callWatchers]) watcher.fail('waitForCalls: the fake was closed');
    await Promise.race([Promise.all(flushes), delay(1000)]);
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  // --- getUpdates ---

  private async getUpdates(res: ServerResponse, params: Json): Promise<void> {
    if (this.currentWebhook) {
      const conflict = error(
        409,
        "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
      );
      return this.answer(res, 'getUpdates', params, conflict);
    }
    this.record('getUpdates', params, ok([]));
    const offset = this.confirmUpdates(toInt(params.offset));
    const limit = clamp(toInt(params.limit) ?? 100, 1, 100);
    const timeout = Math.max(0, toInt(params.timeout) ?? 0);
    const ready = this.pendingUpdates(offset, limit);
    if (ready.length > 0 || timeout === 0 || this.closed) return this.send(res, ok(ready));
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => void waiter.finish([]), timeout * 1000);
      const waiter: PollWaiter = {
        offset,
        limit,
        finish: (updates) => {
          clearTimeout(timer);
          this.pollWaiters.delete(waiter);
          return this.send(res, ok(updates)).then(resolve);
        },
      };
      res.once('close', () => {
        clearTimeout(timer);
        this.pollWaiters.delete(waiter);
        resolve();
      });
      this.pollWaiters.add(waiter);
    });
  }

  /** Drops confirmed updates; returns the offset to serve from (undefined = from the start). */
  private confirmUpdates(offset: number | undefined): number | undefined {
    if (offset === undefined || offset === 0) return undefined;
    if (offset < 0) {
      this.updates = this.updates.slice(offset);
      return undefined;
    }
    this.updates = this.updates.filter((update) => update.update_id >= offset);
    return offset;
  }

  private pendingUpdates(offset: number | undefined, limit: number): Json[] {
    return this.updates
      .filter((update) => offset === undefined || update.update_id >= offset)
      .slice(0, limit)
      .map((update) => structuredClone(update));
  }

  // --- other methods ---

  private dispatch(method: string, params: Json): Reply {
    switch (method) {
      case 'getMe':
        return ok(this.botUser);
      case 'sendMessage':
        return ok(this.storeNewMessage(params, this.textContent(params)));
      case 'sendDocument':
        return ok(this.storeNewMessage(params, this.documentContent(params)));
      case 'sendPoll':
        return ok(this.storeNewMessage(params, { poll: this.newPoll(params) }));
      case 'editMessageText':
        return ok(this.editMessage(params, this.textContent(params)));
      case 'editMessageReplyMarkup':
        return ok(this.editMessage(params, {}));
      case 'stopPoll':
        return this.stopPoll(params);
      case 'deleteMessage':
        return this.deleteMessage(params);
      case 'setMyCommands':
        this.commands.set(commandsKey(params), params.commands);
        return ok(true);
      case 'deleteMyCommands':
        this.commands.delete(commandsKey(params));
        return ok(true);
      case 'getMyCommands':
        return ok(this.commands.get(commandsKey(params)) ?? []);
      default:
        return this.dispatchChatAndWebhook(method, params);
    }
  }

  private dispatchChatAndWebhook(method: string, params: Json): Reply {
    switch (method) {
      case 'setWebhook':
        this.currentWebhook = {
          url: String(params.url),
          ...(typeof params.secret_token === 'string' ? { secret_token: params.secret_token } : {}),
        };
        if (toBool(params.drop_pending_updates, false)) this.updates = [];
        return ok(true);
      case 'deleteWebhook':
        this.currentWebhook = undefined;
        if (toBool(params.drop_pending_updates, false)) this.updates = [];
        return ok(true);
      case 'getWebhookInfo':
        return ok({
          url: this.currentWebhook?.url ?? '',
          has_custom_certificate: false,
          pending_update_count: this.updates.length,
        });
      case 'getChat':
        return ok(fillRequired('ChatFullInfo', this.chatOf(params.chat_id)));
      case 'getChatMember':
        return ok(this.chatMember(params.chat_id, params.user_id));
      case 'getChatAdministrators':
        return ok(this.chatAdministrators(params.chat_id));
      default: {
        const returnsMessage = METHODS.get(method)?.returns.includes('Message') ?? false;
        if (!returnsMessage || isAbsent(params.chat_id)) return ok(true);
        return ok(this.storeNewMessage(params, this.textContent(params)));
      }
    }
  }

  private chatOf(chatId: unknown): Json {
    if (typeof chatId === 'string' && !isIntegerString(chatId)) {
      const username = chatId.replace(/^@/, '');
      let id = this.channelIds.get(username);
      if (id === undefined) {
        id = -1_000_000_000_000 - this.channelIds.size - 1;
        this.channelIds.set(username, id);
      }
      return { id, type: 'channel', title: username, username };
    }
    const id = Number(chatId);
    if (id > 0) return { id, type: 'private', first_name: `User${id}` };
    return { id, type: id <= -1_000_000_000_000 ? 'supergroup' : 'group', title: `Chat ${id}` };
  }

  private botAsSender(): Json {
    const { id, is_bot, first_name, username } = this.botUser;
    return { id, is_bot, first_name, username };
  }

  private userOf(userId: unknown): Json {
    const id = Number(userId);
    if (id === this.botUser.id) return this.botAsSender();
    return { id, is_bot: false, first_name: `User${id}` };
  }

  private messageKey(params: Json): string {
    return `${String(this.chatOf(params.chat_id).id)}:${String(params.message_id)}`;
  }

  private textContent(params: Json): Json {
    const content: Json = {};
    for (const key of ['text', 'entities', 'caption', 'caption_entities']) {
      if (!isAbsent(params[key])) content[key] = params[key];
    }
    return content;
  }

  private documentContent(params: Json): Json {
    const file = params.document;
    this.fileCounter += 1;
    const document = isUploadedFile(file)
      ? {
          file_id: `document-${this.fileCounter}`,
          file_unique_id: `unique-document-${this.fileCounter}`,
          file_name: file.filename,
          file_size: file.size,
        }
      : { file_id: String(file), file_unique_id: `unique-document-${this.fileCounter}` };
    return { document, ...this.textContent(params) };
  }

  private newPoll(params: Json): Json {
    this.pollCounter += 1;
    const options = Array.isArray(params.options) ? params.options : [];
    return {
      id: `poll-${this.pollCounter}`,
      question: params.question,
      options: options.map((option) => ({
        text: isPlainObject(option) ? option.text : option,
        voter_count: 0,
      })),
      total_voter_count: 0,
      is_closed: toBool(params.is_closed, false),
      is_anonymous: toBool(params.is_anonymous, true),
      type: typeof params.type === 'string' ? params.type : 'regular',
      allows_multiple_answers: toBool(params.allows_multiple_answers, false),
    };
  }

  private storeNewMessage(params: Json, content: Json): Json {
    const chat = this.chatOf(params.chat_id);
    const chatKey = String(chat.id);
    const messageId = (this.lastMessageIds.get(chatKey) ?? 0) + 1;
    this.lastMessageIds.set(chatKey, messageId);
    const message: Json = {
      message_id: messageId,
      ...(isAbsent(params.message_thread_id)
        ? {}
        : { message_thread_id: params.message_thread_id }),
      from: this.botAsSender(),
      date: unixNow(),
      chat,
      ...content,
      ...inlineMarkup(params.reply_markup),
    };
    this.messages.set(`${chatKey}:${messageId}`, message);
    return message;
  }

  /** Edits a stored message (or a message the fake never saw); inline messages answer true. */
  private editMessage(params: Json, content: Json): Json | true {
    if (!isAbsent(params.inline_message_id)) return true;
    const key = this.messageKey(params);
    const existing = this.messages.get(key) ?? {
      message_id: toInt(params.message_id),
      from: this.botAsSender(),
      date: unixNow(),
      chat: this.chatOf(params.chat_id),
    };
    const edited: Json = { ...existing, ...content, edit_date: unixNow() };
    delete edited.reply_markup; // an edit without reply_markup removes the inline keyboard
    Object.assign(edited, inlineMarkup(params.reply_markup));
    this.messages.set(key, edited);
    return edited;
  }

  /** Telegram's answers (telegram-bot-api's check_message, TDLib's stop_poll). */
  private stopPoll(params: Json): Reply {
    const key = this.messageKey(params);
    const message = this.messages.get(key);
    if (!message) return error(400, 'Bad Request: message with poll to stop not found');
    if (!isPlainObject(message.poll)) return error(400, 'Bad Request: message is not a poll');
    if (message.poll.is_closed === true) {
      return error(400, 'Bad Request: poll has already been closed');
    }
    const poll = { ...message.poll, is_closed: true };
    this.messages.set(key, { ...message, poll, ...inlineMarkup(params.reply_markup) });
    return ok(poll);
  }

  /** What a call on a group upgraded to a supergroup gets (see FakeMigrationOptions). */
  private migratedChatRefusal(method: string, params: Json): Reply | undefined {
    const migration = this.migrations.get(toInt(params.chat_id) ?? NaN);
    if (!migration) return undefined;
    if (EDITING_METHODS.has(method)) {
      if (migration.oldMessages === 'editable') return undefined;
      return error(
        400,
        method === 'stopPoll'
          ? "Bad Request: poll can't be stopped"
          : "Bad Request: message can't be edited",
      );
    }
    if (!needsWriteAccess(method)) return undefined;
    return {
      status: 400,
      body: {
        ok: false,
        error_code: 400,
        description: 'Bad Request: group chat was upgraded to a supergroup chat',
        parameters: { migrate_to_chat_id: migration.to },
      },
    };
  }

  private chatMember(chatId: unknown, userId: unknown): Json {
    const status = this.members.get(memberKey(chatId, userId)) ?? 'member';
    return buildChatMember(status, this.userOf(userId));
  }

  /**
   * The bot's own messages go; in a group, another's message only when the bot is an admin
   * (Telegram: "can_delete_messages"), else 400 as Telegram answers. Messages people wrote
   * are not kept by this fake, so their ids are not checked; deleted ones are recorded.
   */
  private deleteMessage(params: Json): Reply {
    const key = this.messageKey(params);
    const chat = this.chatOf(params.chat_id);
    const own = this.messages.has(key);
    const botStatus = this.members.get(memberKey(chat.id, this.botUser.id)) ?? 'member';
    if (!own && chat.type !== 'private' && !isAdminStatus(botStatus)) {
      return error(400, "Bad Request: message can't be deleted");
    }
    this.messages.delete(key);
    this.deletedMessages.push(key);
    return ok(true);
  }

  private chatAdministrators(chatId: unknown): Json[] {
    const prefix = memberKey(chatId, '');
    return [...this.members.entries()]
      .filter(([key, status]) => key.startsWith(prefix) && isAdminStatus(status))
      .map(([key, status]) => buildChatMember(status, this.userOf(key.slice(prefix.length))));
  }
}

function parseRoute(pathname: string): { token: string; method: string } | undefined {
  const match = /^\/bot([^/]+)\/([^/]+)$/.exec(pathname);
  if (!match?.[1] || !match[2]) return undefined;
  try {
    return { token: decodeURIComponent(match[1]), method: decodeURIComponent(match[2]) };
  } catch {
    return undefined;
  }
}

function failureReply(failure: FakeFailure): Reply {
  if (failure.status === 429) {
    const seconds = failure.retryAfter;
    return {
      status: 429,
      headers: { 'retry-after': String(seconds) },
      body: {
        ok: false,
        error_code: 429,
        description: `Too Many Requests: retry after ${seconds}`,
        parameters: { retry_after: seconds },
      },
    };
  }
  return error(failure.status, FAILURE_DESCRIPTIONS[failure.status]);
}

function inlineMarkup(markup: unknown): Json {
  return isPlainObject(markup) && Array.isArray(markup.inline_keyboard)
    ? { reply_markup: markup }
    : {};
}

function commandsKey(params: Json): string {
  const scope = isPlainObject(params.scope) ? params.scope : {};
  return JSON.stringify([
    scope.type ?? 'default',
    isAbsent(scope.chat_id) ? null : String(scope.chat_id),
    isAbsent(scope.user_id) ? null : String(scope.user_id),
    params.language_code ?? '',
  ]);
}

function memberKey(chatId: unknown, userId: unknown): string {
  const normalize = (id: unknown): string =>
    isIntegerString(id) ? String(Number(id)) : String(id);
  return `${normalize(chatId)}:${userId === '' ? '' : normalize(userId)}`;
}

/** Methods that act on a message already sent: the Bot API server asks only edit rights. */
const EDITING_METHODS = new Set([
  'editMessageText',
  'editMessageCaption',
  'editMessageMedia',
  'editMessageReplyMarkup',
  'editMessageLiveLocation',
  'stopMessageLiveLocation',
  'stopPoll',
]);

/** Methods the Bot API server checks with write rights (sending, the member list). */
function needsWriteAccess(method: string): boolean {
  return (
    /^(send|forward|copy)/.test(method) ||
    ['getChatMember', 'getChatAdministrators', 'getChatMemberCount'].includes(method)
  );
}

function isAdminStatus(status: ChatMemberStatus): boolean {
  return status === 'creator' || status === 'administrator';
}

function buildChatMember(status: ChatMemberStatus, user: Json): Json {
  const member = fillRequired(MEMBER_TYPES[status], { status, user }, (field) => {
    if (field.name === 'is_member') return true;
    const grantable = field.name.startsWith('can_') && field.name !== 'can_be_edited';
    return status === 'administrator' && grantable;
  });
  return member;
}

/** Completes `base` with a default for every required field of a schema type. */
function fillRequired(
  typeName: string,
  base: Json,
  booleanDefault: (field: FieldRule) => boolean = () => false,
  depth = 0,
): Json {
  const result: Json = { ...base };
  if (depth > 4) return result;
  for (const field of TYPES.get(typeName)?.fields.values() ?? []) {
    if (!field.required || field.name in result) continue;
    const [type = 'String'] = field.types;
    if (type === 'Boolean') result[field.name] = booleanDefault(field);
    else if (type === 'Integer' || type === 'Float') result[field.name] = 0;
    else if (type === 'String') result[field.name] = '';
    else if (type.startsWith(ARRAY_PREFIX)) result[field.name] = [];
    else result[field.name] = fillRequired(type, {}, () => false, depth + 1);
  }
  return result;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
