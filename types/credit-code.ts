/**
 * 统一社会信用代码 (GB 32100-2015). Used by the enterprise form (src/), the directory import
 * (cloudfunctions/) and the demo data (emulator/demo/).
 *
 * Layout of the 18 characters:
 *   1     登记管理部门代码 (9 = 市场监督管理/工商)
 *   2     机构类别代码 (with 9: 1 企业, 2 个体工商户, 3 农民专业合作社)
 *   3–8   登记管理机关行政区划码 (e.g. 450305 七星区)
 *   9–17  主体标识码 (组织机构代码, GB 11714: 8 characters + its own check character)
 *   18    校验码 over the first 17 (this file's concern)
 */

/** The 31 characters the standard allows: no I, O, S, V, Z (too easily misread). */
export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY'

/** Weight of position i is 3^i mod 31 (GB 32100-2015 §4.2, table 3). */
const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

export const CREDIT_CODE_LENGTH = 18

/** The messages a form shows under the field; exported so callers and tests share one wording. */
export const CREDIT_CODE_PROBLEMS = {
  length: '长度应为18位',
  charset: '含非法字符',
  checksum: '校验位错误',
} as const

/** 行政区划码 of Guilin's districts and counties (GB/T 2260), the 3rd–8th characters of a local code. */
export const GUILIN_DIVISION_CODES: Record<string, string> = {
  '450300': '桂林市',
  '450302': '秀峰区',
  '450303': '叠彩区',
  '450304': '象山区',
  '450305': '七星区',
  '450311': '雁山区',
  '450312': '临桂区',
  '450321': '阳朔县',
  '450323': '灵川县',
  '450324': '全州县',
  '450325': '兴安县',
  '450326': '永福县',
  '450327': '灌阳县',
  '450328': '龙胜各族自治县',
  '450329': '资源县',
  '450330': '平乐县',
  '450332': '恭城瑶族自治县',
  '450381': '荔浦市',
}

function hasOnlyCreditCodeChars(s: string): boolean {
  for (const ch of s) if (!CREDIT_CODE_CHARSET.includes(ch)) return false
  return true
}

/** The check character for 17 characters already known to be in the charset. */
function checkCharFor(prefix17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += CREDIT_CODE_CHARSET.indexOf(prefix17[i]) * CREDIT_CODE_WEIGHTS[i]
  return CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31]
}

/**
 * What is wrong with a code, in Chinese, or null when it is valid. Strict: lower-case letters and
 * spaces are illegal characters; a form that wants to be lenient upper-cases and trims first.
 */
export function creditCodeProblem(s: string): string | null {
  if (s.length !== CREDIT_CODE_LENGTH) return CREDIT_CODE_PROBLEMS.length
  if (!hasOnlyCreditCodeChars(s)) return CREDIT_CODE_PROBLEMS.charset
  if (checkCharFor(s.slice(0, 17)) !== s[17]) return CREDIT_CODE_PROBLEMS.checksum
  return null
}

export function isValidCreditCode(s: string): boolean {
  return creditCodeProblem(s) === null
}

/** Appends the check character to 17 characters; throws on a prefix that no valid code can start with. */
export function makeCreditCode(prefix17: string): string {
  if (prefix17.length !== 17) throw new Error(`统一社会信用代码前17位长度应为17位：${prefix17}`)
  if (!hasOnlyCreditCodeChars(prefix17)) throw new Error(`统一社会信用代码前17位含非法字符：${prefix17}`)
  return prefix17 + checkCharFor(prefix17)
}

/** GB 11714 weights of the 组织机构代码's 8 body characters. */
const ORGANIZATION_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]

/**
 * The 9th character of a 组织机构代码 (GB 11714-1997) for its 8 body characters. A real credit code
 * carries it at position 17, so generated demo codes do too.
 */
export function organizationCodeCheckChar(body8: string): string {
  if (!/^[0-9A-Z]{8}$/.test(body8)) throw new Error(`组织机构代码本体应为8位数字或大写字母：${body8}`)
  let sum = 0
  for (let i = 0; i < 8; i++) sum += parseInt(body8[i], 36) * ORGANIZATION_CODE_WEIGHTS[i]
  const c = 11 - (sum % 11)
  return c === 10 ? 'X' : c === 11 ? '0' : String(c)
}
