// Validation failures worded in the user's language. Ajv words its errors in English ("must have
// required property 'partId'"); the stable part a client reads is details.field and details.rule
// (the Ajv keyword), and the sentence in the message follows Accept-Language. The reasons the
// framework and the databases give (bad JSON, a NUL character, …) are worded here too.
import type { Lang } from '../errors.js';

export interface AjvIssue {
  keyword?: string;
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown>;
}

const TYPE_NAMES: Record<string, Record<Lang, string>> = {
  string: { 'zh-CN': '文本', 'zh-TW': '文字', en: 'text' },
  number: { 'zh-CN': '数字', 'zh-TW': '數字', en: 'a number' },
  integer: { 'zh-CN': '整数', 'zh-TW': '整數', en: 'a whole number' },
  boolean: { 'zh-CN': '是或否', 'zh-TW': '是或否', en: 'true or false' },
  array: { 'zh-CN': '列表', 'zh-TW': '列表', en: 'a list' },
  object: { 'zh-CN': '对象', 'zh-TW': '物件', en: 'an object' },
  null: { 'zh-CN': '空', 'zh-TW': '空', en: 'null' },
};

/** The reasons of validation_failed answers the framework or the database gives, in the user's language. */
const REASONS = {
  bad_json: { 'zh-CN': '请求内容不是有效的 JSON', 'zh-TW': '請求內容不是有效的 JSON', en: 'the request body is not valid JSON' },
  malformed_request: { 'zh-CN': '请求格式不对', 'zh-TW': '請求格式不對', en: 'malformed request' },
  malformed_url: { 'zh-CN': '网址格式不对', 'zh-TW': '網址格式不對', en: 'malformed URL' },
  invalid_value: { 'zh-CN': '含有无效的字符或数值', 'zh-TW': '含有無效的字元或數值', en: 'invalid characters or value' },
  nul_character: { 'zh-CN': '文字中不能含有空字符（\\u0000）', 'zh-TW': '文字中不能含有空字元（\\u0000）', en: 'text must not contain the NUL character (\\u0000)' },
  number_out_of_range: { 'zh-CN': '数值超出范围', 'zh-TW': '數值超出範圍', en: 'number out of range' },
} satisfies Record<string, Record<Lang, string>>;
export type ReasonKey = keyof typeof REASONS;

/** details for a validation_failed answer with one of those reasons. */
export const reason = (key: ReasonKey, lang: Lang) => ({ reason: REASONS[key][lang] });

type Words = (field: string, p: Record<string, unknown>, lang: Lang) => string;


const RULES: Record<string, Record<Lang, Words>> = {
  additionalProperties: { 'zh-CN': (f) => `未知字段 ${f}`, 'zh-TW': (f) => `未知欄位 ${f}`, en: (f) => `unknown field ${f}` },
  required: { 'zh-CN': (f) => `缺少必填项 ${f}`, 'zh-TW': (f) => `缺少必填項 ${f}`, en: (f) => `${f} is required` },
  type: {
    'zh-CN': (f, p, l) => `${f} 应为${typeName(p.type, l)}`,
    'zh-TW': (f, p, l) => `${f} 應為${typeName(p.type, l)}`,
    en: (f, p, l) => `${f} must be ${typeName(p.type, l)}`,
  },
  minimum: { 'zh-CN': (f, p) => `${f} 不能小于 ${p.limit}`, 'zh-TW': (f, p) => `${f} 不能小於 ${p.limit}`, en: (f, p) => `${f} must be at least ${p.limit}` },
  exclusiveMinimum: { 'zh-CN': (f, p) => `${f} 必须大于 ${p.limit}`, 'zh-TW': (f, p) => `${f} 必須大於 ${p.limit}`, en: (f, p) => `${f} must be more than ${p.limit}` },
  maximum: { 'zh-CN': (f, p) => `${f} 不能大于 ${p.limit}`, 'zh-TW': (f, p) => `${f} 不能大於 ${p.limit}`, en: (f, p) => `${f} must be at most ${p.limit}` },
  exclusiveMaximum: { 'zh-CN': (f, p) => `${f} 必须小于 ${p.limit}`, 'zh-TW': (f, p) => `${f} 必須小於 ${p.limit}`, en: (f, p) => `${f} must be less than ${p.limit}` },
  minLength: { 'zh-CN': (f, p) => `${f} 至少 ${p.limit} 个字`, 'zh-TW': (f, p) => `${f} 至少 ${p.limit} 個字`, en: (f, p) => `${f} must be at least ${p.limit} characters` },
  maxLength: { 'zh-CN': (f, p) => `${f} 最多 ${p.limit} 个字`, 'zh-TW': (f, p) => `${f} 最多 ${p.limit} 個字`, en: (f, p) => `${f} must be at most ${p.limit} characters` },
  minItems: { 'zh-CN': (f, p) => `${f} 至少 ${p.limit} 项`, 'zh-TW': (f, p) => `${f} 至少 ${p.limit} 項`, en: (f, p) => `${f} needs at least ${p.limit} items` },
  maxItems: { 'zh-CN': (f, p) => `${f} 最多 ${p.limit} 项`, 'zh-TW': (f, p) => `${f} 最多 ${p.limit} 項`, en: (f, p) => `${f} takes at most ${p.limit} items` },
  pattern: { 'zh-CN': (f) => `${f} 格式不对`, 'zh-TW': (f) => `${f} 格式不對`, en: (f) => `${f} has the wrong format` },
  format: { 'zh-CN': (f) => `${f} 格式不对`, 'zh-TW': (f) => `${f} 格式不對`, en: (f) => `${f} has the wrong format` },
  enum: {
    'zh-CN': (f, p) => `${f} 不是允许的取值${allowed(p, '（', '、', '）', 'zh-CN')}`,
    'zh-TW': (f, p) => `${f} 不是允許的值${allowed(p, '（', '、', '）', 'zh-TW')}`,
    en: (f, p) => `${f} is not one of the allowed values${allowed(p, ' (', ', ', ')', 'en')}`,
  },
  const: { 'zh-CN': (f) => `${f} 不是允许的取值`, 'zh-TW': (f) => `${f} 不是允許的值`, en: (f) => `${f} is not the allowed value` },
  anyOf: { 'zh-CN': (f) => `${f} 取值无效`, 'zh-TW': (f) => `${f} 值無效`, en: (f) => `${f} is not valid` },
  multipleOf: { 'zh-CN': (f) => `${f} 小数位过多`, 'zh-TW': (f) => `${f} 小數位過多`, en: (f) => `${f} has too many decimals` },
};

/** The allowed values of an enum (or of a union of constants), when there are few enough to list. */
function allowed(p: Record<string, unknown>, open: string, sep: string, close: string, lang: Lang): string {
  const values = p.allowedValues;
  if (!Array.isArray(values) || values.length === 0 || values.length > 12) return '';
  return open + values.map((v) => (v === null ? TYPE_NAMES.null![lang] : String(v))).join(sep) + close;
}

/**
 * The issue to tell the user. Ajv reports a union's failure as one error per branch, then the
 * anyOf; the first branch of a nullable field is null (prepareSchema), so a bad value of an optional
 * enum read "must be null". A union of constants is told as an enum with its values, a union of
 * types as the list of types, a rule the non-null branch broke as that rule; anything else as
 * Ajv's first issue.
 */
function pick(issues: readonly AjvIssue[]): AjvIssue | undefined {
  const first = issues[0];
  if (!first) return undefined;
  const same = issues.filter((i) => i.instancePath === first.instancePath);
  if (!same.some((i) => i.keyword === 'anyOf')) return first;
  const nullable = same.some((i) => i.keyword === 'type' && i.params?.type === 'null');
  const consts = same.flatMap((i) => (i.keyword === 'const' ? [i.params?.allowedValue] : i.keyword === 'enum' && Array.isArray(i.params?.allowedValues) ? i.params.allowedValues : []));
  if (consts.length > 0) return { keyword: 'enum', instancePath: first.instancePath, params: { allowedValues: nullable ? [...consts, null] : consts } };
  const types = [...new Set(same.flatMap((i) => (i.keyword === 'type' ? String(i.params?.type).split(',') : [])))];
  if (types.length > 1 && same.every((i) => i.keyword === 'type' || i.keyword === 'anyOf')) return { keyword: 'type', instancePath: first.instancePath, params: { type: [...types.filter((t) => t !== 'null'), ...(nullable ? ['null'] : [])].join(',') } };
  // A nullable field whose value had the right type but broke a rule of it (too long, a bad
  // pattern): that rule, not "must be null".
  return same.find((i) => i.keyword !== 'anyOf' && !(i.keyword === 'type' && i.params?.type === 'null')) ?? first;
}

const typeName = (t: unknown, lang: Lang) => String(t).split(',').map((x) => TYPE_NAMES[x]?.[lang] ?? x).join(' / ');

/** details for a validation_failed answer: the field, the rule, and a sentence in `lang`. */
export function validationDetails(issues: readonly AjvIssue[], context: string | undefined, lang: Lang): { field: string; rule: string; reason: string } {
  const issue = pick(issues);
  const rule = issue?.keyword ?? 'invalid';
  const params = issue?.params ?? {};
  const parts = (issue?.instancePath ?? '').split('/').filter(Boolean);
  // A missing or unknown property is named by its own path (lines.0.partId), not its parent's.
  if (rule === 'required' && params.missingProperty !== undefined) parts.push(String(params.missingProperty));
  if (rule === 'additionalProperties' && params.additionalProperty !== undefined) parts.push(String(params.additionalProperty));
  const field = parts.join('.') || (context ?? 'body');
  const words = RULES[rule]?.[lang];
  return { field, rule, reason: words ? words(field, params, lang) : `${field} ${issue?.message ?? ''}`.trim() };
}
