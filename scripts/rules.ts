/**
 * The rules simulator: what would the rules decide for these drafts?
 *
 *   npm run --silent rules -- simulate <drafts.json> [--rules <rules.json>]
 *
 * Prints ONLY a JSON array to stdout, one object per draft in input order; a draft that does not validate
 * yields { id, error: { code, message } } in its place. Instants are Shanghai wall time with offset
 * (2026-10-08T23:59:59.999+08:00); replyDueAt is as if dispatched at submission, null where it waits for a
 * reception day. Problems with the files themselves go to stderr with exit code 1; usage errors exit 2.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { ApiError } from '../types/api'
import type { RulesDocument } from '../types/rules'
import { formatShanghaiInstant, BUILT_IN_CALENDAR } from '../cloudfunctions/core/clock'
import { decide, defaultRulesDocument, loadRulesDocument, parseTicketDraft } from '../cloudfunctions/core/rules'

const USAGE = '用法：npm run --silent rules -- simulate <诉求草稿.json> [--rules <规则.json>]'

type SimulatedDecision =
  | {
      id: string
      track: string
      level: string
      leadUnit: string
      coUnits: string[]
      taskForce: string | null
      acceptDueAt: string
      replyDueAt: string | null
      calendarMissing: boolean
      ruleIds: string[]
    }
  | { id: unknown; error: ApiError }

class UsageError extends Error {}

function parseArguments(argv: readonly string[]): { draftsFile: string; rulesFile: string | null } {
  const [command, ...rest] = argv
  if (command !== 'simulate') throw new UsageError(command === undefined ? '缺少命令' : `未知命令：${command}`)
  let draftsFile: string | null = null
  let rulesFile: string | null = null
  for (let index = 0; index < rest.length; index += 1) {
    const argument = rest[index]
    if (argument === '--rules') {
      rulesFile = rest[index + 1] ?? null
      if (rulesFile === null) throw new UsageError('--rules 后须给出规则文件')
      index += 1
    } else if (argument.startsWith('--')) {
      throw new UsageError(`未知选项：${argument}`)
    } else if (draftsFile === null) {
      draftsFile = argument
    } else {
      throw new UsageError(`多余的参数：${argument}`)
    }
  }
  if (draftsFile === null) throw new UsageError('缺少诉求草稿文件')
  return { draftsFile, rulesFile }
}

function readJson(file: string, what: string): unknown {
  let text: string
  try {
    text = readFileSync(path.resolve(file), 'utf8')
  } catch (error) {
    throw new Error(`无法读取${what} ${file}：${(error as Error).message}`)
  }
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new Error(`${what} ${file} 不是合法的 JSON：${(error as Error).message}`)
  }
}

function simulate(input: unknown, rules: RulesDocument): SimulatedDecision {
  const parsed = parseTicketDraft(input)
  if (!parsed.ok) {
    const id = typeof input === 'object' && input !== null && 'id' in input ? input.id : null
    return { id, error: parsed.error }
  }
  const { draft } = parsed
  const decision = decide(draft, rules, BUILT_IN_CALENDAR, {}, draft.submittedAt)
  return {
    id: draft.id,
    track: decision.track,
    level: decision.level,
    leadUnit: decision.leadUnit,
    coUnits: decision.coUnits,
    taskForce: decision.taskForce,
    acceptDueAt: formatShanghaiInstant(decision.acceptDueAt),
    replyDueAt: decision.replyDueAt === null ? null : formatShanghaiInstant(decision.replyDueAt),
    calendarMissing: decision.calendarMissing,
    ruleIds: decision.ruleIds,
  }
}

function main(argv: readonly string[]): number {
  try {
    const { draftsFile, rulesFile } = parseArguments(argv)
    const rules = rulesFile === null ? defaultRulesDocument() : loadRulesDocument(readJson(rulesFile, '规则文件'))
    const drafts = readJson(draftsFile, '诉求草稿文件')
    if (!Array.isArray(drafts)) throw new Error(`诉求草稿文件 ${draftsFile} 须是 JSON 数组`)
    process.stdout.write(
      `${JSON.stringify(
        drafts.map((draft) => simulate(draft, rules)),
        null,
        2,
      )}\n`,
    )
    return 0
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n${USAGE}\n`)
      return 2
    }
    process.stderr.write(`${(error as Error).message}\n`)
    return 1
  }
}

process.exitCode = main(process.argv.slice(2))
