/**
 * 统一社会信用代码 (GB 32100-2015). The expected check characters were computed by hand from the
 * standard's definition (weights 3^i mod 31, check = 31 − Σ mod 31), not by the module under test.
 */
import {
  CREDIT_CODE_PROBLEMS,
  creditCodeProblem,
  isValidCreditCode,
  makeCreditCode,
  organizationCodeCheckChar,
} from '../../types/credit-code'

describe('统一社会信用代码', () => {
  it('uses the weights of GB 32100-2015 table 3, which are 3^i mod 31', () => {
    const weights = Array.from({ length: 17 }, (_, i) => Number(3n ** BigInt(i) % 31n))
    expect(weights).toEqual([1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28])
  })

  it.each([
    ['the standard’s own example', '91350100M000100Y43'],
    ['七星区, new-style organisation code (Σ = 2722, 2722 mod 31 = 25 → 31−25 = 6)', '91450305MA5KG7XJ66'],
    ['临桂区 (Σ = 2132 → 7)', '91450312MA5L0QC107'],
    ['兴安县, pre-2015 numeric organisation code (Σ = 1012 → 11 = B)', '91450325200449128B'],
    ['龙胜各族自治县 (Σ = 2986 → 20 = M)', '91450328MA5N7TWE2M'],
    ['资源县, 农民专业合作社 93 (Σ = 3005 → 2)', '93450329MA5Q8U1L32'],
  ])('accepts %s: %s', (_why, code) => {
    expect(creditCodeProblem(code)).toBeNull()
    expect(isValidCreditCode(code)).toBe(true)
  })

  it.each([
    ['17 characters', '91450305MA5KG7XJ6', CREDIT_CODE_PROBLEMS.length],
    ['19 characters', '91450305MA5KG7XJ667', CREDIT_CODE_PROBLEMS.length],
    ['nothing at all', '', CREDIT_CODE_PROBLEMS.length],
    ['I, which the charset leaves out (looks like 1)', '91450305MA5KG7XJ6I', CREDIT_CODE_PROBLEMS.charset],
    ['O, which the charset leaves out (looks like 0)', '9145O305MA5KG7XJ66', CREDIT_CODE_PROBLEMS.charset],
    ['lower-case letters (the form upper-cases before asking)', '91450305ma5kg7xj66', CREDIT_CODE_PROBLEMS.charset],
    ['a wrong check character', '91450305MA5KG7XJ67', CREDIT_CODE_PROBLEMS.checksum],
    [
      'two neighbouring characters swapped (distinct weights mod a prime catch every swap)',
      '91450352MA5KG7XJ66',
      CREDIT_CODE_PROBLEMS.checksum,
    ],
    ['one character mistyped', '91450305MA5KG7XJ56', CREDIT_CODE_PROBLEMS.checksum],
  ])('rejects %s', (_why, code, problem) => {
    expect(creditCodeProblem(code)).toBe(problem)
    expect(isValidCreditCode(code)).toBe(false)
  })

  it('says what is wrong in Chinese, length first, then characters, then the check', () => {
    expect(CREDIT_CODE_PROBLEMS).toEqual({ length: '长度应为18位', charset: '含非法字符', checksum: '校验位错误' })
    expect(creditCodeProblem('9145030I')).toBe('长度应为18位')
  })

  it('makes a code by appending the check character', () => {
    expect(makeCreditCode('91450305MA5KG7XJ6')).toBe('91450305MA5KG7XJ66')
    expect(makeCreditCode('91450325200449128')).toBe('91450325200449128B')
    expect(makeCreditCode('91350100M000100Y4')).toBe('91350100M000100Y43')
  })

  it('refuses to make a code from a prefix no valid code can start with', () => {
    expect(() => makeCreditCode('91450305MA5KG7XJ')).toThrow('长度应为17位')
    expect(() => makeCreditCode('91450305MA5KG7XJS')).toThrow('含非法字符')
  })

  it('computes the GB 11714 check of the organisation code a credit code carries', () => {
    // the standard's example carries M000100Y-4; 20044912 → Σ = 146, 146 mod 11 = 3 → 11 − 3 = 8
    expect(organizationCodeCheckChar('M000100Y')).toBe('4')
    expect(organizationCodeCheckChar('20044912')).toBe('8')
    expect(() => organizationCodeCheckChar('2004491')).toThrow()
  })
})
