/**
 * Text a person types as a name, a keyword or a short note: printable only. A control character (NUL, an
 * escape, a line break in a name) or half of a UTF-16 surrogate pair cannot be shown, searched or exported
 * faithfully and breaks the database's string handling (a NUL keyword made the query engine fail), so it is
 * refused with a message instead (issue 8 §6).
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/
/** with the u flag a proper pair is one code point, so this finds only a lone half */
const LONE_SURROGATE = /\p{Cs}/u

export function isPlainText(text: string): boolean {
  return !CONTROL_CHARACTER.test(text) && !LONE_SURROGATE.test(text)
}

export const plainTextMessage = (label: string) => `${label}含有不支持的字符（如控制字符），请修改后再提交`
