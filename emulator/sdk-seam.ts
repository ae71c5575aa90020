import { dirname, join } from 'node:path'
import type { Readable } from 'node:stream'
import type { BsonModule } from './database/wire'
import { activeInvocation, requireInvocation, type TcbParams } from './invocation'
import type { OpenApiMessages } from './openapi'

/**
 * The seam. wx-server-sdk 4.0.2 runs on @cloudbase/node-sdk 3.17.2, which sends every TCB API call —
 * database.* (via TcbDBApiHttpRequester, the Db.reqClass of @cloudbase/database), wx.openApi and
 * storage.* — through one function, `request(args)` in dist/utils/tcbapirequester.js, which signs the
 * call and POSTs it. That function is replaced by one that hands `args.params` to the local cloud of the
 * current invocation and returns the response body the endpoint would have sent; every caller above it
 * (query builder, serializer, result and error wrappers) is the SDK's own code, unmodified.
 *
 * Three smaller patches complete it:
 * - node-sdk probes http://metadata.tencentyun.com on every init() to learn whether it runs in Tencent
 *   Cloud (utils/cloudplatform.js preflight); locally the answer is no, without the network.
 * - uploadFile/downloadFile move bytes to and from COS directly, not through request(); CloudBase's two
 *   methods are replaced at the same level.
 * - getWXContext reads process.env (W:2970), which concurrent invocations would share; it answers from
 *   the invocation instead.
 */

const SDK_VERSION = '4.0.2'
const NODE_SDK_VERSION = '3.17.2'

/** Marks a module instance as patched; under jest each test file's module registry has its own instances. */
const PATCHED = Symbol.for('huiqitong.localCloud.patched')

export interface SdkSeam {
  /** the wx-server-sdk entry point that was patched; functions must resolve exactly this file */
  sdkPath: string
  bson: BsonModule
  openApiMessages: OpenApiMessages
}

type Patchable = { [PATCHED]?: true }
type RequesterModule = Patchable & { request(args: { params: TcbParams }): Promise<unknown> }
type MetadataModule = Patchable & { lookupAppId(): Promise<string> }
type CloudBaseClass = { prototype: Patchable & Record<'uploadFile' | 'downloadFile', unknown> }
type WxServerSdk = Patchable & { getWXContext(): unknown; logger?: unknown }
type UploadOptions = { onResponseReceived?: (response: { statusCode: number }) => void }

/**
 * Patches the wx-server-sdk this module's `require` resolves (under jest: in the current module registry)
 * and returns what the local cloud needs from the same dependency tree. Idempotent.
 */
export function installSeam(): SdkSeam {
  const sdkPath = require.resolve('wx-server-sdk')
  const nodeSdkDir = packageDir('@cloudbase/node-sdk', dirname(sdkPath))
  const databaseDir = packageDir('@cloudbase/database', nodeSdkDir)
  assertVersion(dirname(sdkPath), SDK_VERSION)
  assertVersion(nodeSdkDir, NODE_SDK_VERSION)
  const fromNodeSdk = (file: string) => require(join(nodeSdkDir, 'dist', file)) as unknown
  const sdk = require(sdkPath) as WxServerSdk
  // init() adds `logger` (W:261). Code that ran it already may hold copies of the unpatched getWXContext
  // (`import * as cloud` copies properties) and its init probed the network: refuse rather than misbehave.
  if (!sdk[PATCHED] && sdk.logger) {
    throw new Error(
      'local cloud: wx-server-sdk was initialised (cloud.init) before the local cloud patched it; ' +
        'call openLocalCloud before importing modules that initialise the SDK',
    )
  }

  patchOnce(fromNodeSdk('utils/tcbapirequester.js') as RequesterModule, (requester) => {
    requester.request = async ({ params }) => {
      const invocation = requireInvocation(`wx-server-sdk (${params.action})`)
      return invocation.backend.answer(params, invocation)
    }
  })
  patchOnce(fromNodeSdk('utils/metadata.js') as MetadataModule, (metadata) => {
    metadata.lookupAppId = async () => ''
  })
  const { CloudBase } = fromNodeSdk('cloudbase.js') as { CloudBase: CloudBaseClass }
  patchOnce(CloudBase.prototype, (cloudBase) => {
    cloudBase.uploadFile = async (
      { cloudPath, fileContent }: { cloudPath: string; fileContent: Buffer | Readable },
      options?: UploadOptions,
    ) => {
      const invocation = requireInvocation('uploadFile')
      const fileID = await invocation.backend.uploadFile(cloudPath, fileContent, invocation)
      options?.onResponseReceived?.({ statusCode: 200 }) // the provider reports COS's status (W:779)
      return { fileID }
    }
    cloudBase.downloadFile = async ({ fileID }: { fileID: string }) =>
      requireInvocation('downloadFile').backend.downloadFile(fileID)
  })
  patchOnce(sdk, () => {
    const fromEnvironment = sdk.getWXContext
    sdk.getWXContext = () => {
      const invocation = activeInvocation()
      return invocation ? { ...invocation.wxContext } : fromEnvironment()
    }
  })

  const protobuf = require(require.resolve('protobufjs/minimal', { paths: [dirname(sdkPath)] })) as {
    roots: { default: OpenApiMessages }
  }
  return {
    sdkPath,
    bson: require(require.resolve('bson', { paths: [databaseDir] })) as BsonModule,
    openApiMessages: protobuf.roots.default,
  }
}

function patchOnce<T extends Patchable>(target: T, patch: (target: T) => void): void {
  if (target[PATCHED]) return
  patch(target)
  target[PATCHED] = true
}

function packageDir(name: string, from: string): string {
  return dirname(require.resolve(`${name}/package.json`, { paths: [from] }))
}

/** The seam is written against these exact versions; another version may send or expect other shapes. */
function assertVersion(dir: string, expected: string): void {
  const { name, version } = require(join(dir, 'package.json')) as { name: string; version: string }
  if (version !== expected) {
    throw new Error(`local cloud: the seam is written for ${name} ${expected}, but ${dir} is ${version}`)
  }
}
