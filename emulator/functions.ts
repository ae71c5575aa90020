import { existsSync, readFileSync } from 'node:fs'
import { dirname, isAbsolute, join, relative, resolve } from 'node:path'
import { z } from 'zod'
import { parseCron, type CronSchedule } from './timers'

/** The parts of a function folder's config.json the local cloud honours. */
const functionConfigSchema = z.object({
  permissions: z.object({ openapi: z.array(z.string()).optional() }).optional(),
  triggers: z.array(z.object({ name: z.string(), type: z.string(), config: z.string() })).optional(),
})

export interface FunctionSpec {
  name: string
  modulePath: string
  /** the openapi names config.json grants (`permissions.openapi`); calls to others fail as in the cloud */
  openapiPermissions: ReadonlySet<string>
  timer?: { name: string; schedule: CronSchedule }
}

export type CloudFunctionMain = (event: unknown, context: object) => unknown

/** Reads a function's config.json and checks that it will load the wx-server-sdk copy that was patched. */
export function describeFunction(name: string, modulePath: string, patchedSdkPath: string): FunctionSpec {
  const absolutePath = resolve(modulePath)
  assertLoadsSdk(name, absolutePath, patchedSdkPath)
  const configFile = join(dirname(absolutePath), 'config.json')
  const config = existsSync(configFile) ? readConfig(configFile) : {}
  const timers = (config.triggers ?? []).filter((trigger) => trigger.type === 'timer')
  // one timer trigger per function (DESIGN.md §6)
  if (timers.length > 1)
    throw new Error(`local cloud: ${configFile} declares ${timers.length} timer triggers; the cloud allows one`)
  return {
    name,
    modulePath: absolutePath,
    openapiPermissions: new Set(config.permissions?.openapi ?? []),
    timer: timers[0] && { name: timers[0].name, schedule: parseCron(timers[0].config) },
  }
}

function readConfig(file: string): z.infer<typeof functionConfigSchema> {
  const parsed = functionConfigSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')))
  if (!parsed.success) throw new Error(`local cloud: ${file} is not a valid function config: ${parsed.error.message}`)
  return parsed.data
}

/** Loads the module (through the caller's module registry: jest's under jest) and returns its main. */
export function loadMain(spec: FunctionSpec): CloudFunctionMain {
  const loaded = require(spec.modulePath) as { main?: unknown }
  if (typeof loaded.main !== 'function')
    throw new Error(`local cloud: ${spec.modulePath} does not export main(event, context)`)
  return loaded.main as CloudFunctionMain
}

/**
 * The patch acts on one module instance of wx-server-sdk; a function resolving another copy would talk
 * to the real cloud (or fail on missing credentials), so refuse to start instead.
 */
function assertLoadsSdk(name: string, modulePath: string, patchedSdkPath: string): void {
  const folder = dirname(modulePath)
  let resolved: string
  try {
    resolved = require.resolve('wx-server-sdk', { paths: [folder] })
  } catch {
    throw new Error(`local cloud: function '${name}' (${modulePath}) cannot resolve wx-server-sdk`)
  }
  if (resolved === patchedSdkPath) return
  const insideFolder = relative(folder, resolved)
  if (!insideFolder.startsWith('..') && !isAbsolute(insideFolder)) {
    throw new Error(
      `local cloud: function '${name}' has its own wx-server-sdk (${resolved}); delete ${join(folder, 'node_modules')} ` +
        `(the cloud installs it at deploy time; locally every function must share ${patchedSdkPath}, the copy the local cloud patched)`,
    )
  }
  throw new Error(
    `local cloud: function '${name}' would load wx-server-sdk from ${resolved}, but the local cloud patched ${patchedSdkPath}`,
  )
}
